#include "web/staff_agenda_pages.h"

#include "web/staff_pages.h"

namespace duban::web {
namespace {

std::string CodeLink(const std::string& code) {
  return "<a class=\"code\" href=\"/s/" + Escape(code) + "\">" + Escape(code) + "</a>";
}

std::string State(Lang lang, const std::string& state) {
  return Escape(SayOr(lang, "state.", state));
}

std::string MemberLine(Lang lang, const protocol::AgendaMember& m, const Vocabulary& v,
                       const std::map<std::string, protocol::Suggestion>* progress) {
  std::string out = "<li>" + CodeLink(m.code) + " " + Escape(m.title) + " · ";
  const protocol::Suggestion* s = nullptr;
  if (progress != nullptr) {
    auto it = progress->find(m.code);
    if (it != progress->end()) s = &it->second;
  }
  if (s == nullptr) {
    out += State(lang, m.state);
    if (!m.lead_unit.empty()) out += " · " + Say(lang, "common.role_lead") + " " + Escape(v.UnitLabel(m.lead_unit));
    return out + "</li>";
  }
  out += "<strong>" + State(lang, std::string(protocol::StateName(s->state))) + "</strong>";
  if (s->deadline) out += " · " + Say(lang, "common.deadline") + " " + Escape(s->deadline->date);
  out += " · " + Fill(Say(lang, "director.rounds"),
                      {{"n", std::to_string(s->record.rounds.size())}});
  out += "<ul class=\"members\">";
  for (const auto& u : s->units) {
    out += "<li>" + Escape(v.UnitLabel(u.unit)) + " · " +
           Say(lang, u.role == protocol::UnitRole::kLead ? "common.role_lead" : "common.role_co") +
           " · " + Escape(SayOr(lang, "unit_state.", u.state)) + "</li>";
  }
  return out + "</ul></li>";
}

}  // namespace

std::string AgendaItemCard(Lang lang, const protocol::AgendaItem& item, const Vocabulary& v,
                           const std::map<std::string, protocol::Suggestion>* progress) {
  const bool bundle = item.kind == "bundle";
  std::string out = "<section class=\"card agenda-item\" id=\"a-" + Escape(item.id) + "\"><h3>";
  out += bundle ? "<span class=\"code\">" + Escape(item.id) + "</span>" : CodeLink(item.id);
  out += " " + Escape(item.title) + "</h3><table>";
  auto row = [&](std::string_view key, const std::string& html) {
    out += "<tr><th>" + Say(lang, key) + "</th><td>" + html + "</td></tr>";
  };
  row("agenda.kind", Say(lang, bundle ? "agenda.kind_bundle" : "agenda.kind_suggestion"));
  if (!item.lead_unit.empty()) row("task.units", Escape(v.UnitLabel(item.lead_unit)));
  if (!item.supervisor.empty()) row("agenda.supervisor", Escape(item.supervisor));
  row("agenda.director", item.director.empty() ? "<span class=\"overdue\">" +
                                                     Say(lang, "agenda.no_director") + "</span>"
                                               : "<strong>" + Escape(item.director) + "</strong>");
  row("common.state", Say(lang, item.state == "RESOLVED" ? "agenda.resolved" : "agenda.open"));
  if (item.meetings > 1) row("agenda.meetings", std::to_string(item.meetings));
  std::string reasons;
  for (const auto& r : item.reasons) {
    reasons += "<li>" + Escape(r.text.empty() ? r.key : r.text) + "</li>";
  }
  if (!reasons.empty()) row("agenda.reasons", "<ul>" + reasons + "</ul>");
  if (!item.note.empty()) row("agenda.note", Escape(item.note));
  out += "</table>";
  if (!item.members.empty()) {
    out += "<h4>" + Fill(Say(lang, "agenda.members"), {{"n", std::to_string(item.members.size())}}) +
           "</h4><ul class=\"members\">";
    for (const auto& m : item.members) out += MemberLine(lang, m, v, progress);
    out += "</ul>";
  }
  return out + "</section>";
}

std::string RenderAgenda(Lang lang, const Viewer& viewer,
                         const Result<protocol::MeetingReply>& meetings,
                         const Result<protocol::AgendaReply>& agenda, const Vocabulary& v) {
  std::string body = StaffNav(lang, "/staff/agenda") + "<h1>" + Say(lang, "staff.nav.agenda") +
                     "</h1>";
  if (!meetings.ok()) {
    body += StatusBox(lang, meetings.status());
  } else {
    body += "<p>" + Say(lang, "agenda.next") + ": <strong>" +
            (meetings->next.empty() ? Say(lang, "agenda.no_meeting") : Escape(meetings->next)) +
            "</strong></p>";
    if (meetings->dates.size() > 1) {
      body += "<p class=\"meta\">" + Say(lang, "agenda.all_dates") + ": ";
      for (std::size_t i = 0; i < meetings->dates.size(); ++i) {
        body += (i ? ", " : "") + Escape(meetings->dates[i].date);
      }
      body += "</p>";
    }
  }
  if (!agenda.ok()) {
    body += StatusBox(lang, agenda.status());
  } else {
    if (!agenda->meeting.empty()) {
      body += "<h2>" + Fill(Say(lang, "agenda.items_of"), {{"date", Escape(agenda->meeting)},
                                                            {"n", std::to_string(agenda->items.size())}}) +
              "</h2>";
    }
    if (agenda->items.empty()) body += "<p>" + Say(lang, "agenda.empty") + "</p>";
    for (const auto& item : agenda->items) body += AgendaItemCard(lang, item, v, nullptr);
  }
  return RenderPage({lang, Say(lang, "staff.nav.agenda"), "/staff/agenda", &viewer}, body);
}

std::string RenderHotAndBundles(Lang lang, const Viewer& viewer,
                                const Result<protocol::HotReply>& hot,
                                const Result<protocol::BundleReply>& bundles,
                                const Vocabulary& v) {
  std::string body = StaffNav(lang, "/staff/hot") + "<h1>" + Say(lang, "staff.nav.hot") + "</h1>";
  body += "<h2>" + Say(lang, "hot.marked") + "</h2>";
  if (!hot.ok()) {
    body += StatusBox(lang, hot.status());
  } else {
    if (hot->marked.empty()) body += "<p>" + Say(lang, "common.none") + "</p>";
    else {
      body += "<table><tr><th>" + Say(lang, "common.code") + "</th><th>" +
              Say(lang, "common.title") + "</th><th>" + Say(lang, "hot.reason") + "</th><th>" +
              Say(lang, "hot.marked_by") + "</th></tr>";
      for (const auto& m : hot->marked) {
        body += "<tr><td>" + CodeLink(m.code) + "</td><td>" + Escape(m.title) + "</td><td>" +
                Escape(m.reason) + "</td><td>" + Escape(m.actor) + " · " +
                Escape(LocalTime(m.at_ms, v.utc_offset_minutes)) + "</td></tr>";
      }
      body += "</table>";
    }
    body += "<h2>" + Say(lang, "hot.proposed") + "</h2>";
    if (hot->proposals.empty()) body += "<p>" + Say(lang, "common.none") + "</p>";
    else {
      body += "<table><tr><th>" + Say(lang, "common.code") + "</th><th>" +
              Say(lang, "common.title") + "</th><th>" + Say(lang, "hot.rules") + "</th></tr>";
      for (const auto& p : hot->proposals) {
        std::string rules;
        for (const auto& r : p.rules) rules += (rules.empty() ? "" : "; ") + Escape(r);
        body += "<tr><td>" + CodeLink(p.code) + "</td><td>" + Escape(p.title) + "</td><td>" +
                rules + "</td></tr>";
      }
      body += "</table>";
    }
  }
  body += "<h2>" + Say(lang, "bundle.title") + "</h2>";
  if (!bundles.ok()) {
    body += StatusBox(lang, bundles.status());
  } else if (bundles->bundles.empty()) {
    body += "<p>" + Say(lang, "common.none") + "</p>";
  } else {
    for (const auto& b : bundles->bundles) {
      body += "<section class=\"card bundle\" id=\"b-" + Escape(b.id) + "\"><h3><span class=\"code\">" +
              Escape(b.id) + "</span> " + Escape(b.topic) + "</h3><p>" + Say(lang, "task.units") +
              ": " + Escape(v.UnitLabel(b.lead_unit)) + " · " + Say(lang, "agenda.supervisor") +
              ": " + Escape(b.supervisor) + "</p><ul class=\"members\">";
      for (const auto& m : b.members) body += MemberLine(lang, m, v, nullptr);
      body += "</ul></section>";
    }
  }
  return RenderPage({lang, Say(lang, "staff.nav.hot"), "/staff/hot", &viewer}, body);
}

}  // namespace duban::web
