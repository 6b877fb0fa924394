#include "web/inbox_pages.h"

#include <algorithm>

#include "web/staff_requests.h"

namespace duban::web {
namespace {

// The filter's fields as hidden inputs: a "mark read" form brings the page back as it was.
std::string FilterFields(const InboxFilter& f) {
  std::string out;
  auto hidden = [&out](std::string_view name, std::string_view value) {
    if (value.empty()) return;
    out += "<input type=\"hidden\" name=\"" + std::string(name) + "\" value=\"" + Escape(value) +
           "\">";
  };
  hidden("kind", f.kind);
  hidden("code", f.code);
  hidden("unread", f.unread ? "1" : "");
  return out;
}

std::string FilterForm(Lang lang, const InboxFilter& f) {
  std::string out = "<form method=\"get\" action=\"/inbox\" class=\"card filter\">";
  out += "<label>" + Say(lang, "inbox.kind") + "<select name=\"kind\"><option value=\"\">" +
         Say(lang, "inbox.any_kind") + "</option>";
  auto option = [&](std::string_view kind) {
    out += "<option value=\"" + Escape(kind) + "\"" + (kind == f.kind ? " selected" : "") + ">" +
           Escape(SayOr(lang, "notice_kind.", kind)) + "</option>";
  };
  for (std::string_view kind : NoticeKinds()) option(kind);
  const auto known = NoticeKinds();
  if (!f.kind.empty() && std::find(known.begin(), known.end(), f.kind) == known.end()) {
    option(f.kind);  // a kind this table does not know yet: kept, as the broker names it
  }
  out += "</select></label>";
  out += "<label>" + Say(lang, "inbox.code") + "<input name=\"code\" value=\"" + Escape(f.code) +
         "\" maxlength=\"40\"></label>";
  out += "<label class=\"radio\"><input type=\"checkbox\" name=\"unread\" value=\"1\"" +
         std::string(f.unread ? " checked" : "") + ">" + Say(lang, "inbox.only_unread") +
         "</label>";
  out += "<button type=\"submit\">" + Say(lang, "inbox.filter") + "</button> <a href=\"/inbox\">" +
         Say(lang, "inbox.clear") + "</a></form>";
  return out;
}

// A form that marks `ids` (comma-separated) read, with `label` on its button.
std::string ReadForm(const Viewer& viewer, const InboxFilter& f, const std::string& ids,
                     const std::string& label, std::string_view css) {
  return "<form method=\"post\" action=\"/inbox/read\" class=\"" + std::string(css) + "\">" +
         CsrfField(viewer.csrf_token) + "<input type=\"hidden\" name=\"ids\" value=\"" +
         Escape(ids) + "\">" + FilterFields(f) + "<button type=\"submit\">" + label +
         "</button></form>";
}

std::string NoticeItem(Lang lang, const Viewer& viewer, const InboxFilter& f,
                       const protocol::OutboxEntry& n, const Vocabulary& v) {
  std::string out = n.read ? "<li class=\"inbox-item\">" : "<li class=\"inbox-item unread\">";
  out += "<p class=\"meta\"><span class=\"badge" + std::string(n.read ? "" : " unread") + "\">" +
         Say(lang, n.read ? "inbox.read" : "inbox.unread") + "</span> " +
         Escape(LocalTime(n.at_ms, v.utc_offset_minutes)) + " · <strong>" +
         Escape(SayOr(lang, "notice_kind.", n.kind)) + "</strong>";
  if (lang == Lang::kZh && SayOr(lang, "notice_kind.", n.kind) != n.kind) {
    out += " <code class=\"code\">" + Escape(n.kind) + "</code>";
  }
  out += "</p><p class=\"text\">" + Escape(n.text) + "</p>";
  if (IsCodeText(n.code)) {
    out += "<a class=\"open\" href=\"/s/" + Escape(n.code) + "\">" +
           Fill(Say(lang, "inbox.open"), {{"code", Escape(n.code)}}) + "</a> ";
  }
  if (!n.read && !n.id.empty()) {
    out += ReadForm(viewer, f, n.id, Say(lang, "inbox.mark_read"), "inline");
  }
  out += "</li>";
  return out;
}

}  // namespace

std::string RenderInbox(Lang lang, const Viewer& viewer, const std::string& recipient,
                        const InboxFilter& filter, const Result<protocol::InboxReply>& listed,
                        const Vocabulary& v, const Flash& flash) {
  std::string body = "<h1>" + Say(lang, "inbox.title") + "</h1>";
  body += FlashBoxes(lang, flash);
  body += "<p class=\"meta\">" + Say(lang, "inbox.of") + ": <code class=\"code\">" +
          Escape(recipient) + "</code></p>";
  body += FilterForm(lang, filter);
  if (!listed.ok()) {
    body += StatusBox(lang, listed.status());
    return RenderPage({lang, Say(lang, "inbox.title"), "/inbox", &viewer}, body);
  }
  body += "<p>" +
          Fill(Say(lang, "inbox.counts"), {{"total", std::to_string(listed->total)},
                                           {"unread", std::to_string(listed->unread)}}) +
          "</p>";
  if (listed->notices.empty()) {
    body += "<p>" + Say(lang, "inbox.empty") + "</p>";
    return RenderPage({lang, Say(lang, "inbox.title"), "/inbox", &viewer}, body);
  }
  std::string unread_ids;
  std::int64_t unread_shown = 0;
  for (const protocol::OutboxEntry& n : listed->notices) {
    if (n.read || n.id.empty() || unread_shown == kInboxPageLimit) continue;
    unread_ids += (unread_ids.empty() ? "" : ",") + n.id;
    ++unread_shown;
  }
  if (unread_shown > 0) {
    body += ReadForm(viewer, filter, unread_ids,
                     Fill(Say(lang, "inbox.mark_all"), {{"n", std::to_string(unread_shown)}}),
                     "mark-all");
  }
  body += "<ol class=\"entries inbox\">";
  for (const protocol::OutboxEntry& n : listed->notices)
    body += NoticeItem(lang, viewer, filter, n, v);
  body += "</ol>";
  if (static_cast<std::int64_t>(listed->notices.size()) >= kInboxPageLimit) {
    body += "<p class=\"meta\">" +
            Fill(Say(lang, "inbox.capped"), {{"n", std::to_string(kInboxPageLimit)}}) + "</p>";
  }
  return RenderPage({lang, Say(lang, "inbox.title"), "/inbox", &viewer}, body);
}

}  // namespace duban::web
