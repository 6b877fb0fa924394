#include "common/store/report_store.h"

#include "common/store/reply_fields.h"

namespace duban::store {

Result<ReportPage> ReportStore::Page(std::int64_t cursor, std::int64_t limit,
                                     std::optional<std::pair<Millis, Millis>> assigned_range) {
  std::string from, to;
  if (assigned_range) {
    from = std::to_string(assigned_range->first);
    to = std::to_string(assigned_range->second);
  }
  DUBAN_ASSIGN_OR_RETURN(Reply r, store_.Call("report_read", {std::to_string(cursor),
                                                       std::to_string(limit), from, to}));
  if (r.elements.size() < 3) return Internal("unexpected reply shape from script report_read");
  ReportPage page;
  page.next_cursor = Int(r.elements[0]);
  page.total = Int(r.elements[1]);
  page.scanned = Int(r.elements[2]);
  for (std::size_t i = 3; i < r.elements.size(); ++i) {
    auto& f = r.elements[i].elements;
    if (f.size() != 10) return Internal("unexpected reply shape from script report_read");
    ReportRow row;
    row.code = Str(f[0]);
    row.doc = Str(f[1]);
    row.state = Str(f[2]);
    row.version = Str(f[3]);
    row.submitted = Str(f[4]);
    row.units = Str(f[5]);
    row.deadline = Str(f[6]);
    row.assigned = Str(f[7]);
    row.record = Str(f[8]);
    row.committee = Str(f[9]);
    page.rows.push_back(std::move(row));
  }
  return page;
}

}  // namespace duban::store
