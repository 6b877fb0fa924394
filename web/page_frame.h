// PageFrame: the HTML every page of duban-web shares — escaping, the document around a page's
// body (title, viewport for phones, the style sheet, the header with the person signed in, the
// language switch, the link to the inbox with the unread count and the sign-out form), the hidden
// CSRF field of every form, and the small pages that stand alone (sign-in, errors). Pages are
// built as strings from escaped parts: every value that did not come from the words table goes
// through Escape().
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "common/status.h"
#include "web/words.h"

namespace duban::web {

// Text for HTML content and attribute values: & < > " ' escaped.
std::string Escape(std::string_view text);

// `text` with each "{name}" replaced by its value (values are inserted as given: escape first).
std::string Fill(std::string text,
                 std::initializer_list<std::pair<std::string_view, std::string>> values);

// Who is signed in, as the header shows it ("张三 · unit:jyj"); empty for the sign-in page.
struct Viewer {
  std::string display;
  std::string role;        // "unit:jyj"
  std::string csrf_token;  // the session's, for the sign-out form
  // The person's unread notices, for the header's link to the inbox ("通知 (3)"); nullopt when
  // not known (not asked, or the broker did not answer): the link is shown without a number.
  std::optional<std::int64_t> unread = std::nullopt;
};

struct PageFrame {
  Lang lang = Lang::kZh;
  std::string title;      // already a word of the table, or a suggestion's title (escaped here)
  std::string self_path;  // the page's path, for the language switch ("/unit")
  const Viewer* viewer = nullptr;  // null before sign-in
};

// The whole document: <!doctype html>, <meta name=viewport>, /style.css, the header, `body_html`.
std::string RenderPage(const PageFrame& frame, std::string_view body_html);

// <input type=hidden name=csrf value=...>: every form of a signed-in page carries it.
std::string CsrfField(std::string_view token);

// A notice box: kind "ok", "warn" or "error"; `html` already escaped.
std::string NoticeBox(std::string_view kind, std::string_view html);

// The sign-in page; `message_key` a word key ("login.failed") or empty.
std::string RenderLoginPage(Lang lang, std::string_view message_key);

// An error page for a person: the meaning of the code in their language, the code, and the
// detail (the broker's message), with a link back to `back_path`.
std::string RenderErrorPage(Lang lang, const Viewer* viewer, std::string_view code,
                            std::string_view detail, std::string_view back_path);

// A broker's refusal inside a page (a list that could not be read): the meaning of its code, the
// code, and the broker's words (its Chinese words first on a Chinese page).
std::string StatusBox(Lang lang, const Status& s);
// The detail of a broker error for a person: on a Chinese page the broker's Chinese words
// (message_zh) and then its message; on an English page its message.
std::string StatusDetail(Lang lang, const Status& s);

// The style sheet served at /style.css (no inline styles: the Content-Security-Policy forbids them).
std::string_view StyleSheet();

}  // namespace duban::web
