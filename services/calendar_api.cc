#include "services/calendar_api.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "broker/timer_plans.h"
#include "common/log.h"
#include "common/protocol/codec.h"
#include "common/timer_plan.h"

namespace duban::services {

using namespace duban::protocol;
using namespace duban::broker;  // the core: calendar, outcome helpers, stored suggestions

namespace {


// "2027:1234" -> (2027, "1234"); the codec checked the shape.
std::pair<std::int64_t, std::string> SplitCursor(const std::string& cursor) {
  const std::size_t colon = cursor.find(':');
  return {std::stoll(cursor.substr(0, colon)), cursor.substr(colon + 1)};
}

}  // namespace

std::vector<std::int64_t> YearsToReplan(const std::vector<store::CalendarYearIndex>& index,
                                        const LoadedCalendar& calendar) {
  std::set<std::int64_t> out;
  for (const store::CalendarYearIndex& y : index) {
    const bool assumed_now_known = y.assumed > 0 && calendar.HasYear(y.year);
    const bool changed = !y.fingerprint.empty() && y.fingerprint != calendar.Fingerprint(y.year);
    if (assumed_now_known || changed) out.insert(y.year);
  }
  return {out.begin(), out.end()};
}

CalendarApi::CalendarApi(store::TaskStore& store, const config::Config& config,
                         LoadedCalendar& calendar, Counters& counters)
    : store_(store), config_(config), calendar_(calendar), counters_(counters) {}

void CalendarApi::Register(ApiTable& table) {
  table.Bind<svc::Calendar>([this](const CalendarRequest& req, Millis now) { return Handle(req, now); });
}

Status CalendarApi::RecordEdition() {
  std::vector<std::pair<std::int64_t, std::string>> marks;
  for (std::int64_t y : calendar_.Years()) marks.emplace_back(y, calendar_.Fingerprint(y));
  Status s = marks.empty() ? Status::Ok() : store_.Mark(marks, /*only_new=*/true);
  if (s.ok()) edition_recorded_ = true;
  return s;
}

Status CalendarApi::Describe(const LoadedCalendar& calendar, CalendarReply* reply) {
  DUBAN_ASSIGN_OR_RETURN(std::vector<store::CalendarYearIndex> index, store_.Years());
  reply->loaded = calendar.Years();
  const std::vector<std::int64_t> todo = YearsToReplan(index, calendar);
  std::map<std::int64_t, CalendarYearStatus> years;
  for (std::int64_t y : reply->loaded) years[y].year = y;
  for (const store::CalendarYearIndex& i : index) {
    CalendarYearStatus& s = years[i.year];
    s.year = i.year;
    s.suggestions = i.suggestions;
    s.assumed = i.assumed;
  }
  for (auto& [y, s] : years) {
    s.loaded = calendar.HasYear(y);
    s.source = calendar.Source(y);
    s.replan_needed = std::binary_search(todo.begin(), todo.end(), y);
    reply->years.push_back(s);
  }
  return Status::Ok();
}

Result<CalendarReply> CalendarApi::Replan(const CalendarRequest& req, Millis now) {
  auto log = Logger("broker.calendar");
  CalendarReply reply;
  reply.dry_run = req.dry_run;
  // The calendar this page counts on: read again at the start of a run (and for every page of a
  // dry run, which never takes it); a run that changes timers takes it at its start.
  LoadedCalendar fresh;
  const LoadedCalendar* cal = &calendar_;
  if (req.dry_run || req.cursor.empty()) {
    DUBAN_ASSIGN_OR_RETURN(fresh, LoadedCalendar::Read(config_.source));
    cal = &fresh;
    if (!req.dry_run) {
      std::string years;
      for (std::int64_t y : fresh.Years()) years += (years.empty() ? "" : ", ") + std::to_string(y);
      log->info("working calendar read again from {} by {}: years {}", config_.source, req.actor,
                years.empty() ? "none" : years);
      calendar_ = std::move(fresh);
      cal = &calendar_;
      counters_.Increment("api.calendar_reloads");
      DUBAN_RETURN_IF_ERROR(RecordEdition());
    }
  }
  const std::int64_t offset = config_.jurisdiction.utc_offset_minutes;

  DUBAN_ASSIGN_OR_RETURN(std::vector<store::CalendarYearIndex> index, store_.Years());
  std::vector<std::int64_t> todo = YearsToReplan(index, *cal);
  std::int64_t year = 0;
  std::string scan_cursor = "0";
  if (!req.cursor.empty()) {
    std::tie(year, scan_cursor) = SplitCursor(req.cursor);
  } else if (!todo.empty()) {
    year = todo.front();
  }
  if (year != 0) {
    DUBAN_ASSIGN_OR_RETURN(store::PlannedTimerPage page, store_.Scan(year, scan_cursor, req.limit));
    std::vector<store::TimerMove> moves;
    std::vector<TimerChange> proposed;  // the kMove entries of `moves`, for the reply
    std::vector<std::size_t> proposed_at;  // index in `moves` of each proposed change
    std::set<std::string> concerned;       // codes with a timer that read or reads the year
    for (const store::PlannedTimerRow& row : page.rows) {
      TimerReplan r = DecideReplan(row, year, cal->calendar(), offset, now);
      if (r.kind != TimerReplan::Kind::kOtherYear) concerned.insert(row.code);
      switch (r.kind) {
        case TimerReplan::Kind::kOtherYear:
        case TimerReplan::Kind::kKeep:
          continue;
        case TimerReplan::Kind::kUnreadable:
          counters_.Increment("broker.calendar_unreadable_timers");
          log->warn("timer {} left alone by the calendar re-plan: {}", row.member, r.problem);
          continue;
        case TimerReplan::Kind::kMove:
          proposed.push_back({row.code, row.name, r.old_due_ms, r.new_due_ms,
                              DescribeTimerPlan(r.plan)});
          proposed_at.push_back(moves.size());
          moves.push_back({row.member, row.plan, row.due, r.new_due_ms, r.years, r.assumed,
                           ReplanNote(row.name, r, *cal, offset)});
          continue;
        case TimerReplan::Kind::kReindex:
          moves.push_back({row.member, row.plan, row.due, r.new_due_ms, r.years, r.assumed, ""});
          continue;
      }
    }
    reply.scanned = static_cast<std::int64_t>(page.rows.size());
    // Suggestions of the index none of whose pending timers reads the year any more.
    std::vector<std::string> drop;
    for (const std::string& code : page.codes) {
      if (concerned.count(code) == 0) drop.push_back(code);
    }
    if (req.dry_run) {
      reply.changes = std::move(proposed);
    } else if (!moves.empty() || !drop.empty()) {
      DUBAN_ASSIGN_OR_RETURN(store::MoveOutcome done,
                             store_.Move(now, year, "staff:" + req.actor, moves, drop));
      for (std::size_t k = 0; k < proposed.size(); ++k) {
        if (done.results[proposed_at[k]] == store::MoveResult::kMoved) {
          reply.changes.push_back(proposed[k]);
        } else {
          ++reply.skipped;
        }
      }
      for (std::size_t k = 0; k < moves.size(); ++k) {
        if (moves[k].note.empty() && done.results[k] == store::MoveResult::kChanged) {
          ++reply.skipped;
        }
      }
      counters_.Increment("api.calendar_timers_moved", reply.changes.size());
    }
    if (page.next_cursor == "0") {
      if (!req.dry_run) {
        DUBAN_RETURN_IF_ERROR(store_.Mark({{year, cal->Fingerprint(year)}}, /*only_new=*/false));
      }
      auto next = std::upper_bound(todo.begin(), todo.end(), year);
      reply.cursor = next == todo.end() ? "" : std::to_string(*next) + ":0";
    } else {
      reply.cursor = std::to_string(year) + ":" + page.next_cursor;
    }
    log->info("calendar re-plan of {}{}: {} timers looked at, {} {}, {} skipped", year,
              req.dry_run ? " (dry run)" : "", reply.scanned, reply.changes.size(),
              req.dry_run ? "would move" : "moved", reply.skipped);
  }
  DUBAN_RETURN_IF_ERROR(Describe(*cal, &reply));
  for (const CalendarYearStatus& y : reply.years) {
    if (y.replan_needed) reply.replanning.push_back(y.year);
  }
  return reply;
}

Result<CalendarReply> CalendarApi::Handle(const CalendarRequest& req, Millis now) {
  if (req.action == "replan") return Replan(req, now);
  CalendarReply reply;
  DUBAN_RETURN_IF_ERROR(Describe(calendar_, &reply));
  return reply;
}

}  // namespace duban::services
