// `dubanctl session`: the 代表·局长面对面 sessions (duban.session, docs/domain.md#face-to-face-sessions).
//
//   session list [--from DATE] [--to DATE]
//   session show ID
//   session schedule --date DATE --place PLACE [--topic T] --unit ID[=HEAD]... --deputy ID...
//                    --code CODE... [--force] --actor NAME
//   session outcome ID CODE resolved|commitment|referred --note TEXT [--due DATE] [--unit ID]
//                   [--to WHOM] --actor NAME
//
// Exit codes (broker_client.h): 0 ok; 1 refused; 3 broker unreachable.
//
// Thread rules: runs on the main thread.
#pragma once

#include "common/protocol/messages.h"
#include "dubanctl/commands.h"
#include "dubanctl/table.h"

namespace duban::ctl {

Action SetUpSession(CLI::App& sub);

// list: ID, DATE, PLACE, UNITS, DEPUTIES, SUGGESTIONS, TOPIC.
Table SessionsTable(const std::vector<protocol::Session>& sessions);
// show: CODE, STATE, OUTCOME, DETAIL (the note, the commitment with its due date and state, or
// to whom it was referred), TITLE.
Table SessionItemsTable(const protocol::Session& s, const Context& ctx);

}  // namespace duban::ctl
