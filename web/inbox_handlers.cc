// The inbox (通知) of every signed-in person: WebServer's handlers for /inbox and /inbox/read, and
// the unread count of the header. The recipient is always the account's own
// (InboxRecipientOf), never one a URL or form names; the broker checks the person again and
// lets only the recipient mark its notices read.
//
// Opening a notice's suggestion does not mark the notice read: a GET changes nothing, and having
// looked at a suggestion is not having dealt with the notice. Marking is the person's act, by
// the notice's own button or "mark all shown".
#include <httplib.h>

#include "common/log.h"
#include "common/protocol/services.h"
#include "web/inbox_pages.h"
#include "web/inbox_requests.h"
#include "web/web_server.h"

namespace duban::web {
namespace {

namespace svc = protocol::svc;
constexpr char kHtml[] = "text/html; charset=utf-8";

}  // namespace

std::optional<std::int64_t> WebServer::UnreadCount(const Account& account) {
  protocol::InboxRequest count = InboxList(InboxRecipientOf(account), InboxFilter{}, 1);
  auto answer = link_.Call<svc::Inbox>(account.Person(), count);
  if (!answer.ok()) {
    // The header goes without a number; the page's own calls show the broker's trouble.
    Logger("web.http")->debug("unread count of {}: {}", account.name, answer.status().ToString());
    return std::nullopt;
  }
  return answer->unread;
}

void WebServer::Inbox(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who) return;
  const std::string recipient = InboxRecipientOf(who->account);
  Result<InboxFilter> filter =
      InboxFilterOf(lang, req.get_param_value("kind"), req.get_param_value("code"),
                    req.get_param_value("unread"));
  InboxFilter shown;
  Result<protocol::InboxReply> listed =
      filter.ok() ? link_.Call<svc::Inbox>(who->account.Person(),
                                           InboxList(recipient, *filter, kInboxPageLimit))
                  : Result<protocol::InboxReply>(filter.status());
  if (filter.ok()) {
    shown = *filter;
    if (listed.ok()) {
      who->viewer.unread = listed->unread;
    } else {
      counters_.Increment("web.broker_errors." +
                          std::string(StatusCodeName(listed.status().code())));
      res.status = HttpStatusOfBrokerError(listed.status().code());
    }
  } else {
    counters_.Increment("web.refused.bad_form");
    res.status = 400;
    // What was typed is shown again (escaped) so it can be corrected.
    shown.code = req.get_param_value("code").substr(0, 64);
  }
  res.set_content(
      RenderInbox(lang, who->viewer, recipient, shown, listed, vocabulary_, TakeFlash(req, *who)),
      kHtml);
}

void WebServer::InboxRead(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who) return;
  auto form = AcceptForm(req, res, *who, lang);
  if (!form) return;
  auto bad_form = [&](const Status& s) {
    counters_.Increment("web.refused.bad_form");
    res.status = 400;
    res.set_content(RenderErrorPage(lang, &who->viewer, "INVALID_ARGUMENT", s.message(), "/inbox"),
                    kHtml);
  };
  auto filter = InboxFilterOf(lang, form->Raw("kind").value_or(""), form->Raw("code").value_or(""),
                              form->Raw("unread").value_or(""));
  if (!filter.ok()) return bad_form(filter.status());
  const std::string recipient = InboxRecipientOf(who->account);
  auto read = InboxReadFromForm(lang, *form, recipient, who->account.display);
  if (!read.ok()) return bad_form(read.status());
  auto answer = link_.Call<svc::Inbox>(who->account.Person(), *read);
  const std::string back = "/inbox" + (filter->Query().empty() ? "" : "?" + filter->Query());
  if (!answer.ok()) return BrokerError(res, lang, &who->viewer, answer.status(), back);
  counters_.Increment("web.actions.inbox_read");
  Logger("web.http")
      ->info("{} marked {} of {} notices of {} read", who->account.name, answer->marked,
             read->ids.size(), recipient);
  const std::string id =
      flashes_.Put(who->account.name, Flash{"inbox.done.read", {}}, clock_.NowMs());
  res.set_redirect(back + (filter->Query().empty() ? "?" : "&") + "flash=" + id, 303);
}

}  // namespace duban::web
