// Request rules: what happens to a request from the people (社情民意,
// docs/domain.md#requests-from-the-people), decided on the record as read (the API then writes it
// with a compare-and-set on its version): whom it reaches, when it must be acknowledged, who may
// act on it, each step's new record, and what the person may see.
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "common/working_calendar.h"
#include "config/stations.h"

namespace duban::services {

struct RequestRules {
  std::int64_t utc_offset_minutes = 480;
  std::int64_t ack_working_days = 5;
  std::int64_t work_start_minute = 9 * 60;
  std::vector<config::Station> stations;
};

// The deputies a request to `to` reaches, as recipients (`deputy:<id>`). InvalidArgument when `to`
// is neither a deputy of a station (一人一码) nor a station (一家一码).
Result<std::vector<std::string>> RecipientsOf(const RequestRules& rules, const std::string& to);

// When a request received at `now` is due: acknowledged by the end of the ack_working_days-th
// working day after the day it came; its deputies reminded at the start of work the working day
// before (0 when that is not after `now`). Where the calendar lacks a year the days are counted
// Monday to Friday (assumed_weekdays): the people's channel is not closed for a missing calendar.
struct AckPlan {
  std::string due;  // YYYY-MM-DD
  Millis due_end_ms = 0;
  Millis remind_ms = 0;
  bool assumed_weekdays = false;  // the calendar lacks a year counted: Monday to Friday assumed
};
Result<AckPlan> PlanAck(Millis now, const WorkingCalendar& calendar, const RequestRules& rules);

// PermissionDenied unless `deputy` is "" (staff) or one the request reaches.
Status MayAct(const protocol::PeopleRequest& r, const std::string& deputy,
              const RequestRules& rules);

// The record after each step; FailedPrecondition when its state does not allow it.
Result<protocol::PeopleRequest> Acknowledge(protocol::PeopleRequest r, const std::string& actor,
                                            Millis now);
Result<protocol::PeopleRequest> Answer(protocol::PeopleRequest r, const std::string& text,
                                       const std::string& actor, Millis now);
Result<protocol::PeopleRequest> Convert(protocol::PeopleRequest r, const std::string& suggestion,
                                        const std::string& actor, Millis now);

// The suggestion's text made of the requests' texts, each after its code.
std::string ContentOf(const std::vector<protocol::PeopleRequest>& requests);

// What the holder of the code sees: state, whom it came to, dates, the suggestion it fed.
protocol::PublicRequest PublicView(const protocol::PeopleRequest& r, const RequestRules& rules);

}  // namespace duban::services
