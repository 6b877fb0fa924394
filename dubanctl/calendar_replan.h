// CalendarReplan: the broker side of `dubanctl calendar` (duban.calendar):
//   dubanctl calendar status                     the loaded years; per year the pending
//                                                working-day timers counted on it, how many
//                                                assumed it Monday to Friday, and whether it
//                                                needs a re-plan
//   dubanctl calendar replan --dry-run           the broker reads the calendar files again and
//                                                lists each timer that would move (code, timer,
//                                                old due, new due); nothing changes
//   dubanctl calendar replan --actor NAME        the same, applied: each move on the suggestion's
//                                                timeline (actor staff:NAME); running it again
//                                                changes nothing
// Also the warnings `dubanctl check` prints from the same status (CalendarWarnings).
//
// Exit codes (broker_client.h): 0 ok (warnings included); 1 refused (a calendar file the broker
// cannot read: nothing changed); 2 a bad command line; 3 no broker.
//
// Thread rules: runs on the main thread.
#pragma once

#include <string>
#include <vector>

#include "common/protocol/messages.h"
#include "dubanctl/commands.h"
#include "dubanctl/json_view.h"

namespace duban::ctl {

struct ReplanFlags {
  bool dry_run = false;
  std::string actor;
  std::int64_t page = 500;
};

int RunCalendarStatus(const Context& ctx);
int RunCalendarReplan(const Context& ctx, const ReplanFlags& flags);

// One line per year that needs attention: pending timers that assumed a year with no calendar,
// or a year that changed (or arrived) since its timers were planned. Empty when none.
std::vector<std::string> CalendarWarnings(const protocol::CalendarReply& status);

// The reply as JSON: protocol::ToJson's ({"loaded": [...], "years": [{year, loaded, source,
// suggestions, assumed, replan_needed}], "replanning", "changes", "dry_run", "cursor", "scanned",
// "skipped"}) plus "warnings": [...] (CalendarWarnings). A replan run prints the last page's reply
// with "changes", "scanned" and "skipped" of the whole run.
Json CalendarStatusJson(const protocol::CalendarReply& status, std::int64_t utc_offset_minutes);

}  // namespace duban::ctl
