#include "dubanctl/json_view.h"

#include "dubanctl/table.h"

namespace duban::ctl {

using json = Json;
namespace p = duban::protocol;

namespace {

json DeputyJson(const p::Deputy& d) {
  return {{"id", d.id}, {"name", d.name}, {"contact", d.contact}};
}

json DraftJson(const p::SuggestionDraft& d) {
  return {{"title", d.title},       {"content", d.content},           {"category", d.category},
          {"keywords", d.keywords}, {"deputy", DeputyJson(d.deputy)}, {"co_signers", d.co_signers},
          {"session", d.session}};
}

json UnitJson(const p::UnitAssignment& u) {
  return {{"unit", u.unit}, {"role", std::string(p::RoleName(u.role))}, {"state", u.state}};
}

json DeadlineJson(const p::Deadline& d, std::int64_t offset) {
  return {{"date", d.date},
          {"rule", d.rule},
          {"due_ms", d.due_ms},
          {"due", FormatIsoTime(d.due_ms, offset)}};
}

json AuditJson(const p::AuditEntry& a, std::int64_t offset) {
  return {{"at_ms", a.at_ms}, {"at", FormatIsoTime(a.at_ms, offset)},
          {"actor", a.actor}, {"action", a.action},
          {"from", a.from},   {"to", a.to},
          {"note", a.note},   {"task", a.task}};
}

json RecordJson(const p::HandlingRecord& rec, std::int64_t offset) {
  json rounds = json::array();
  for (const auto& r : rec.rounds) {
    json commitments = json::array();
    for (const auto& c : r.commitments) {
      commitments.push_back({{"id", c.id},
                             {"text", c.text},
                             {"due", c.due},
                             {"state", c.state},
                             {"basis", c.basis},
                             {"closed_by", c.closed_by},
                             {"closed_ms", c.closed_ms}});
    }
    rounds.push_back({{"round", r.round},
                      {"unit", r.unit},
                      {"result_class", r.result_class},
                      {"text", r.text},
                      {"signer", r.signer},
                      {"replied_ms", r.replied_ms},
                      {"replied", FormatIsoTime(r.replied_ms, offset)},
                      {"deadline", r.deadline},
                      {"on_time", r.on_time},
                      {"commitments", commitments},
                      {"satisfaction", r.satisfaction},
                      {"reasons", r.reasons},
                      {"evaluated_ms", r.evaluated_ms}});
  }
  json notes = json::array();
  for (const auto& n : rec.notes) {
    notes.push_back({{"unit", n.unit},
                     {"kind", n.kind},
                     {"phase", n.phase},
                     {"text", n.text},
                     {"at_ms", n.at_ms}});
  }
  return {{"rounds", rounds},
          {"notes", notes},
          {"lookbacks", rec.lookbacks},
          {"closed_ms", rec.closed_ms},
          {"close_basis", rec.close_basis}};
}

}  // namespace

json ToJson(const p::SubmitReply& r) {
  return {{"code", r.code}, {"state", r.state}, {"duplicate", r.duplicate}};
}

json ToJson(const p::AssignReply& r) {
  return {{"code", r.code}, {"state", r.state}, {"version", r.version}};
}

json ToJson(const p::GetReply& r, std::int64_t offset) {
  const p::Suggestion& s = r.suggestion;
  json units = json::array();
  for (const auto& u : s.units) units.push_back(UnitJson(u));
  json timeline = json::array();
  for (const auto& a : r.timeline) timeline.push_back(AuditJson(a, offset));
  json suggestion = {{"code", s.code},
                     {"draft", DraftJson(s.draft)},
                     {"state", std::string(p::StateName(s.state))},
                     {"version", s.version},
                     {"submitted_ms", s.submitted_ms},
                     {"submitted", FormatIsoTime(s.submitted_ms, offset)},
                     {"units", units},
                     {"deadline", s.deadline ? DeadlineJson(*s.deadline, offset) : json(nullptr)},
                     {"record", RecordJson(s.record, offset)}};
  return {{"suggestion", suggestion},
          {"timeline", timeline},
          {"timeline_total", r.timeline_total},
          {"timeline_cursor", r.timeline_cursor}};
}

json ToJson(const p::ListReply& r) {
  json items = json::array();
  for (const auto& i : r.items) {
    items.push_back({{"code", i.code},
                     {"title", i.title},
                     {"state", i.state},
                     {"lead_unit", i.lead_unit},
                     {"deadline", i.deadline}});
  }
  return {{"items", items}, {"total", r.total}};
}

json ToJson(const p::QueuesReply& r) {
  json services = json::array();
  for (const auto& s : r.services) {
    services.push_back({{"name", s.name},
                        {"queued", s.queued},
                        {"inflight", s.inflight},
                        {"dead", s.dead},
                        {"workers", s.workers},
                        {"idle_workers", s.idle_workers},
                        {"paused", s.paused}});
  }
  return {{"services", services}, {"timers", r.timers}, {"next_timer_due_ms", r.next_timer_due_ms},
          {"store", r.store}};
}

json ToJson(const p::DlqReply& r, std::int64_t offset) {
  json entries = json::array();
  for (const auto& e : r.entries) {
    entries.push_back({{"task_id", e.task_id},
                       {"service", e.service},
                       {"reason", e.reason},
                       {"attempts", e.attempts},
                       {"at_ms", e.at_ms},
                       {"at", FormatIsoTime(e.at_ms, offset)}});
  }
  return {{"entries", entries}, {"replayed", r.replayed}};
}

json ToJson(const p::StatsReply& r) {
  // An object keyed by counter name: what a script wants (jq '.counters["api.submitted"]').
  json counters = json::object();
  for (const auto& [name, value] : r.counters) counters[name] = value;
  return {{"counters", counters}};
}

json ToJson(const Status& s) {
  return {{"code", std::string(StatusCodeName(s.code()))}, {"message", s.message()}};
}

void Print(std::ostream& out, const json& j) {
  out << j.dump(2, ' ', /*ensure_ascii=*/false, json::error_handler_t::replace) << '\n';
}

}  // namespace duban::ctl
