// UnitCommands: the handling units' side of a suggestion, and the notices they and the staff get.
//   dubanctl sign|start CODE --unit U --actor A                   签收 / start handling
//   dubanctl return CODE --unit U --actor A --reason TEXT          ask to return it (退回)
//   dubanctl extend CODE --unit U --actor A --until DATE --reason TEXT   ask for 延期
//   dubanctl contact CODE --unit U --actor A --phase before|during|after --note TEXT  三见面
//   dubanctl opinion CODE --unit U --actor A --text TEXT           a co-handler's opinion
//   (协办意见) dubanctl decide CODE --unit U --request return|extension --approve|--reject
//   [--new-unit U]
//                   --actor A [--note TEXT]                        staff decide a pending request
//   dubanctl inbox RECIPIENT [--limit N]                           a recipient's notices
//   (duban.inbox); the agenda itself is in agenda_commands.h
// Each unit action is one row of a table (action, service, the text flag it needs); the broker
// decides every rule (services/unit_tasks.h). dubanctl checks only the shape of the command line —
// a phase outside before|during|after or an --until that is not a YYYY-MM-DD date is a usage error
// (exit 2), so a typo never reaches the broker.
//
// Output: one line for people ("S2026-00001  市教育局 (jyj) → SIGNED; suggestion ASSIGNED (version
// 3)"), or with --json the reply as protocol::ToJson makes it ({"code", "unit", "unit_state",
// "state", "version"}). The inbox is a table TIME (UTC+8) | CODE | KIND | TEXT, newest first, then
// "N of TOTAL"; with --json {"recipient", "notices": [{"at_ms", "at", "code", "kind", "text"}],
// "total"} ("at" only for an instant > 0).
//
// Exit codes (broker_client.h): 0 ok; 1 refused ("error: FAILED_PRECONDITION: ..." on stderr);
// 2 usage; 3 broker unreachable.
//
// Thread rules: runs on the main thread.
#pragma once

#include <cstdint>
#include <string>

#include "common/protocol/messages.h"
#include "dubanctl/commands.h"
#include "dubanctl/json_view.h"
#include "dubanctl/table.h"

namespace duban::ctl {

// The recipient whose inbox is the directors' meeting agenda (workers/escalation).
inline constexpr char kAgendaRecipient[] = "agenda:directors";

// One per unit action; each adds CODE, --unit, --actor and the action's own flags to `sub`.
Action SetUpSign(CLI::App& sub);
Action SetUpStart(CLI::App& sub);
Action SetUpReturn(CLI::App& sub);
Action SetUpExtend(CLI::App& sub);
Action SetUpContact(CLI::App& sub);
Action SetUpOpinion(CLI::App& sub);
// --request, --approve/--reject (exactly one), --new-unit, --actor, --note.
Action SetUpDecide(CLI::App& sub);
// RECIPIENT and --limit.
Action SetUpInbox(CLI::App& sub);

// The inbox as --json prints it: {"recipient"} (the request's), then protocol::ToJson's reply.
Json InboxJson(const std::string& recipient, const protocol::InboxReply& r,
               std::int64_t utc_offset_minutes);
// The table people see, newest first as the broker answers.
Table InboxTable(const protocol::InboxReply& r, std::int64_t utc_offset_minutes);
// "UTC+8", "UTC+5:30", "UTC": the offset as a column header says it.
std::string OffsetLabel(std::int64_t utc_offset_minutes);

}  // namespace duban::ctl
