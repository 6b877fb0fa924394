// The pages and actions of staff (代表工委) and directors (主任会议成员): WebServer's handlers for
// /staff/... and /director. Every call goes to the broker for the signed-in person (duban.as);
// the role check here only picks the page — the broker checks the person again on every call.
#include <httplib.h>

#include "common/calendar.h"
#include "common/log.h"
#include "common/protocol/services.h"
#include "web/director_pages.h"
#include "web/report_export.h"
#include "web/report_pages.h"
#include "web/staff_agenda_pages.h"
#include "web/staff_requests.h"
#include "web/web_server.h"

namespace duban::web {
namespace {

namespace svc = protocol::svc;
constexpr char kHtml[] = "text/html; charset=utf-8";

}  // namespace

Result<std::vector<protocol::GetReply>> WebServer::ReadStates(
    const std::string& person, std::initializer_list<std::string_view> states, ScanInfo* scan) {
  std::vector<protocol::GetReply> out;
  for (std::string_view state : states) {
    protocol::ListRequest list;
    list.state = std::string(state);
    list.limit = kStaffListLimit;
    auto listed = link_.Call<svc::List>(person, list);
    if (!listed.ok()) return listed.status();
    scan->total += listed->total;
    for (const protocol::SuggestionSummary& item : listed->items) {
      protocol::GetRequest get;
      get.code = item.code;
      auto got = link_.Call<svc::Get>(person, get);
      if (!got.ok()) {
        ++scan->unreadable;
        Logger("web.http")->warn("staff page: {} not read: {}", item.code, got.status().ToString());
        continue;  // one unreadable item must not hide the others
      }
      ++scan->read;
      out.push_back(std::move(got).value());
    }
  }
  return out;
}

void WebServer::StaffHome(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who || !RequireRole(res, lang, *who, svc::kStaff)) return;
  res.set_content(RenderStaffHome(lang, who->viewer), kHtml);
}

void WebServer::ReviewQueue(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who || !RequireRole(res, lang, *who, svc::kStaff)) return;
  ScanInfo scan;
  auto read = ReadStates(who->account.Person(), {"IN_REVIEW", "ACCEPTED"}, &scan);
  if (!read.ok()) return BrokerError(res, lang, &who->viewer, read.status(), "/staff");
  std::vector<ReviewEntry> entries;
  for (protocol::GetReply& got : *read) {
    ReviewNote note = ReviewNoteOf(got.timeline);
    entries.push_back({std::move(got), std::move(note)});
  }
  res.set_content(RenderReviewQueue(lang, who->viewer, entries, scan, vocabulary_,
                                    TakeFlash(req, *who)),
                  kHtml);
}

void WebServer::Decisions(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who || !RequireRole(res, lang, *who, svc::kStaff)) return;
  ScanInfo scan;
  auto read = ReadStates(who->account.Person(), {"ASSIGNED", "IN_HANDLING", "REHANDLING"}, &scan);
  if (!read.ok()) return BrokerError(res, lang, &who->viewer, read.status(), "/staff");
  std::vector<PendingDecision> decisions;
  for (const protocol::GetReply& got : *read) {
    for (PendingDecision& d : PendingDecisionsOf(got, vocabulary_.staff_decision_days,
                                                 vocabulary_.utc_offset_minutes)) {
      decisions.push_back(std::move(d));
    }
  }
  std::stable_sort(decisions.begin(), decisions.end(),
                   [](const PendingDecision& a, const PendingDecision& b) {
                     return a.since_ms < b.since_ms;  // waiting longest first
                   });
  Date today = LocalDateOf(clock_.NowMs(), vocabulary_.utc_offset_minutes);
  res.set_content(RenderDecisions(lang, who->viewer, decisions, scan, today, vocabulary_,
                                  TakeFlash(req, *who)),
                  kHtml);
}

void WebServer::Deadlines(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who || !RequireRole(res, lang, *who, svc::kStaff)) return;
  ScanInfo scan;
  auto read = ReadStates(who->account.Person(), {"ASSIGNED", "IN_HANDLING", "REHANDLING"}, &scan);
  if (!read.ok()) return BrokerError(res, lang, &who->viewer, read.status(), "/staff");
  std::vector<protocol::Suggestion> suggestions;
  for (protocol::GetReply& got : *read) suggestions.push_back(std::move(got.suggestion));
  Date today = LocalDateOf(clock_.NowMs(), vocabulary_.utc_offset_minutes);
  res.set_content(RenderDeadlines(lang, who->viewer, DeadlinesByUnit(suggestions, today), scan,
                                  today, vocabulary_),
                  kHtml);
}

void WebServer::HotPage(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who || !RequireRole(res, lang, *who, svc::kStaff)) return;
  const std::string person = who->account.Person();
  auto hot = link_.Call<svc::Hot>(person, protocol::HotRequest{});
  auto bundles = link_.Call<svc::Bundle>(person, protocol::BundleRequest{});
  res.set_content(RenderHotAndBundles(lang, who->viewer, hot, bundles, vocabulary_), kHtml);
}

void WebServer::AgendaPage(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who || !RequireRole(res, lang, *who, svc::kStaff)) return;
  const std::string person = who->account.Person();
  auto meetings = link_.Call<svc::Meeting>(person, protocol::MeetingRequest{});
  auto agenda = link_.Call<svc::Agenda>(person, protocol::AgendaRequest{});
  res.set_content(RenderAgenda(lang, who->viewer, meetings, agenda, vocabulary_), kHtml);
}

void WebServer::ReportPage(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who || !RequireRole(res, lang, *who, svc::kStaff)) return;
  Date today = LocalDateOf(clock_.NowMs(), vocabulary_.utc_offset_minutes);
  auto scope = ReportScope(lang, req.get_param_value("session"), req.get_param_value("from"),
                           req.get_param_value("to"), today);
  if (!scope.ok()) {
    counters_.Increment("web.refused.bad_form");
    res.status = 400;
    return res.set_content(RenderErrorPage(lang, &who->viewer, "INVALID_ARGUMENT",
                                           scope.status().message(), "/staff/report"),
                           kHtml);
  }
  auto report = link_.Call<svc::Report>(who->account.Person(), *scope);
  res.set_content(RenderReport(lang, who->viewer, *scope, report, vocabulary_), kHtml);
}

void WebServer::ReportExport(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who || !RequireRole(res, lang, *who, svc::kStaff)) return;
  Date today = LocalDateOf(clock_.NowMs(), vocabulary_.utc_offset_minutes);
  auto scope = ReportScope(lang, req.get_param_value("session"), req.get_param_value("from"),
                           req.get_param_value("to"), today);
  if (!scope.ok()) {
    counters_.Increment("web.refused.bad_form");
    res.status = 400;
    return res.set_content(RenderErrorPage(lang, &who->viewer, "INVALID_ARGUMENT",
                                           scope.status().message(), "/staff/report"),
                           kHtml);
  }
  auto report = link_.Call<svc::Report>(who->account.Person(), *scope);
  if (!report.ok()) return BrokerError(res, lang, &who->viewer, report.status(), "/staff/report");
  auto book = ReportWorkbook(lang, *report, vocabulary_);
  if (!book.ok()) {
    Logger("web.http")->error("report export: {}", book.status().ToString());
    return BrokerError(res, lang, &who->viewer, book.status(), "/staff/report");
  }
  counters_.Increment("web.actions.report_export");
  res.set_header("Content-Disposition",
                 "attachment; filename=\"" + ReportFileName(*report) + "\"");
  res.set_content(std::move(book).value(), kXlsxContentType);
}

void WebServer::ReviewAct(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who) return;
  auto form = AcceptForm(req, res, *who, lang);
  if (!form || !RequireRole(res, lang, *who, svc::kStaff)) return;
  const std::string code = req.matches[1].str();
  const std::string outcome = req.matches[2].str();
  const std::string person = who->account.Person();
  const std::string back = "/staff/review";
  auto bad_form = [&](const Status& s) {
    counters_.Increment("web.refused.bad_form");
    res.status = 400;
    res.set_content(RenderErrorPage(lang, &who->viewer, "INVALID_ARGUMENT", s.message(), back),
                    kHtml);
  };
  Status done = Status::Ok();
  if (outcome == "assign") {
    auto r = AssignFromForm(lang, *form, code, who->account.display, vocabulary_);
    if (!r.ok()) return bad_form(r.status());
    done = link_.Call<svc::Assign>(person, *r).status();
  } else {
    auto r = ReviewFromForm(lang, outcome, *form, code, who->account.display);
    if (!r.ok()) return bad_form(r.status());
    done = link_.Call<svc::Review>(person, *r).status();
  }
  if (!done.ok()) return BrokerError(res, lang, &who->viewer, done, back);
  counters_.Increment("web.actions.review_" + outcome);
  Logger("web.http")->info("{} review {} {} as {}", who->account.name, outcome, code, person);
  const std::string id = flashes_.Put(who->account.name, Flash{"staff.done." + outcome, {}},
                                      clock_.NowMs());
  res.set_redirect(back + "?flash=" + id, 303);
}

void WebServer::Decide(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who) return;
  auto form = AcceptForm(req, res, *who, lang);
  if (!form || !RequireRole(res, lang, *who, svc::kStaff)) return;
  const std::string code = req.matches[1].str();
  const std::string back = "/staff/decisions";
  auto r = DecideFromForm(lang, *form, code, who->account.display, vocabulary_);
  if (!r.ok()) {
    counters_.Increment("web.refused.bad_form");
    res.status = 400;
    return res.set_content(RenderErrorPage(lang, &who->viewer, "INVALID_ARGUMENT",
                                           r.status().message(), back),
                           kHtml);
  }
  auto done = link_.Call<svc::Decide>(who->account.Person(), *r);
  if (!done.ok()) return BrokerError(res, lang, &who->viewer, done.status(), back);
  counters_.Increment("web.actions.decide");
  Logger("web.http")->info("{} decided {} {} of {} on {}", who->account.name,
                           r->approve ? "approve" : "reject", r->request, r->unit, code);
  const std::string id = flashes_.Put(
      who->account.name, Flash{r->approve ? "staff.done.approve" : "staff.done.reject", {}},
      clock_.NowMs());
  res.set_redirect(back + "?flash=" + id, 303);
}

void WebServer::DirectorBoard(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who || !RequireRole(res, lang, *who, svc::kDirector)) return;
  const std::string person = who->account.Person();
  const std::string& name = who->account.role.scope;
  auto meetings = link_.Call<svc::Meeting>(person, protocol::MeetingRequest{});
  protocol::AgendaRequest show;
  show.all = true;  // resolved items too: a director follows an item to its end
  auto agenda = link_.Call<svc::Agenda>(person, show);
  std::map<std::string, protocol::Suggestion> progress;
  if (agenda.ok()) {
    std::size_t reads = 0;
    for (const protocol::AgendaItem& item : ItemsLedBy(*agenda, name)) {
      for (const protocol::AgendaMember& m : item.members) {
        if (progress.count(m.code) != 0 || reads >= static_cast<std::size_t>(kStaffListLimit)) {
          continue;
        }
        ++reads;
        protocol::GetRequest get;
        get.code = m.code;
        get.limit = 1;  // the state, units and deadline; not the timeline
        auto got = link_.Call<svc::Get>(person, get);
        if (got.ok()) progress.emplace(m.code, std::move(got->suggestion));
      }
    }
  }
  res.set_content(
      RenderDirectorBoard(lang, who->viewer, name, meetings, agenda, progress, vocabulary_), kHtml);
}

}  // namespace duban::web
