// The pages and actions of signed-in people (WebServer's handlers; web_server.cc holds the gate,
// the sessions and the sign-in).
#include <httplib.h>

#include <cctype>

#include "common/calendar.h"
#include "common/log.h"
#include "common/protocol/services.h"
#include "web/action_requests.h"
#include "web/deputy_list.h"
#include "web/deputy_pages.h"
#include "web/unit_pages.h"
#include "web/web_server.h"

namespace duban::web {
namespace {

namespace svc = protocol::svc;
constexpr char kHtml[] = "text/html; charset=utf-8";

bool IsUnit(const Account& a) { return a.role.role == svc::kUnit; }
bool IsDeputy(const Account& a) { return a.role.role == svc::kDeputy; }

}  // namespace

void WebServer::BrokerError(httplib::Response& res, Lang lang, const Viewer* viewer,
                            const Status& s, const std::string& back) {
  const std::string code(StatusCodeName(s.code()));
  counters_.Increment("web.broker_errors." + code);
  res.status = HttpStatusOfBrokerError(s.code());
  res.set_content(RenderErrorPage(lang, viewer, code, StatusDetail(lang, s), back), kHtml);
}

void WebServer::Home(const httplib::Request& req, httplib::Response& res) {
  auto who = Person(req, res);
  if (!who) return;
  res.set_redirect(HomeOf(who->account), 303);
}

bool WebServer::RequireRole(httplib::Response& res, Lang lang, const SignedInPerson& who,
                            protocol::svc::Role role) {
  if (who.account.role.role == role) return true;
  counters_.Increment("web.refused.role");
  res.status = 403;
  res.set_content(RenderErrorPage(lang, &who.viewer, "PERMISSION_DENIED",
                                  Say(lang, "error.not_your_page"), HomeOf(who.account)),
                  kHtml);
  return false;
}

Flash WebServer::TakeFlash(const httplib::Request& req, const SignedInPerson& who) {
  if (!req.has_param("flash")) return Flash{};
  return flashes_.Take(req.get_param_value("flash"), who.account.name, clock_.NowMs())
      .value_or(Flash{});
}

void WebServer::UnitBoard(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who) return;
  if (!IsUnit(who->account)) return res.set_redirect(HomeOf(who->account), 303);
  const std::string person = who->account.Person();
  const std::string& unit = who->account.role.scope;
  // The unit's own list: the broker fills in and enforces the unit for a unit's role; naming it
  // here as well keeps a staff-like role from ever listing everyone on this page.
  protocol::ListRequest list;
  list.unit = unit;
  list.limit = kBoardListLimit;
  auto listed = link_.Call<svc::List>(person, list);
  if (!listed.ok()) return BrokerError(res, lang, &who->viewer, listed.status(), "/unit");
  std::vector<protocol::Suggestion> suggestions;
  for (const protocol::SuggestionSummary& item : listed->items) {
    protocol::GetRequest get;
    get.code = item.code;
    get.limit = 1;  // the board needs the units and the deadline, not the timeline
    auto got = link_.Call<svc::Get>(person, get);
    if (!got.ok()) {
      Logger("web.http")->warn("board of {}: {} not read: {}", unit, item.code,
                               got.status().ToString());
      continue;  // one unreadable item must not hide the others
    }
    suggestions.push_back(std::move(got->suggestion));
  }
  Date today = LocalDateOf(clock_.NowMs(), vocabulary_.utc_offset_minutes);
  res.set_content(RenderUnitBoard(lang, who->viewer, BuildBoard(suggestions, unit, today),
                                  listed->total, vocabulary_),
                  kHtml);
}

void WebServer::DeputyBoard(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who) return;
  if (!IsDeputy(who->account)) return res.set_redirect(HomeOf(who->account), 303);
  auto body = link_.Exchange(std::string(svc::List::kName), who->account.Person(),
                             EncodeDeputyList(who->account.role.scope));
  Result<protocol::ListReply> listed =
      body.ok() ? protocol::DecodeReply<protocol::ListReply>(*body)
                : Result<protocol::ListReply>(body.status());
  if (!listed.ok()) {
    counters_.Increment("web.broker_errors." + std::string(StatusCodeName(listed.status().code())));
  }
  res.set_content(RenderDeputyBoard(lang, who->viewer, listed), kHtml);
}

void WebServer::Open(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who) return;
  const std::string code = req.get_param_value("code");
  bool ok = !code.empty() && code.size() <= 32;
  for (char c : code) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-');
  if (!ok) {
    res.status = 400;
    return res.set_content(RenderErrorPage(lang, &who->viewer, "INVALID_ARGUMENT",
                                           Say(lang, "error.bad_form"), HomeOf(who->account)),
                           kHtml);
  }
  res.set_redirect("/s/" + code, 303);
}

void WebServer::Suggestion(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who) return;
  const std::string code = req.matches[1].str();
  protocol::GetRequest get;
  get.code = code;
  auto got = link_.Call<svc::Get>(who->account.Person(), get);
  if (!got.ok()) return BrokerError(res, lang, &who->viewer, got.status(), HomeOf(who->account));
  Flash flash = TakeFlash(req, *who);
  if (IsUnit(who->account)) {
    res.set_content(RenderUnitTask(lang, who->viewer, *got, who->account.role.scope, vocabulary_,
                                   flash),
                    kHtml);
  } else if (IsDeputy(who->account)) {
    res.set_content(RenderDeputyTask(lang, who->viewer, *got, vocabulary_, flash), kHtml);
  } else {
    res.set_content(RenderReadOnlyTask(lang, who->viewer, *got, vocabulary_), kHtml);
  }
}

void WebServer::Act(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who) return;
  auto form = AcceptForm(req, res, *who, lang);
  if (!form) return;
  const std::string code = req.matches[1].str();
  const std::string action = req.matches[2].str();
  const std::string back = "/s/" + code;
  const std::string person = who->account.Person();
  const bool unit_action = IsUnitAction(action) || action == "reply";
  if ((unit_action && !IsUnit(who->account)) || (action == "evaluate" && !IsDeputy(who->account))) {
    counters_.Increment("web.refused.role");
    res.status = 403;
    return res.set_content(RenderErrorPage(lang, &who->viewer, "PERMISSION_DENIED",
                                           Say(lang, "error.forbidden"), back),
                           kHtml);
  }
  auto bad_form = [&](const Status& s) {
    counters_.Increment("web.refused.bad_form");
    res.status = 400;
    res.set_content(RenderErrorPage(lang, &who->viewer, "INVALID_ARGUMENT", s.message(), back),
                    kHtml);
  };
  const std::string& scope = who->account.role.scope;
  Flash flash{"task.done." + action, {}};
  Status done = Status::Ok();
  if (action == "reply") {
    auto r = ReplyFromForm(lang, *form, code, scope, who->account.display, kReplyCommitmentRows);
    if (!r.ok()) return bad_form(r.status());
    auto answer = link_.Call<svc::UnitReply>(person, *r);
    done = answer.status();
    if (answer.ok()) flash.warnings = answer->warnings;
  } else if (action == "evaluate") {
    auto r = EvaluateFromForm(lang, *form, code, scope);
    if (!r.ok()) return bad_form(r.status());
    done = link_.Call<svc::Evaluate>(person, *r).status();
  } else {
    auto r = UnitActionFromForm(lang, action, *form, code, scope, who->account.display);
    if (!r.ok()) return bad_form(r.status());
    Result<protocol::UnitActionReply> answer = InvalidArgument("unknown action");
    if (action == "sign") answer = link_.Call<svc::Sign>(person, *r);
    if (action == "start") answer = link_.Call<svc::Start>(person, *r);
    if (action == "return") answer = link_.Call<svc::Return>(person, *r);
    if (action == "extend") answer = link_.Call<svc::Extend>(person, *r);
    if (action == "contact") answer = link_.Call<svc::Contact>(person, *r);
    if (action == "opinion") answer = link_.Call<svc::Opinion>(person, *r);
    done = answer.status();
  }
  if (!done.ok()) return BrokerError(res, lang, &who->viewer, done, back);
  counters_.Increment("web.actions." + action);
  Logger("web.http")->info("{} {} {} as {}", who->account.name, action, code, person);
  const std::string id = flashes_.Put(who->account.name, std::move(flash), clock_.NowMs());
  res.set_redirect(back + "?flash=" + id, 303);
}

}  // namespace duban::web
