#include "common/store/calendar_store.h"

#include "common/store/reply_fields.h"

namespace duban::store {
namespace {

std::vector<std::int64_t> ParseYears(const std::string& csv) {
  std::vector<std::int64_t> out;
  std::int64_t v = 0;
  bool any = false;
  for (std::size_t i = 0; i <= csv.size(); ++i) {
    if (i < csv.size() && csv[i] >= '0' && csv[i] <= '9' && v < 100000) {
      v = v * 10 + (csv[i] - '0');
      any = true;
    } else {
      if (any) out.push_back(v);
      v = 0;
      any = false;
    }
  }
  return out;
}

std::string Csv(const std::vector<std::int64_t>& years) {
  std::string out;
  for (std::int64_t y : years) out += (out.empty() ? "" : ",") + std::to_string(y);
  return out;
}

}  // namespace

Result<std::vector<CalendarYearIndex>> CalendarStore::Years() {
  DUBAN_ASSIGN_OR_RETURN(Reply r, store_.redis().Eval("cal_status", {}, {store_.prefix()}));
  std::vector<CalendarYearIndex> out;
  for (const Reply& e : r.elements) {
    if (e.elements.size() != 4) return Shape("cal_status");
    out.push_back({Int(e.elements[0]), Int(e.elements[1]), Int(e.elements[2]),
                   Str(e.elements[3])});
  }
  return out;
}

Result<PlannedTimerPage> CalendarStore::Scan(std::int64_t year, const std::string& cursor,
                                             std::int64_t count) {
  DUBAN_ASSIGN_OR_RETURN(
      Reply r, store_.redis().Eval("cal_scan", {},
                                   {store_.prefix(), std::to_string(year), cursor,
                                    std::to_string(count)}));
  if (r.elements.size() != 2) return Shape("cal_scan");
  PlannedTimerPage page;
  page.next_cursor = Str(r.elements[0]);
  for (const Reply& e : r.elements[1].elements) {
    if (e.elements.size() != 5) return Shape("cal_scan");
    PlannedTimerRow row;
    row.member = Str(e.elements[0]);
    const std::size_t bar = row.member.rfind('|');
    if (bar != std::string::npos) {
      row.code = row.member.substr(0, bar);
      row.name = row.member.substr(bar + 1);
    }
    row.plan = Str(e.elements[1]);
    row.due = Str(e.elements[2]);
    row.years = ParseYears(Str(e.elements[3]));
    row.assumed = ParseYears(Str(e.elements[4]));
    page.rows.push_back(std::move(row));
  }
  return page;
}

Result<std::vector<MoveResult>> CalendarStore::Move(Millis now, std::int64_t year,
                                                    const std::string& actor,
                                                    const std::vector<TimerMove>& moves) {
  std::vector<std::string> a{store_.prefix(), std::to_string(now), std::to_string(year), actor,
                             std::to_string(moves.size())};
  for (const TimerMove& m : moves) {
    a.insert(a.end(), {m.member, m.plan, m.old_due, std::to_string(m.new_due), Csv(m.years),
                       Csv(m.assumed), m.note});
  }
  DUBAN_ASSIGN_OR_RETURN(Reply r, store_.redis().Eval("cal_replan", {}, std::move(a)));
  if (r.elements.size() != moves.size()) return Shape("cal_replan");
  std::vector<MoveResult> out;
  for (const Reply& e : r.elements) {
    const std::string& s = e.str;
    out.push_back(s == "moved"       ? MoveResult::kMoved
                  : s == "reindexed" ? MoveResult::kReindexed
                  : s == "changed"   ? MoveResult::kChanged
                                     : MoveResult::kGone);
  }
  return out;
}

Status CalendarStore::Mark(const std::vector<std::pair<std::int64_t, std::string>>& marks,
                           bool only_new) {
  std::vector<std::string> a{store_.prefix(), only_new ? "nx" : "set",
                             std::to_string(marks.size())};
  for (const auto& [year, fingerprint] : marks) {
    a.push_back(std::to_string(year));
    a.push_back(fingerprint);
  }
  auto r = store_.redis().Eval("cal_mark", {}, std::move(a));
  return r.ok() ? Status::Ok() : r.status();
}

}  // namespace duban::store
