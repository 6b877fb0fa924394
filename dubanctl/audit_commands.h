// AuditCommands: `dubanctl verify` and `dubanctl check`, the staff's audit tools.
//
// verify CODE | verify --all: checks audit chains (duban.verify; common/audit_chain.h). One code
// prints "intact" or the first bad entry and what is wrong; --all walks every suggestion a page at
// a time, with progress on stderr, lists the failures and ends with a summary line.
// check: lists open suggestions that no pending timer or task waits on (duban.check): code,
// state, last audit action and its time, and why (no task, no timer / dead letter: reason), then
// a summary line. Both print a table for people or, with --json, {"results": [ChainResult],
// "checked": N, "failed": N} (--all: the failures only) and {"stuck": [StuckSuggestion],
// "checked": N, "warnings": [...], "calendar": {...}}, each entry as protocol::ToJson makes it
// (json_view.h; a stuck suggestion's "last_at" only when it has a last entry).
//
// Exit codes (broker_client.h): 0 all intact / nothing stuck; 1 a chain failed verification, a
// suggestion is stuck, or the broker refused; 2 usage; 3 broker unreachable.
//
// Thread rules: runs on the main thread.
#pragma once

#include "common/protocol/messages.h"
#include "dubanctl/commands.h"
#include "dubanctl/json_view.h"

namespace duban::ctl {


Action SetUpVerify(CLI::App& sub);
Action SetUpCheck(CLI::App& sub);

}  // namespace duban::ctl
