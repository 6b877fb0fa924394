#include "web/page_frame.h"

namespace duban::web {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Fill(std::string text,
                 std::initializer_list<std::pair<std::string_view, std::string>> values) {
  for (const auto& [name, value] : values) {
    const std::string marker = "{" + std::string(name) + "}";
    for (std::size_t at = text.find(marker); at != std::string::npos;
         at = text.find(marker, at + value.size())) {
      text.replace(at, marker.size(), value);
    }
  }
  return text;
}

std::string CsrfField(std::string_view token) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(token) + "\">";
}

std::string NoticeBox(std::string_view kind, std::string_view html) {
  return "<div class=\"notice " + std::string(kind) + "\" role=\"status\">" + std::string(html) +
         "</div>";
}

std::string RenderPage(const PageFrame& frame, std::string_view body_html) {
  const Lang lang = frame.lang;
  const std::string other = lang == Lang::kEn ? "zh" : "en";
  std::string out;
  out.reserve(body_html.size() + 2048);
  out += "<!doctype html>\n<html lang=\"" + std::string(LangCode(lang)) + "\"><head>";
  out += "<meta charset=\"utf-8\">";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  out += "<title>" + Escape(frame.title) + " · " + Say(lang, "app.title") + "</title>";
  out += "<link rel=\"stylesheet\" href=\"/style.css\"></head><body>";
  out += "<header><a class=\"brand\" href=\"/\">" + Say(lang, "app.title") + "</a><nav>";
  out += "<a class=\"lang\" href=\"" + Escape(frame.self_path) + "?lang=" + other + "\">" +
         Say(lang, "nav.lang_other") + "</a>";
  if (frame.viewer != nullptr) {
    const std::optional<std::int64_t>& unread = frame.viewer->unread;
    out += "<a class=\"inbox\" href=\"/inbox\">";
    if (unread && *unread > 0) {
      out += "<strong>" + Fill(Say(lang, "nav.inbox_unread"), {{"n", std::to_string(*unread)}}) +
             "</strong>";
    } else {
      out += Say(lang, "nav.inbox");
    }
    out += "</a>";
    out += "<span class=\"who\">" + Say(lang, "nav.signed_in_as") + ": " +
           Escape(frame.viewer->display) + " · " + Escape(frame.viewer->role) + "</span>";
    out += "<form method=\"post\" action=\"/logout\" class=\"inline\">" +
           CsrfField(frame.viewer->csrf_token) + "<button type=\"submit\">" +
           Say(lang, "nav.logout") + "</button></form>";
  }
  out += "</nav></header><main>";
  out += body_html;
  out += "</main></body></html>\n";
  return out;
}

std::string RenderLoginPage(Lang lang, std::string_view message_key) {
  std::string body = "<h1>" + Say(lang, "login.title") + "</h1>";
  if (!message_key.empty()) {
    body += NoticeBox(message_key == "login.signed_out" ? "ok" : "error", Say(lang, message_key));
  }
  body += "<form method=\"post\" action=\"/login\" class=\"card\">";
  body += "<label>" + Say(lang, "login.name") +
          "<input name=\"name\" autocomplete=\"username\" required maxlength=\"64\"></label>";
  body += "<label>" + Say(lang, "login.password") +
          "<input name=\"password\" type=\"password\" autocomplete=\"current-password\" required "
          "maxlength=\"1024\"></label>";
  body += "<button type=\"submit\">" + Say(lang, "login.button") + "</button></form>";
  return RenderPage({lang, Say(lang, "login.title"), "/login", nullptr}, body);
}

std::string RenderErrorPage(Lang lang, const Viewer* viewer, std::string_view code,
                            std::string_view detail, std::string_view back_path) {
  std::string meaning = SayOr(lang, "code.", code);
  std::string body = "<h1>" + Say(lang, "error.title") + "</h1>";
  body += NoticeBox("error", "<strong>" + Escape(meaning) + "</strong>");
  body += "<p>" + Say(lang, "error.code") + ": <code class=\"code\">" + Escape(code) + "</code></p>";
  if (!detail.empty()) {
    body += "<p class=\"detail\">" + Say(lang, "error.detail") + ": " + Escape(detail) + "</p>";
  }
  body += "<p><a href=\"" + Escape(back_path) + "\">" + Say(lang, "nav.back") + "</a></p>";
  return RenderPage({lang, Say(lang, "error.title"), std::string(back_path), viewer}, body);
}

std::string StatusDetail(Lang lang, const Status& s) {
  if (lang == Lang::kZh && !s.zh().empty() && s.zh() != s.message()) {
    return s.zh() + " — " + s.message();
  }
  return s.message();
}

std::string StatusBox(Lang lang, const Status& s) {
  const std::string code(StatusCodeName(s.code()));
  return NoticeBox("error", "<strong>" + Escape(SayOr(lang, "code.", code)) +
                                "</strong> <code class=\"code\">" + Escape(code) + "</code> " +
                                Escape(StatusDetail(lang, s)));
}

std::string_view StyleSheet() {
  // Phones first: nothing may be wider than the screen (long codes, actors and notes wrap;
  // fieldsets and grid cells may shrink below their content's width).
  return R"css(*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1d2329;background:#f4f6f8;overflow-wrap:anywhere}
header{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5em;padding:.6em 1em;background:#8b1a1a;color:#fff}
header a{color:#fff}.brand{font-weight:bold;text-decoration:none}
nav{display:flex;flex-wrap:wrap;align-items:center;gap:.8em;font-size:.9em}
main{max-width:60em;margin:0 auto;padding:1em}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.5em;border-bottom:1px solid #d0d5da}
.card,form.card,section.card{background:#fff;border:1px solid #d0d5da;border-radius:6px;padding:1em;margin:.8em 0;min-width:0}
fieldset{min-width:0;border:1px solid #d0d5da;border-radius:4px}
label{display:block;margin:.5em 0}input,select,textarea{display:block;width:100%;max-width:40em;font:inherit;padding:.4em;margin-top:.2em}
textarea{min-height:6em}button{font:inherit;padding:.45em 1.2em;margin-top:.5em;cursor:pointer}
form.inline{display:inline}form.inline button{margin:0;padding:.1em .6em}
table{border-collapse:collapse;width:100%;table-layout:fixed;background:#fff}th,td{text-align:left;padding:.35em .5em;border-bottom:1px solid #e3e6e9;vertical-align:top;overflow-wrap:anywhere}
.notice{padding:.6em 1em;border-radius:6px;margin:.8em 0}.ok{background:#e6f4ea}.warn{background:#fff4d6}.error{background:#fde8e8}
.overdue{color:#b00020;font-weight:bold}.text{white-space:pre-wrap}.code{font-family:monospace}
.grid{display:grid;grid-template-columns:minmax(0,1fr);gap:1em}@media(min-width:50em){.grid{grid-template-columns:minmax(0,2fr) minmax(0,1fr)}}
ol.entries{list-style:none;margin:0;padding:0}ol.entries li{padding:.4em 0;border-bottom:1px solid #e3e6e9}
.meta{font-size:.85em;color:#5b6670}.note{font-size:.9em}
.radio{display:inline-block;margin-right:1em}.radio input{display:inline;width:auto}
nav.sections{display:flex;flex-wrap:wrap;gap:.3em .9em;margin:.2em 0 .8em;font-size:.95em}nav.sections a[aria-current]{font-weight:bold;text-decoration:none}
.rate{font-variant-numeric:tabular-nums}.members{margin:.3em 0 0 1.2em}.qr{display:block;width:12em;max-width:100%;height:auto;background:#fff}
.inbox-item.unread{border-left:4px solid #8b1a1a;padding-left:.6em;background:#fffaf0}.badge{font-size:.8em;padding:0 .4em;border-radius:3px;background:#e3e6e9}.badge.unread{background:#8b1a1a;color:#fff}
@media print{header,nav.sections,.noprint{display:none}body{background:#fff}}
)css";
}

}  // namespace duban::web
