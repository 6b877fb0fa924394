#include "web/deputy_pages.h"

namespace duban::web {
namespace {

std::string LookupForm(Lang lang) {
  return "<form method=\"get\" action=\"/open\" class=\"card\"><label>" +
         Say(lang, "deputy.lookup") +
         "<input name=\"code\" required maxlength=\"32\" pattern=\"[A-Za-z0-9-]{1,32}\"></label>"
         "<button type=\"submit\">" + Say(lang, "common.submit") + "</button></form>";
}

std::string EvaluateForm(Lang lang, const Viewer& viewer, const protocol::Suggestion& s,
                         const Vocabulary& v) {
  std::string out = "<form method=\"post\" class=\"card\" action=\"/s/" + Escape(s.code) +
                    "/evaluate\">" + CsrfField(viewer.csrf_token);
  out += "<h2>" + Say(lang, "deputy.evaluate") + "</h2><fieldset><legend>" +
         Say(lang, "deputy.satisfaction") + "</legend>";
  for (const auto& [code, name] : v.levels) {
    out += "<label class=\"radio\"><input type=\"radio\" name=\"satisfaction\" required value=\"" +
           Escape(code) + "\">" + Escape(name) + "</label>";
  }
  out += "</fieldset><label>" + Say(lang, "deputy.reasons") +
         "<textarea name=\"reasons\" maxlength=\"6000\"></textarea></label>";
  out += "<button type=\"submit\">" + Say(lang, "deputy.evaluate") + "</button></form>";
  return out;
}

}  // namespace

std::string RenderDeputyBoard(Lang lang, const Viewer& viewer,
                              const Result<protocol::ListReply>& list) {
  std::string body = "<h1>" + Say(lang, "deputy.board_title") + "</h1>";
  if (!list.ok()) {
    body += NoticeBox("error", Say(lang, "deputy.list_failed") + " <code class=\"code\">" +
                                   Escape(StatusCodeName(list.status().code())) + "</code> " +
                                   Escape(list.status().message()));
  } else if (list->items.empty()) {
    body += "<p>" + Say(lang, "deputy.empty") + "</p>";
  } else {
    body += "<table><tr><th>" + Say(lang, "common.code") + "</th><th>" +
            Say(lang, "common.title") + "</th><th>" + Say(lang, "common.state") + "</th><th>" +
            Say(lang, "common.deadline") + "</th></tr>";
    for (const protocol::SuggestionSummary& s : list->items) {
      body += "<tr><td><a class=\"code\" href=\"/s/" + Escape(s.code) + "\">" + Escape(s.code) +
              "</a></td><td>" + Escape(s.title) + "</td><td>" +
              Escape(SayOr(lang, "state.", s.state)) + "</td><td>" + Escape(s.deadline) +
              "</td></tr>";
    }
    body += "</table>";
  }
  body += LookupForm(lang);
  return RenderPage({lang, Say(lang, "deputy.board_title"), "/deputy", &viewer}, body);
}

std::string RenderDeputyTask(Lang lang, const Viewer& viewer, const protocol::GetReply& got,
                             const Vocabulary& v, const Flash& flash) {
  const protocol::Suggestion& s = got.suggestion;
  std::string body = "<p><a href=\"/deputy\">" + Say(lang, "nav.back") + "</a></p>";
  if (!flash.done_key.empty()) body += NoticeBox("ok", Say(lang, flash.done_key));
  body += SuggestionHeading(lang, s, v);
  std::string replies = RepliesSection(lang, s, v);
  body += replies.empty() ? "<p>" + Say(lang, "deputy.awaiting_reply") + "</p>" : replies;
  if (s.state == protocol::SuggestionState::kReplied) body += EvaluateForm(lang, viewer, s, v);
  body += SuggestionBody(lang, s, v);
  body += NotesSection(lang, s, v);
  body += TimelineSection(lang, got.timeline, v);
  return RenderPage({lang, s.draft.title, "/s/" + s.code, &viewer}, body);
}

std::string RenderReadOnlyTask(Lang lang, const Viewer& viewer, const protocol::GetReply& got,
                               const Vocabulary& v) {
  const protocol::Suggestion& s = got.suggestion;
  std::string body = "<p><a href=\"/\">" + Say(lang, "nav.back") + "</a></p>";
  body += SuggestionHeading(lang, s, v) + SuggestionBody(lang, s, v) + RepliesSection(lang, s, v) +
          NotesSection(lang, s, v) + TimelineSection(lang, got.timeline, v);
  return RenderPage({lang, s.draft.title, "/s/" + s.code, &viewer}, body);
}

}  // namespace duban::web
