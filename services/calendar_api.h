// CalendarApi: duban.calendar, the broker's working calendar and the timers counted on it.
//   - status: the loaded years, and for every year with pending working-day timers how many read
//     it and how many had to assume it (Monday to Friday: no calendar file for that year), and
//     whether it needs a re-plan. Read only. `dubanctl check`, the dashboard and /metrics use it.
//   - replan: reads the calendar files again (LoadedCalendar::Read) and re-plans, a page per
//     request, the pending timers of every year that needs it (see YearsToReplan), moving each
//     whose due time changes (common/store/calendar_scripts.h, with a `timer_replanned` timeline
//     entry) and marking the year done. dry_run lists the same changes and changes nothing, not
//     even the broker's calendar. Idempotent: a year is marked only when its whole index was
//     scanned, a timer moved already computes the same due time again, so a run interrupted by
//     a crash is finished by running it again, and a second full run changes nothing.
// docs/protocol.md has the fields; docs/architecture.md the design.
//
// Thread rules: broker loop thread (registered by ApiHandlers). The LoadedCalendar it replaces is
// shared with the reply handler and the unit rules on the same thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "services/api_table.h"
#include "broker/loaded_calendar.h"
#include "common/counters.h"
#include "common/protocol/messages.h"
#include "common/store/calendar_store.h"
#include "common/store/task_store.h"
#include "config/config.h"

namespace duban::services {

using broker::LoadedCalendar;

// The years a re-plan on `calendar` must scan, ascending: a loaded year with timers that assumed
// it, and a year whose mark (the fingerprint its timers were last re-planned or planned with)
// differs from the calendar's now (corrected, or removed from the config).
std::vector<std::int64_t> YearsToReplan(const std::vector<store::CalendarYearIndex>& index,
                                        const LoadedCalendar& calendar);

class CalendarApi {
 public:
  CalendarApi(store::TaskStore& store, const config::Config& config, LoadedCalendar& calendar,
              Counters& counters);

  // Binds duban.calendar.
  void Register(ApiTable& table);

  // Marks each loaded year that has no mark yet with its fingerprint: the timers planned from now
  // on are counted on it, so a later change of its file is seen. The loop calls it until it
  // succeeds (Redis may be down at start); Unavailable meanwhile.
  Status RecordEdition();
  bool edition_recorded() const { return edition_recorded_; }

 private:
  Result<protocol::CalendarReply> Handle(const protocol::CalendarRequest& req, Millis now);
  Result<protocol::CalendarReply> Replan(const protocol::CalendarRequest& req, Millis now);
  // Fills loaded and years from the store's index and `calendar`.
  Status Describe(const LoadedCalendar& calendar, protocol::CalendarReply* reply);

  store::CalendarStore store_;
  const config::Config& config_;
  LoadedCalendar& calendar_;
  Counters& counters_;
  bool edition_recorded_ = false;
};

}  // namespace duban::services
