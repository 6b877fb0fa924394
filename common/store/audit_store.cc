#include "common/store/audit_store.h"

#include "common/store/reply_fields.h"

namespace duban::store {

namespace {
// One page of audit_read: its cursor and total into `page`, then `row(fields)` for each item
// (false when an item has not the shape expected).
template <typename Page, typename Row>
Result<Page> ReadPage(TaskStore& store, const std::string& mode, const std::string& code,
                      std::int64_t cursor, std::int64_t limit, Row row) {
  DUBAN_ASSIGN_OR_RETURN(
      Reply r, store.Call("audit_read", {mode, code, std::to_string(cursor),
                                         std::to_string(limit)}));
  if (r.elements.size() < 2) return Shape("audit_read");
  Page page;
  page.next_cursor = Int(r.elements[0]);
  page.total = Int(r.elements[1]);
  for (std::size_t i = 2; i < r.elements.size(); ++i) {
    if (!row(r.elements[i].elements, page)) return Shape("audit_read");
  }
  return page;
}
}  // namespace

Result<TrailPage> AuditStore::Read(const std::string& mode, const std::string& code,
                                   std::int64_t cursor, std::int64_t limit) {
  return ReadPage<TrailPage>(store_, mode, code, cursor, limit,
                             [](std::vector<Reply>& f, TrailPage& page) {
    if (f.size() != 7 || f[4].elements.size() != kRecordStateFieldCount) return false;
    StoredTrail t{std::move(f[0].str), {Str(f[1]), Str(f[2])}, {}, {}};
    for (auto& e : f[3].elements) t.entries.push_back(std::move(e.str));
    for (auto& v : f[4].elements) t.record.values.push_back(std::move(v.str));
    t.record.doc = std::move(f[5].str);
    t.record.rec = std::move(f[6].str);
    page.trails.push_back(std::move(t));
    return true;
  });
}

Result<StoredTrail> AuditStore::Trail(const std::string& code) {
  DUBAN_ASSIGN_OR_RETURN(TrailPage page, Read("code", code, 0, 1));
  if (page.trails.size() != 1) return Shape("audit_read");
  return std::move(page.trails[0]);
}

Result<TrailPage> AuditStore::Trails(std::int64_t cursor, std::int64_t limit) {
  return Read("all", "", cursor, limit);
}

Result<HeadPage> AuditStore::Heads(std::int64_t cursor, std::int64_t limit) {
  return ReadPage<HeadPage>(store_, "heads", "", cursor, limit,
                            [](std::vector<Reply>& f, HeadPage& page) {
    if (f.size() != 3) return false;
    page.heads.push_back({std::move(f[0].str), {Str(f[1]), Str(f[2])}});
    return true;
  });
}

Result<std::vector<std::string>> AuditStore::Checkpoints() {
  DUBAN_ASSIGN_OR_RETURN(Reply r, store_.Call("checkpoint", {"all"}));
  std::vector<std::string> out;
  for (auto& e : r.elements) out.push_back(std::move(e.str));
  return out;
}

Result<bool> AuditStore::AppendCheckpoint(const std::string& line,
                                          const std::string& expected_last) {
  DUBAN_ASSIGN_OR_RETURN(Reply r, store_.Call("checkpoint", {"append", line, expected_last}));
  return Int(r) == 1;
}

Result<std::vector<std::string>> AuditStore::Links(
    const std::vector<std::pair<std::string, std::int64_t>>& at) {
  std::vector<std::string> args;
  for (const auto& [code, index] : at) {
    args.push_back(code);
    args.push_back(std::to_string(index));
  }
  DUBAN_ASSIGN_OR_RETURN(Reply r, store_.Call("audit_links", args));
  if (r.elements.size() != at.size()) return Shape("audit_links");
  std::vector<std::string> out;
  for (auto& e : r.elements) out.push_back(std::move(e.str));
  return out;
}

Result<StuckPage> AuditStore::Stuck(std::int64_t cursor, std::int64_t limit) {
  DUBAN_ASSIGN_OR_RETURN(Reply r,
                         store_.Call("check", {std::to_string(cursor),
                                              std::to_string(limit)}));
  if (r.elements.size() < 3) return Shape("check");
  StuckPage page;
  page.next_cursor = Int(r.elements[0]);
  page.total = Int(r.elements[1]);
  page.scanned = Int(r.elements[2]);
  for (std::size_t i = 3; i < r.elements.size(); ++i) {
    auto& f = r.elements[i].elements;
    if (f.size() != 6) return Shape("check");
    page.rows.push_back({std::move(f[0].str), std::move(f[1].str), std::move(f[2].str),
                         std::move(f[3].str), std::move(f[4].str), std::move(f[5].str)});
  }
  return page;
}

}  // namespace duban::store
