// Submit: `dubanctl submit`, one suggestion from flags or many from a .json/.csv file, sent to
// duban.submit. Many items are pipelined (up to kSubmitWindow outstanding on one connection) with
// a progress bar on stderr when stderr is a terminal, then a summary:
// "N submitted, M duplicates, K failed". Every item carries a request_id (given, derived from the
// content, or random), so re-running after a failure or a timeout never files anything twice.
//
// Thread rules: runs on the main thread.
#pragma once

#include <cstdint>

#include "dubanctl/commands.h"

namespace duban::ctl {

// Requests in flight at once. Enough to fill the broker's batches (one Redis trip per loop turn)
// without queueing a whole file in ZeroMQ before the first answer shows whether the broker is up.
inline constexpr std::size_t kSubmitWindow = 64;

// Adds submit's options to `sub`; the returned action runs it. Exit codes: 0 when every item was
// submitted or was a duplicate; 1 when an item was refused (each is printed with its request_id);
// 2 for missing flags; 3 when the broker stopped answering (the rest are reported unconfirmed);
// 4 for a file that cannot be read or parsed (nothing is sent).
Action SetUpSubmit(CLI::App& sub);

}  // namespace duban::ctl
