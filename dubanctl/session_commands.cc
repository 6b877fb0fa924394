#include "dubanctl/session_commands.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "dubanctl/json_view.h"
#include "dubanctl/suggestion_file.h"

namespace duban::ctl {

using namespace protocol;

namespace {

std::string OutcomeLabel(const std::string& outcome) {
  if (outcome == "resolved") return "当场解决";
  if (outcome == "commitment") return "承诺办理";
  if (outcome == "referred") return "转办";
  return "未记录";
}

void PrintSession(const Context& ctx, const Session& s) {
  std::cout << s.id << "  " << s.date << "  " << s.place
            << (s.topic.empty() ? "" : "  " + s.topic) << '\n';
  std::cout << "units:";
  for (const auto& u : s.units) {
    std::cout << ' ' << ctx.UnitLabel(u.unit) << (u.head.empty() ? "" : "（" + u.head + "）");
  }
  std::cout << "\ndeputies:";
  for (const auto& d : s.deputies) std::cout << ' ' << d;
  std::cout << '\n';
  if (!s.items.empty()) SessionItemsTable(s, ctx).Print(std::cout);
}

}  // namespace

Table SessionsTable(const std::vector<Session>& sessions) {
  Table t({"ID", "DATE", "PLACE", "UNITS", "DEPUTIES", "SUGGESTIONS", "TOPIC"});
  t.AlignRight(3);
  t.AlignRight(4);
  t.AlignRight(5);
  t.SetMaxWidth(2, 24);
  t.SetMaxWidth(6, 40);
  for (const auto& s : sessions) {
    t.AddRow({s.id, s.date, s.place, std::to_string(s.units.size()),
              std::to_string(s.deputies.size()), std::to_string(s.codes.size()), s.topic});
  }
  return t;
}

Table SessionItemsTable(const Session& s, const Context& ctx) {
  Table t({"CODE", "STATE", "OUTCOME", "DETAIL", "TITLE"});
  t.SetMaxWidth(3, 60);
  t.SetMaxWidth(4, 40);
  for (const auto& i : s.items) {
    std::string detail = i.note;
    if (i.outcome == "commitment") {
      detail = i.commitment + " " + ctx.UnitLabel(i.unit) + " 期限 " + i.due + " " +
               i.commitment_state + "：" + i.note;
    } else if (i.outcome == "referred") {
      detail = "→ " + i.referred_to + "：" + i.note;
    }
    t.AddRow({i.code, i.state, OutcomeLabel(i.outcome), detail, i.title});
  }
  t.FitColumn(3, TerminalColumns(), 20);
  return t;
}

Action SetUpSession(CLI::App& sub) {
  sub.require_subcommand(1);
  auto req = std::make_shared<SessionRequest>();
  auto units = std::make_shared<std::vector<std::string>>();
  CLI::App* list = sub.add_subcommand("list", "Sessions by date");
  list->add_option("--from", req->from, "First session date included, YYYY-MM-DD");
  list->add_option("--to", req->to, "Last session date included, YYYY-MM-DD");
  CLI::App* show = sub.add_subcommand("show", "One session and each discussed suggestion's outcome");
  show->add_option("ID", req->id, "Session id, e.g. F0001")->required();
  CLI::App* schedule = sub.add_subcommand(
      "schedule", "Schedule a 代表·局长面对面 session (on a working day unless --force)");
  schedule->add_option("--date", req->session.date, "YYYY-MM-DD")->required();
  schedule->add_option("--place", req->session.place, "Where it is held")->required();
  schedule->add_option("--topic", req->session.topic, "Its theme");
  schedule->add_option("--unit", *units,
                       "A unit whose head attends: ID or ID=HEAD (e.g. jyj=张明局长; repeatable)")
      ->required();
  schedule->add_option("--deputy", req->session.deputies, "A deputy attending (repeatable)")
      ->required();
  schedule->add_option("--code", req->session.codes, "A suggestion discussed (repeatable)")
      ->required();
  schedule->add_flag("--force", req->force, "Accept a date that is not a working day");
  schedule->add_option("--request-id", req->request_id,
                       "Makes a retry return the same session (default: a new random id)");
  CLI::App* outcome = sub.add_subcommand("outcome", "Record a discussed suggestion's outcome");
  outcome->add_option("ID", req->id, "Session id")->required();
  outcome->add_option("CODE", req->code, "Tracking code")->required();
  outcome->add_option("OUTCOME", req->outcome,
                      "resolved (当场解决), commitment (承诺, with --due) or referred (转办, with --to)")
      ->required()
      ->check(CLI::IsMember({"resolved", "commitment", "referred"}));
  outcome->add_option("--note", req->note, "What was resolved, promised or referred")->required();
  outcome->add_option("--due", req->due, "commitment: its due date, YYYY-MM-DD");
  outcome->add_option("--unit", req->unit, "commitment: the unit that commits (default: the lead)");
  outcome->add_option("--to", req->referred_to, "referred: to whom");
  for (CLI::App* app : {schedule, outcome}) {
    app->add_option("--actor", req->actor, "Who records it (staff:NAME on the timeline)")
        ->required()
        ->envname("DUBAN_ACTOR");
  }
  return [req, units, list, show, schedule](const Context& ctx) {
    SessionRequest r = *req;
    r.action = list->parsed() ? "list" : show->parsed() ? "show" : schedule->parsed() ? "schedule"
                                                                                       : "outcome";
    if (schedule->parsed()) {
      for (const auto& u : *units) {
        auto eq = u.find('=');
        r.session.units.push_back(
            {u.substr(0, eq), eq == std::string::npos ? "" : u.substr(eq + 1)});
      }
      if (r.request_id.empty()) r.request_id = RandomRequestId();
    }
    return CallAndPrint<svc::Session>(
        ctx, r,
        [&](const SessionReply& reply) {
          if (r.action == "list") {
            SessionsTable(reply.sessions).Print(std::cout);
            return;
          }
          for (const auto& s : reply.sessions) {
            if (r.action == "schedule") {
              std::cout << "session " << s.id << " scheduled" << (reply.result == "known" ? " (already, same request id)" : "") << '\n';
            } else if (r.action == "outcome") {
              std::cout << r.code << ": outcome " << r.outcome << " of " << s.id
                        << (reply.result == "known" ? " was recorded before\n"
                                                    : " recorded (version " +
                                                          std::to_string(reply.version) + ")\n");
            }
            PrintSession(ctx, s);
          }
        },
        [&](const SessionReply& reply) {
          return protocol::ToJson(reply, JsonOptions{ctx.utc_offset_minutes});
        });
  };
}

}  // namespace duban::ctl
