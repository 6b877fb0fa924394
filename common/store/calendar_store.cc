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
  DUBAN_ASSIGN_OR_RETURN(Reply r, store_.Call("cal_status", {}));
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
      Reply r, store_.Call("cal_scan", {std::to_string(year), cursor,
                                    std::to_string(count)}));
  if (r.elements.size() != 3) return Shape("cal_scan");
  PlannedTimerPage page;
  page.next_cursor = Str(r.elements[0]);
  for (const Reply& c : r.elements[1].elements) page.codes.push_back(Str(c));
  for (const Reply& e : r.elements[2].elements) {
    if (e.elements.size() != 5) return Shape("cal_scan");
    PlannedTimerRow row;
    row.code = Str(e.elements[0]);
    row.name = Str(e.elements[1]);
    row.member = row.code + "|" + row.name;
    row.plan = Str(e.elements[2]);
    row.due = Str(e.elements[3]);
    row.assumed = ParseYears(Str(e.elements[4]));
    page.rows.push_back(std::move(row));
  }
  return page;
}

Result<MoveOutcome> CalendarStore::Move(Millis now, std::int64_t year, const std::string& actor,
                                        const std::vector<TimerMove>& moves,
                                        const std::vector<std::string>& drop) {
  std::vector<std::string> a{std::to_string(now), std::to_string(year), actor,
                             std::to_string(moves.size())};
  for (const TimerMove& m : moves) {
    a.insert(a.end(), {m.member, m.plan, m.old_due, std::to_string(m.new_due), Csv(m.years),
                       Csv(m.assumed), m.note});
  }
  a.push_back(std::to_string(drop.size()));
  a.insert(a.end(), drop.begin(), drop.end());
  DUBAN_ASSIGN_OR_RETURN(Reply r, store_.Call("cal_replan", std::move(a)));
  if (r.elements.size() != 2 || r.elements[0].elements.size() != moves.size()) {
    return Shape("cal_replan");
  }
  MoveOutcome out;
  for (const Reply& e : r.elements[0].elements) {
    out.results.push_back(e.str == "moved"       ? MoveResult::kMoved
                          : e.str == "reindexed" ? MoveResult::kReindexed
                                                 : MoveResult::kChanged);
  }
  out.dropped = Int(r.elements[1]);
  return out;
}

Status CalendarStore::Mark(const std::vector<std::pair<std::int64_t, std::string>>& marks,
                           bool only_new) {
  std::vector<std::string> a{only_new ? "nx" : "set",
                             std::to_string(marks.size())};
  for (const auto& [year, fingerprint] : marks) {
    a.push_back(std::to_string(year));
    a.push_back(fingerprint);
  }
  auto r = store_.Call("cal_mark", std::move(a));
  return r.ok() ? Status::Ok() : r.status();
}

}  // namespace duban::store
