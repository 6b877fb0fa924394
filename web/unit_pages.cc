#include "web/unit_pages.h"

#include <algorithm>

#include "common/protocol/lifecycle.h"

namespace duban::web {
namespace {

// The start of a form posting to /s/<code>/<action>.
std::string FormStart(const std::string& code, std::string_view action, const Viewer& viewer) {
  return "<form method=\"post\" class=\"card\" action=\"/s/" + Escape(code) + "/" +
         std::string(action) + "\">" + CsrfField(viewer.csrf_token);
}

std::string Button(Lang lang, std::string_view key) {
  return "<button type=\"submit\">" + Say(lang, key) + "</button></form>";
}

std::string TextArea(Lang lang, std::string_view name, std::string_view label_key,
                     std::size_t max_bytes, bool required = true) {
  return "<label>" + Say(lang, label_key) + "<textarea name=\"" + std::string(name) +
         "\" maxlength=\"" + std::to_string(max_bytes) + "\"" + (required ? " required" : "") +
         "></textarea></label>";
}

// The reply form, with the co-handlers' opinions beside it.
std::string ReplyForm(Lang lang, const Viewer& viewer, const protocol::Suggestion& s,
                      const Vocabulary& v) {
  std::string form = FormStart(s.code, "reply", viewer);
  form += "<h2>" + Say(lang, "act.reply") + "</h2>";
  form += "<label>" + Say(lang, "act.reply_class") + "<select name=\"result_class\" required>";
  for (const auto& [code, name] : v.classes) {
    form += "<option value=\"" + Escape(code) + "\">" + Escape(code + " " + name) + "</option>";
  }
  form += "</select></label>";
  form += TextArea(lang, "text", "act.reply_text", 30000);
  form += "<label>" + Say(lang, "act.reply_signer") +
          "<input name=\"signer\" required maxlength=\"200\"></label>";
  form += "<fieldset><legend>" + Say(lang, "act.reply_commitments") + "</legend>";
  for (int i = 1; i <= kReplyCommitmentRows; ++i) {
    const std::string n = std::to_string(i);
    form += "<label>" + Say(lang, "act.commitment_text") + " " + n +
            "<input name=\"commitment_text_" + n + "\" maxlength=\"2000\"></label>";
    form += "<label>" + Say(lang, "act.commitment_due") + " " + n +
            "<input type=\"date\" name=\"commitment_due_" + n + "\"></label>";
  }
  form += "</fieldset>" + Button(lang, "act.reply");

  std::string beside = "<aside class=\"card\"><h2>" + Say(lang, "act.opinions_beside") + "</h2>";
  bool any = false;
  for (const protocol::UnitNote& n : s.record.notes) {
    if (n.kind != "opinion") continue;
    any = true;
    beside += "<p><strong>" + Escape(v.UnitLabel(n.unit)) + "</strong></p><div class=\"text\">" +
              Escape(n.text) + "</div>";
  }
  if (!any) beside += "<p>" + Say(lang, "common.none") + "</p>";
  for (const std::string& unit : MissingOpinions(s)) {
    beside += NoticeBox("warn", Fill(Say(lang, "act.opinion_missing"),
                                     {{"unit", Escape(v.UnitLabel(unit))}}));
  }
  beside += "</aside>";
  return "<div class=\"grid\">" + form + beside + "</div>";
}

// The forms the unit's task allows now (docs/protocol.md#unit-tasks).
std::string ActionForms(Lang lang, const Viewer& viewer, const protocol::Suggestion& s,
                        const protocol::UnitAssignment& task, const Vocabulary& v) {
  if (!protocol::AwaitsReply(s.state) || task.state == "REASSIGNED") {
    return "<p>" + Say(lang, "act.no_action") + "</p>";
  }
  const std::string& st = task.state;
  const bool lead = task.role == protocol::UnitRole::kLead;
  auto in = [&](std::initializer_list<std::string_view> states) {
    return std::find(states.begin(), states.end(), st) != states.end();
  };
  std::string out;
  if (st == "ISSUED") out += FormStart(s.code, "sign", viewer) + Button(lang, "act.sign");
  if (st == "SIGNED") out += FormStart(s.code, "start", viewer) + Button(lang, "act.start");
  if (lead && in({"SIGNED", "IN_PROGRESS", "EXTENSION_PENDING", "EXTENDED"})) {
    out += ReplyForm(lang, viewer, s, v);
  }
  if (!lead && in({"SIGNED", "IN_PROGRESS"})) {
    out += FormStart(s.code, "opinion", viewer) + "<h2>" + Say(lang, "act.opinion") + "</h2>" +
           TextArea(lang, "text", "act.opinion_text", 6000) + Button(lang, "act.opinion");
  }
  out += FormStart(s.code, "contact", viewer) + "<h2>" + Say(lang, "act.contact") + "</h2>";
  out += "<label>" + Say(lang, "act.contact_phase") + "<select name=\"phase\">";
  for (const char* phase : {"before", "during", "after"}) {
    out += "<option value=\"" + std::string(phase) + "\">" +
           Say(lang, "phase." + std::string(phase)) + "</option>";
  }
  out += "</select></label>" + TextArea(lang, "text", "act.contact_text", 6000) +
         Button(lang, "act.contact");
  if (in({"SIGNED", "IN_PROGRESS", "EXTENDED"}) && s.state != protocol::SuggestionState::kRehandling) {
    out += FormStart(s.code, "extend", viewer) + "<h2>" + Say(lang, "act.extend") + "</h2>" +
           "<label>" + Say(lang, "act.extend_until") +
           "<input type=\"date\" name=\"until\" required></label>" +
           TextArea(lang, "reason", "act.extend_reason", 6000) + Button(lang, "act.extend");
  }
  if (in({"ISSUED", "SIGNED"})) {
    out += FormStart(s.code, "return", viewer) + "<h2>" + Say(lang, "act.return") + "</h2>" +
           TextArea(lang, "reason", "act.return_reason", 6000) + Button(lang, "act.return");
  }
  return out;
}

}  // namespace

std::string FlashBoxes(Lang lang, const Flash& flash) {
  std::string out;
  if (!flash.done_key.empty()) out += NoticeBox("ok", Say(lang, flash.done_key));
  for (const std::string& w : flash.warnings) {
    out += NoticeBox("warn", "<strong>" + Say(lang, "common.warning") + ":</strong> " + Escape(w));
  }
  return out;
}

std::vector<std::string> MissingOpinions(const protocol::Suggestion& s) {
  std::vector<std::string> missing;
  for (const auto& u : s.units) {
    if (u.role == protocol::UnitRole::kCo && u.state != "OPINION_SENT" &&
        u.state != "REASSIGNED") {
      missing.push_back(u.unit);
    }
  }
  return missing;
}

std::string RenderUnitBoard(Lang lang, const Viewer& viewer, const std::vector<BoardItem>& items,
                            std::int64_t total, const Vocabulary& v) {
  std::string body = "<h1>" + Say(lang, "unit.board_title") + "</h1>";
  if (items.empty()) body += "<p>" + Say(lang, "unit.empty") + "</p>";
  if (total > static_cast<std::int64_t>(items.size())) {
    body += "<p>" + Fill(Say(lang, "unit.listed"), {{"n", std::to_string(total)},
                                                     {"shown", std::to_string(items.size())}}) +
            "</p>";
  }
  for (Bucket b : kBucketOrder) {
    auto first = std::find_if(items.begin(), items.end(),
                              [b](const BoardItem& i) { return i.bucket == b; });
    if (first == items.end()) continue;
    body += "<section class=\"bucket\" id=\"" + std::string(BucketKey(b).substr(7)) + "\"><h2>" +
            Say(lang, BucketKey(b)) + "</h2><table><tr><th>" + Say(lang, "common.code") +
            "</th><th>" + Say(lang, "common.title") + "</th><th>" + Say(lang, "common.my_task") +
            "</th><th>" + Say(lang, "common.deadline") + "</th></tr>";
    for (auto it = first; it != items.end(); ++it) {
      if (it->bucket != b) continue;
      std::string role = Say(lang, it->lead ? "common.role_lead" : "common.role_co");
      body += "<tr><td><a class=\"code\" href=\"/s/" + Escape(it->code) + "\">" +
              Escape(it->code) + "</a></td><td>" + Escape(it->title) + "</td><td>" +
              Escape(role) + " · " + Escape(SayOr(lang, "unit_state.", it->unit_state)) +
              "</td><td" + (b == Bucket::kOverdue ? " class=\"overdue\"" : "") + ">" +
              Escape(it->deadline) + "</td></tr>";
    }
    body += "</table></section>";
  }
  (void)v;
  return RenderPage({lang, Say(lang, "unit.board_title"), "/unit", &viewer}, body);
}

std::string RenderUnitTask(Lang lang, const Viewer& viewer, const protocol::GetReply& got,
                           const std::string& unit, const Vocabulary& v, const Flash& flash) {
  const protocol::Suggestion& s = got.suggestion;
  std::string body = "<p><a href=\"/unit\">" + Say(lang, "nav.back") + "</a></p>";
  body += FlashBoxes(lang, flash);
  body += SuggestionHeading(lang, s, v);
  const protocol::UnitAssignment* task = TaskOf(s, unit);
  if (task != nullptr) {
    body += "<p>" + Say(lang, "common.my_task") + ": " + Escape(v.UnitLabel(unit)) + " · " +
            Say(lang, task->role == protocol::UnitRole::kLead ? "common.role_lead"
                                                               : "common.role_co") +
            " · <strong>" + Escape(SayOr(lang, "unit_state.", task->state)) + "</strong></p>";
  }
  body += SuggestionBody(lang, s, v);
  body += RepliesSection(lang, s, v);
  body += NotesSection(lang, s, v);
  body += "<h2>" + Say(lang, "task.actions") + "</h2>";
  body += task != nullptr ? ActionForms(lang, viewer, s, *task, v)
                          : "<p>" + Say(lang, "act.no_action") + "</p>";
  body += TimelineSection(lang, got.timeline, v);
  return RenderPage({lang, s.draft.title, "/s/" + s.code, &viewer}, body);
}

}  // namespace duban::web
