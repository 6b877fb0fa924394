#include "web/public_pages.h"

namespace duban::web {
namespace {

std::string LookupForm(Lang lang) {
  return "<form method=\"get\" action=\"/p\" class=\"card noprint\"><label>" +
         Say(lang, "public.lookup") +
         "<input name=\"code\" required maxlength=\"32\" pattern=\"[A-Za-z0-9-]{1,32}\"></label>"
         "<button type=\"submit\">" + Say(lang, "public.lookup_button") + "</button></form>";
}

std::string Or(Lang lang, const std::string& value) {
  return value.empty() ? Say(lang, "public.not_yet") : Escape(value);
}

}  // namespace

std::string RenderPublicStatus(Lang lang, const protocol::PublicStatus& s,
                               std::string_view qr_path, std::string_view public_url) {
  std::string body = "<h1>" + Say(lang, "public.title") + "</h1>";
  body += "<section class=\"card public-status\"><table>";
  auto row = [&](std::string_view key, const std::string& html) {
    body += "<tr><th>" + Say(lang, key) + "</th><td>" + html + "</td></tr>";
  };
  row("common.code", "<span class=\"code\">" + Escape(s.code) + "</span>");
  if (!s.title.empty()) row("common.title", Escape(s.title));
  row("public.session", Escape(s.session));
  const std::string state = lang == Lang::kZh && !s.state_label.empty()
                                ? s.state_label
                                : SayOr(lang, "state.", s.state);
  row("common.state", "<strong>" + Escape(state) + "</strong>");
  std::string units;
  for (const auto& u : s.units) {
    units += (units.empty() ? "" : "<br>") + Escape(u.name) + " · " +
             Say(lang, u.role == "lead" ? "common.role_lead" : "common.role_co");
  }
  row("task.units", units.empty() ? Say(lang, "public.not_yet") : units);
  row("common.deadline", Or(lang, s.deadline));
  row("public.reply_date", Or(lang, s.reply_date));
  row("task.class", Or(lang, s.result_class));
  row("deputy.satisfaction", Or(lang, s.satisfaction));
  row("public.rounds", std::to_string(s.rounds));
  body += "</table></section>";
  body += "<section class=\"card\"><h2>" + Say(lang, "public.qr") + "</h2><img class=\"qr\" src=\"" +
          Escape(qr_path) + "\" alt=\"" + Say(lang, "public.qr_alt") + " " + Escape(s.code) +
          "\"><p class=\"meta\">" + Escape(public_url) + "</p></section>";
  body += "<p class=\"meta\">" + Say(lang, "public.private_note") + "</p>";
  body += LookupForm(lang);
  return RenderPage({lang, Say(lang, "public.title") + " " + s.code, "/p/" + s.code, nullptr},
                    body);
}

std::string RenderPublicLookup(Lang lang, std::string_view message_key) {
  std::string body = "<h1>" + Say(lang, "public.title") + "</h1>";
  if (!message_key.empty()) body += NoticeBox("error", Say(lang, message_key));
  body += LookupForm(lang);
  return RenderPage({lang, Say(lang, "public.title"), "/p", nullptr}, body);
}

std::string RenderPublicRefusal(Lang lang, std::string_view message_key, const std::string& code) {
  std::string body = "<h1>" + Say(lang, "public.title") + "</h1>";
  body += NoticeBox("error", "<strong>" + Say(lang, message_key) + "</strong>");
  body += "<p>" + Say(lang, "error.code") + ": <code class=\"code\">" + Escape(code) +
          "</code></p>";
  body += LookupForm(lang);
  return RenderPage({lang, Say(lang, "public.title"), "/p", nullptr}, body);
}

}  // namespace duban::web
