#include "web/suggestion_view.h"

#include <cstdio>

#include "common/calendar.h"
#include "common/protocol/labels.h"
#include "web/page_frame.h"

namespace duban::web {
namespace {

std::string Row(std::string_view head, std::string_view value_html) {
  return "<tr><th>" + std::string(head) + "</th><td>" + std::string(value_html) + "</td></tr>";
}

// A timeline action for people: its Chinese label with the code on a Chinese page ("签收
// (signed)"), the code on an English one.
std::string ActionText(Lang lang, const std::string& action) {
  if (lang == Lang::kEn) return action;
  return protocol::WithCode(protocol::ActionLabel(action), action);
}

}  // namespace

std::string Vocabulary::UnitLabel(const std::string& id) const {
  auto it = unit_names.find(id);
  if (it == unit_names.end() || it->second.empty()) return id;
  return it->second + " (" + id + ")";
}

std::string Vocabulary::ClassLabel(const std::string& code) const {
  for (const auto& [c, name] : classes) {
    if (c == code) return c + " " + name;
  }
  return code;
}

std::string Vocabulary::LevelLabel(const std::string& code) const {
  for (const auto& [c, name] : levels) {
    if (c == code) return name;
  }
  return code;
}

Vocabulary DefaultVocabulary() {
  Vocabulary v;
  v.classes = {{"A", "已解决或基本解决"},
               {"B", "正在解决或列入计划逐步解决"},
               {"C", "因条件限制暂时无法解决"},
               {"D", "留作参考"}};
  v.levels = {{"satisfied", "满意"}, {"basic", "基本满意"}, {"dissatisfied", "不满意"}};
  return v;
}

std::string LocalTime(std::int64_t ms, std::int64_t utc_offset_minutes) {
  if (ms <= 0) return "";
  const std::int64_t local = ms + utc_offset_minutes * 60 * 1000;
  const std::int64_t minute_of_day = ((local / 60000) % 1440 + 1440) % 1440;
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", static_cast<int>(minute_of_day / 60),
                static_cast<int>(minute_of_day % 60));
  return FormatDate(LocalDateOf(ms, utc_offset_minutes)) + " " + hm;
}

std::string SuggestionHeading(Lang lang, const protocol::Suggestion& s, const Vocabulary&) {
  std::string out = "<h1>" + Escape(s.draft.title) + "</h1><p class=\"facts\">";
  out += Say(lang, "common.code") + ": <span class=\"code\">" + Escape(s.code) + "</span> · ";
  out += Say(lang, "common.state") + ": " +
         Escape(SayOr(lang, "state.", protocol::StateName(s.state)));
  if (s.deadline) {
    out += " · " + Say(lang, "common.deadline") + ": " + Escape(s.deadline->date);
  }
  return out + "</p>";
}

std::string SuggestionBody(Lang lang, const protocol::Suggestion& s, const Vocabulary& v) {
  std::string out = "<section class=\"card\"><h2>" + Say(lang, "task.text") + "</h2>";
  out += "<p>" + Say(lang, "task.deputy") + ": " + Escape(s.draft.deputy.name) + "</p>";
  out += "<div class=\"text\">" + Escape(s.draft.content) + "</div></section>";
  if (!s.units.empty()) {
    out += "<section class=\"card\"><h2>" + Say(lang, "task.units") + "</h2><table>";
    for (const auto& u : s.units) {
      std::string role = Say(lang, u.role == protocol::UnitRole::kLead ? "common.role_lead"
                                                                        : "common.role_co");
      out += Row(Escape(v.UnitLabel(u.unit)),
                 Escape(role) + " · " + Escape(SayOr(lang, "unit_state.", u.state)));
    }
    out += "</table></section>";
  }
  return out;
}

std::string RepliesSection(Lang lang, const protocol::Suggestion& s, const Vocabulary& v) {
  if (s.record.rounds.empty()) return "";
  std::string out = "<section class=\"card\"><h2>" + Say(lang, "task.replies") + "</h2>";
  for (const protocol::ReplyRound& r : s.record.rounds) {
    out += "<h3>" + Fill(Say(lang, "task.round"), {{"n", std::to_string(r.round)}}) + " · " +
           Escape(v.UnitLabel(r.unit)) + " · " + Escape(LocalTime(r.replied_ms, v.utc_offset_minutes)) +
           "</h3><table>";
    out += Row(Say(lang, "task.class"), Escape(v.ClassLabel(r.result_class)));
    out += Row(Say(lang, "task.signer"), Escape(r.signer));
    out += "</table><div class=\"text reply\">" + Escape(r.text) + "</div>";
    if (!r.commitments.empty()) {
      out += "<h4>" + Say(lang, "task.commitments") + "</h4><ul>";
      for (const auto& c : r.commitments) {
        out += "<li>" + Escape(c.text) + " — " + Say(lang, "task.due") + " " + Escape(c.due) +
               "</li>";
      }
      out += "</ul>";
    }
    out += "<p>" + Say(lang, "task.evaluation") + ": ";
    if (r.satisfaction.empty()) {
      out += Say(lang, "task.not_evaluated");
    } else {
      out += "<strong>" + Escape(v.LevelLabel(r.satisfaction)) + "</strong>";
      if (!r.reasons.empty()) out += " — " + Say(lang, "task.reasons") + ": " + Escape(r.reasons);
    }
    out += "</p>";
  }
  return out + "</section>";
}

// Notes and the timeline are lists, not tables: on a phone a long note then takes the whole width.
std::string NotesSection(Lang lang, const protocol::Suggestion& s, const Vocabulary& v) {
  if (s.record.notes.empty()) return "";
  std::string out = "<section class=\"card\"><h2>" + Say(lang, "task.notes") +
                    "</h2><ol class=\"entries\">";
  for (const protocol::UnitNote& n : s.record.notes) {
    std::string kind = Say(lang, n.kind == "opinion" ? "task.note_opinion" : "task.note_contact");
    if (n.kind == "contact" && !n.phase.empty()) kind += " · " + SayOr(lang, "phase.", n.phase);
    out += "<li><div class=\"meta\">" + Escape(LocalTime(n.at_ms, v.utc_offset_minutes)) + " · " +
           Escape(v.UnitLabel(n.unit)) + " · <strong>" + Escape(kind) +
           "</strong></div><div class=\"text\">" + Escape(n.text) + "</div></li>";
  }
  return out + "</ol></section>";
}

std::string TimelineSection(Lang lang, const std::vector<protocol::AuditEntry>& timeline,
                            const Vocabulary& v) {
  std::string out = "<section class=\"card\"><h2>" + Say(lang, "task.timeline") +
                    "</h2><ol class=\"entries\">";
  for (const protocol::AuditEntry& e : timeline) {
    out += "<li><div class=\"meta\">" + Escape(LocalTime(e.at_ms, v.utc_offset_minutes)) +
           " · " + Escape(e.actor) + " · <strong>" + Escape(ActionText(lang, e.action)) +
           "</strong></div>";
    if (!e.note.empty()) out += "<div class=\"text note\">" + Escape(e.note) + "</div>";
    out += "</li>";
  }
  return out + "</ol></section>";
}

}  // namespace duban::web
