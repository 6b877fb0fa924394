#include "web/inbox_requests.h"

#include <algorithm>
#include <cctype>

#include "common/protocol/caller.h"
#include "web/staff_requests.h"

namespace duban::web {
namespace {

// The kinds of docs/protocol.md#notices (tests/web/inbox_test.cc compares them).
// clang-format off
constexpr std::string_view kKinds[] = {
    "reminder", "escalation", "agenda", "progress_missing", "decision_needed", "decision",
    "decision_overdue", "opinion", "assigned", "replied", "evaluation_request",
    "evaluation_reminder", "evaluation_overdue", "closed", "follow_up", "rehandling",
    "commitment_reminder", "commitment_overdue", "lookback", "review", "request",
    "request_remind", "request_overdue"};
// clang-format on

std::string_view Trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

bool IsKindText(std::string_view kind) {
  return !kind.empty() && kind.size() <= kMaxKindBytes &&
         std::all_of(kind.begin(), kind.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

bool IsNoticeId(std::string_view id) {
  return id.size() == 12 && id.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// Query values here are kinds and codes (ASCII letters, digits, '-', '_'), escaped all the same.
std::string QueryEscape(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::span<const std::string_view> NoticeKinds() { return kKinds; }

std::string InboxRecipientOf(const Account& a) {
  namespace svc = protocol::svc;
  switch (a.role.role) {
    case svc::kUnit:
      return "unit:" + a.role.scope;
    case svc::kDeputy:
      return "deputy:" + a.role.scope;
    case svc::kDirector:
      return "office:director:" + a.role.scope;
    default:
      return "staff";  // an account holds staff, unit, deputy or director only
  }
}

std::string InboxFilter::Query() const {
  std::string out;
  auto add = [&out](std::string_view name, std::string_view value) {
    if (value.empty()) return;
    out += out.empty() ? "" : "&";
    out += std::string(name) + "=" + QueryEscape(value);
  };
  add("kind", kind);
  add("code", code);
  add("unread", unread ? "1" : "");
  return out;
}

Result<InboxFilter> InboxFilterOf(Lang lang, std::string_view kind, std::string_view code,
                                  std::string_view unread) {
  InboxFilter f;
  kind = Trim(kind);
  code = Trim(code);
  if (!kind.empty() && !IsKindText(kind)) {
    return InvalidArgument(Say(lang, "inbox.kind") + ": " + Say(lang, "inbox.bad_kind"));
  }
  if (!code.empty() && !IsCodeText(code)) {
    return InvalidArgument(Say(lang, "inbox.code") + ": " + Say(lang, "inbox.bad_code"));
  }
  f.kind = std::string(kind);
  f.code = std::string(code);
  f.unread = unread == "1" || unread == "on";
  return f;
}

protocol::InboxRequest InboxList(const std::string& recipient, const InboxFilter& filter,
                                 std::int64_t limit) {
  protocol::InboxRequest r;
  r.recipient = recipient;
  r.limit = limit;
  r.kind = filter.kind;
  r.code = filter.code;
  r.unread = filter.unread;
  return r;
}

Result<protocol::InboxRequest> InboxReadFromForm(Lang lang, const Form& form,
                                                 const std::string& recipient,
                                                 const std::string& actor) {
  const std::string ids = form.Raw("ids").value_or("");
  protocol::InboxRequest r;
  r.recipient = recipient;
  r.action = "read";
  r.limit = 1;  // the reply's list is not shown: the page is read again after the redirect
  r.actor = actor;
  std::size_t at = 0;
  while (at <= ids.size() && !ids.empty()) {
    std::size_t comma = ids.find(',', at);
    if (comma == std::string::npos) comma = ids.size();
    std::string id(Trim(std::string_view(ids).substr(at, comma - at)));
    if (!IsNoticeId(id)) return InvalidArgument(Say(lang, "inbox.bad_ids"));
    if (std::find(r.ids.begin(), r.ids.end(), id) == r.ids.end()) r.ids.push_back(std::move(id));
    if (r.ids.size() > static_cast<std::size_t>(kInboxPageLimit)) {
      return InvalidArgument(Say(lang, "inbox.bad_ids"));
    }
    at = comma + 1;
  }
  if (r.ids.empty()) return InvalidArgument(Say(lang, "inbox.bad_ids"));
  return r;
}

}  // namespace duban::web
