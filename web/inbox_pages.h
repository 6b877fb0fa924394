// InboxPages: the inbox (通知) of every signed-in person — the notices of their own recipient
// (web/inbox_requests.h), newest first, each with its time in the jurisdiction's zone, its kind
// in the person's language, whether it is read, its text (as the broker wrote it, escaped) and a
// link to the suggestion it is about; the filter (kind, suggestion code, unread only) as a GET
// form that keeps what was chosen; a "mark read" form per unread notice and one "mark all shown
// as read" form naming the unread notices shown (at most kInboxPageLimit, the broker's limit).
// Every form that changes something posts to /inbox/read with the session's CSRF token and the
// filter, so the page comes back as it was.
//
// Thread rules: pure functions.
#pragma once

#include <string>

#include "common/protocol/ops_messages.h"
#include "common/result.h"
#include "web/inbox_requests.h"
#include "web/page_frame.h"
#include "web/suggestion_view.h"
#include "web/unit_pages.h"

namespace duban::web {

// The page for `viewer` (whose `unread` the header shows) with `filter`; `listed` is duban.inbox's
// answer, or why there is none (a bad filter, the broker's refusal), shown with its code and
// words while the filter form stays.
std::string RenderInbox(Lang lang, const Viewer& viewer, const std::string& recipient,
                        const InboxFilter& filter, const Result<protocol::InboxReply>& listed,
                        const Vocabulary& v, const Flash& flash);

}  // namespace duban::web
