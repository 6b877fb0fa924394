#include "common/store/agenda_store.h"

#include "common/store/reply_fields.h"

namespace duban::store {
namespace {

// {{code, title, state, lead}...}
Result<std::vector<protocol::AgendaMember>> Members(const Reply& r, const std::string& what) {
  std::vector<protocol::AgendaMember> out;
  for (const Reply& m : r.elements) {
    if (m.elements.size() != 4) return Shape(what);
    out.push_back({Str(m.elements[0]), Str(m.elements[1]), Str(m.elements[2]), Str(m.elements[3])});
  }
  return out;
}

}  // namespace

Result<Reply> AgendaStore::Call(const std::string& script, std::vector<std::string> args) {
  return redis_.Eval(script, {prefix_}, args);
}

Result<std::vector<AgendaItemRow>> AgendaStore::Items(bool all, std::int64_t limit) {
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("agenda_items", {all ? "1" : "0", std::to_string(limit)}));
  std::vector<AgendaItemRow> out;
  for (const Reply& e : r.elements) {
    if (e.elements.size() != 14) return Shape("agenda_items");
    const auto& f = e.elements;
    AgendaItemRow row;
    protocol::AgendaItem& it = row.item;
    it.id = Str(f[0]);
    it.kind = Str(f[1]);
    it.state = Str(f[2]);
    it.placed_ms = Int(f[3]);
    it.placed_by = Str(f[4]);
    it.director = Str(f[5]);
    it.resolved_ms = Int(f[6]);
    it.resolved_by = Str(f[7]);
    it.note = Str(f[8]);
    for (const Reply& reason : f[9].elements) {
      if (reason.elements.size() != 4) return Shape("agenda_items");
      it.reasons.push_back({Str(reason.elements[0]), Str(reason.elements[1]),
                            Int(reason.elements[2]), Str(reason.elements[3])});
    }
    it.title = Str(f[10]);
    it.lead_unit = Str(f[11]);
    it.supervisor = Str(f[12]);
    DUBAN_ASSIGN_OR_RETURN(it.members, Members(f[13], "agenda_items"));
    out.push_back(std::move(row));
  }
  return out;
}

Result<std::string> AgendaStore::Act(Millis now, const std::string& action, const std::string& id,
                                     const std::string& actor, const std::string& arg) {
  DUBAN_ASSIGN_OR_RETURN(Reply r,
                         Call("agenda_act", {std::to_string(now), action, id, actor, arg}));
  return Str(r);
}

Result<std::vector<std::string>> AgendaStore::Meetings(const std::string& action,
                                                       const std::string& date) {
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("meetings", {action, date}));
  std::vector<std::string> out;
  for (const Reply& e : r.elements) out.push_back(Str(e));
  return out;
}

Result<std::pair<std::string, std::string>> AgendaStore::MarkHot(Millis now,
                                                                 const std::string& code,
                                                                 const std::string& actor,
                                                                 const std::string& reason,
                                                                 Millis next_check_ms) {
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("hot", {std::to_string(now), "mark", code, actor, reason,
                                               std::to_string(next_check_ms)}));
  if (r.elements.size() != 2) return Shape("hot");
  return std::make_pair(Str(r.elements[0]), Str(r.elements[1]));
}

Result<std::pair<std::string, std::string>> AgendaStore::Propose(
    Millis now, const std::string& code, const std::string& committee,
    const std::string& committee_name, const std::string& actor, const std::string& reason,
    Millis next_check_ms) {
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("propose", {std::to_string(now), code, committee,
                                                   committee_name, actor, reason,
                                                   std::to_string(next_check_ms)}));
  if (r.elements.size() != 2) return Shape("propose");
  return std::make_pair(Str(r.elements[0]), Str(r.elements[1]));
}

Status AgendaStore::UnmarkHot(Millis now, const std::string& code, const std::string& actor) {
  return Call("hot", {std::to_string(now), "unmark", code, actor, "", "0"}).status();
}

Result<std::vector<protocol::HotMark>> AgendaStore::HotMarks() {
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("hot", {"0", "list", "", "", "", "0"}));
  std::vector<protocol::HotMark> out;
  for (const Reply& e : r.elements) {
    if (e.elements.size() != 5) return Shape("hot");
    out.push_back({Str(e.elements[0]), Str(e.elements[1]), Str(e.elements[2]), Str(e.elements[3]),
                   Int(e.elements[4])});
  }
  return out;
}

Result<std::vector<HotScanRow>> AgendaStore::HotScan(std::int64_t limit) {
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("hot_scan", {std::to_string(limit)}));
  std::vector<HotScanRow> out;
  for (const Reply& e : r.elements) {
    if (e.elements.size() != 7) return Shape("hot_scan");
    HotScanRow row{Str(e.elements[0]),
                   Str(e.elements[1]),
                   Str(e.elements[2]),
                   Str(e.elements[3]),
                   Str(e.elements[4]),
                   Int(e.elements[5]),
                   {}};
    for (const Reply& k : e.elements[6].elements) row.keywords.push_back(Str(k));
    out.push_back(std::move(row));
  }
  return out;
}

Result<std::string> AgendaStore::ChangeBundle(Millis now, const std::string& action,
                                              const std::string& id, const std::string& actor,
                                              const protocol::BundleRequest& req,
                                              Millis next_check_ms) {
  std::vector<std::string> a{std::to_string(now),
                             action,
                             id,
                             actor,
                             req.topic,
                             req.lead_unit,
                             req.supervisor,
                             std::to_string(next_check_ms),
                             std::to_string(req.codes.size())};
  a.insert(a.end(), req.codes.begin(), req.codes.end());
  a.push_back(req.committee);
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("bundle", std::move(a)));
  return Str(r);
}

Result<std::vector<protocol::Bundle>> AgendaStore::Bundles(const std::string& id) {
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("bundles", {id}));
  std::vector<protocol::Bundle> out;
  for (const Reply& e : r.elements) {
    if (e.elements.size() != 8) return Shape("bundles");
    protocol::Bundle b{Str(e.elements[0]),
                       Str(e.elements[1]),
                       Str(e.elements[2]),
                       Str(e.elements[3]),
                       Int(e.elements[4]),
                       Str(e.elements[5]),
                       {}};
    DUBAN_ASSIGN_OR_RETURN(b.members, Members(e.elements[6], "bundles"));
    b.committee = Str(e.elements[7]);
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace duban::store
