// `dubanctl request`: requests from the people through deputies (社情民意; duban.request,
// docs/domain.md#requests-from-the-people).
//
//   request submit --to deputy:ID|station:ID --text TEXT [--contact C]     (public endpoint too)
//   request status CODE                                                     (public)
//   request list [--deputy ID] [--to X] [--from DATE] [--until DATE]
//   request show CODE [--deputy ID]
//   request ack CODE [--deputy ID] --actor NAME
//   request answer CODE --text TEXT [--deputy ID] --actor NAME
//   request convert CODE... --deputy ID --deputy-name NAME --title T [--category C]
//                   [--content TEXT] --actor NAME
//   request counts [--deputy ID] [--from DATE] [--until DATE]
//
// A deputy's key acts as that deputy (--deputy is filled in). Exit codes (broker_client.h):
// 0 ok; 1 refused; 3 broker unreachable.
//
// Thread rules: runs on the main thread.
#pragma once

#include "common/protocol/messages.h"
#include "dubanctl/commands.h"
#include "dubanctl/table.h"

namespace duban::ctl {

Action SetUpRequest(CLI::App& sub);

// list: CODE, STATE, TO, RECEIVED, ACK BY, SUGGESTION, TEXT.
Table RequestsTable(const std::vector<protocol::PeopleRequest>& requests, const Context& ctx);
// counts: TO, RECEIVED, ACKNOWLEDGED, ON TIME, ANSWERED, CONVERTED, OPEN.
Table RequestCountsTable(const std::vector<protocol::RequestCount>& counts);

}  // namespace duban::ctl
