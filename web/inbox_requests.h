// InboxRequests: the duban.inbox requests of the workbench's inbox (通知) — whose inbox a signed-in
// person reads, the filter of the page (kind, suggestion code, unread only) and the notices a
// "mark read" form names — built from the account and checked input, never from what a URL or a
// form says about whose inbox it is. The broker checks the person against the recipient again
// (services/authorize.cc): a unit reads `unit:<id>`, a deputy `deputy:<id>`, staff `staff`, a
// director the office `office:director:<name>`.
//
// Thread rules: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/protocol/ops_messages.h"
#include "common/result.h"
#include "web/accounts.h"
#include "web/form.h"
#include "web/words.h"

namespace duban::web {

// Notices one inbox page shows, newest first; also the most one "mark all shown" names, which is
// the broker's own limit of ids per `read`.
inline constexpr std::int64_t kInboxPageLimit = 100;
inline constexpr std::size_t kMaxKindBytes = 64;

// The notice kinds docs/protocol.md#notices lists, in the order the filter's select offers them.
std::span<const std::string_view> NoticeKinds();

// The recipient whose inbox `a` reads: its role decides it ("unit:jyj", "deputy:D2026001",
// "staff", "office:director:陈主任").
std::string InboxRecipientOf(const Account& a);

// What the inbox page shows: notices of `kind` ("" any) about `code` ("" any), only unread ones
// when `unread`.
struct InboxFilter {
  std::string kind;
  std::string code;
  bool unread = false;

  // The query string of the filter ("kind=opinion&code=S2026-00001&unread=1", escaped; "" for no
  // filter), for links and the redirect after marking.
  std::string Query() const;
};

// The filter of the page's fields: `kind` "" or 1..64 of a-z and '_'; `code` "" or a tracking code
// (1..32 of A-Z a-z 0-9 '-', blanks around it trimmed); `unread` "1" or "on" (a checkbox), else
// off. InvalidArgument naming the field in `lang` otherwise.
Result<InboxFilter> InboxFilterOf(Lang lang, std::string_view kind, std::string_view code,
                                  std::string_view unread);

// duban.inbox `list` of `recipient` with `filter`, at most `limit` notices.
protocol::InboxRequest InboxList(const std::string& recipient, const InboxFilter& filter,
                                 std::int64_t limit);

// duban.inbox `read` of `recipient` by `actor`: the notices of the form's field `ids` (12 hex
// digits each, separated by commas, 1..kInboxPageLimit, repeats dropped). InvalidArgument (in
// `lang`) otherwise.
Result<protocol::InboxRequest> InboxReadFromForm(Lang lang, const Form& form,
                                                 const std::string& recipient,
                                                 const std::string& actor);

}  // namespace duban::web
