#include "dubanctl/commands.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <iostream>
#include <memory>
#include <optional>

#include "common/calendar.h"
#include "common/protocol/labels.h"
#include "common/protocol/limits.h"
#include "dubanctl/agenda_commands.h"
#include "dubanctl/audit_commands.h"
#include "dubanctl/calendar_command.h"
#include "dubanctl/call_command.h"
#include "dubanctl/closing_commands.h"
#include "dubanctl/json_view.h"
#include "dubanctl/keys_command.h"
#include "dubanctl/report_command.h"
#include "dubanctl/request_commands.h"
#include "dubanctl/session_commands.h"
#include "dubanctl/staff_commands.h"
#include "dubanctl/submit.h"
#include "dubanctl/table.h"
#include "dubanctl/top_command.h"
#include "dubanctl/unit_commands.h"
#include "dubanctl/workers_command.h"

namespace duban::ctl {

using namespace protocol;

std::unique_ptr<BrokerClient> Connect(const Context& ctx, int* exit_code) {
  auto client = BrokerClient::Create(ctx.options.broker, ctx.options.timeout_ms, ctx.options.curve,
                                     ctx.options.on_behalf);
  if (!client.ok()) {
    std::cerr << "error: --broker " << ctx.options.broker << ": " << client.status().message()
              << '\n';
    *exit_code = kExitUsage;
    return nullptr;
  }
  return std::move(client).value();
}

std::string CurrentSession(const Context& ctx) {
  Date today = LocalDateOf(SystemClock().NowMs(), ctx.utc_offset_minutes);
  return std::to_string(int(today.year()));
}

namespace {

// Accepts "assigned" for "ASSIGNED"; a usage error names the valid states.
std::optional<std::string> NormalizeState(const std::string& s) {
  std::string upper = s;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (ParseState(upper).ok()) return upper;
  return std::nullopt;
}

std::string StateList() {
  std::string out;
  for (int i = 0; i <= static_cast<int>(SuggestionState::kFollowUp); ++i) {
    out += (out.empty() ? "" : ", ") + std::string(StateName(static_cast<SuggestionState>(i)));
  }
  return out;
}

// ---- show ---------------------------------------------------------------------------------------

constexpr int kNoteColumns = 60;  // a timeline note wraps at this width (or the terminal's)

void PrintSuggestion(const Context& ctx, const GetReply& r, bool with_texts) {
  const Suggestion& s = r.suggestion;
  const auto& d = s.draft;
  auto field = [](const char* name, const std::string& value) {
    std::cout << name << std::string(12 - std::string_view(name).size(), ' ') << value << '\n';
  };
  std::cout << s.code << "  " << d.title << "\n\n";
  field("state", std::string(StateName(s.state)) + " " + std::string(StateLabel(s.state)) +
                     " (version " + std::to_string(s.version) + ")");
  std::string deputy = d.deputy.name + " (" + d.deputy.id + ")";
  if (!d.co_signers.empty()) {
    deputy += "; co-signers (联名):";
    for (const auto& c : d.co_signers) deputy += " " + c;
  }
  field("deputy", deputy);
  std::string category = d.category.empty() ? "-" : d.category;
  if (!d.keywords.empty()) {
    category += "; keywords:";
    for (const auto& k : d.keywords) category += " " + k;
  }
  field("category", category);
  field("session", d.session);
  field("submitted", FormatLocalTime(s.submitted_ms, ctx.utc_offset_minutes));
  if (s.units.empty()) field("units", "- (not assigned yet)");
  // Lead first, then co-handlers, each group in the broker's order.
  std::vector<UnitAssignment> units = s.units;
  std::stable_sort(units.begin(), units.end(), [](const auto& a, const auto& b) {
    return a.role == UnitRole::kLead && b.role != UnitRole::kLead;
  });
  int label_width = 0, role_width = 0;
  auto role_of = [](const UnitAssignment& u) {
    return std::string(u.role == UnitRole::kLead ? "lead (主办)" : "co (协办)");
  };
  for (const auto& u : units) {
    label_width = std::max(label_width, DisplayWidth(ctx.UnitLabel(u.unit)));
    role_width = std::max(role_width, DisplayWidth(role_of(u)));
  }
  auto pad = [](const std::string& s, int width) {
    return s + std::string(static_cast<std::size_t>(std::max(0, width - DisplayWidth(s))), ' ');
  };
  for (std::size_t i = 0; i < units.size(); ++i) {
    const auto& u = units[i];
    field(i == 0 ? "units" : "", pad(ctx.UnitLabel(u.unit), label_width) + "  " +
                                     pad(role_of(u), role_width) + "  " + u.state);
  }
  if (!s.committee.empty()) field("committee", s.committee + " (分工督办)");
  field("deadline", s.deadline ? s.deadline->date + " — " + s.deadline->rule : "-");
  for (const auto& round : s.record.rounds) {
    std::string line = "round " + std::to_string(round.round) + ": " + round.unit + " class " +
                       round.result_class + ", " +
                       FormatLocalTime(round.replied_ms, ctx.utc_offset_minutes) +
                       (round.on_time ? "" : " (late)") + ", signed " + round.signer + "; " +
                       (round.satisfaction.empty() ? "not evaluated yet"
                                                   : "evaluated " + round.satisfaction);
    field(round.round == 1 ? "replies" : "", line);
    if (with_texts && !round.text.empty()) field("", "  答复正文: " + OneLine(round.text));
    for (const auto& c : round.commitments) {
      field("", "  " + c.id + " " + c.state + " due " + c.due + ": " + c.text +
                    (c.basis.empty() ? "" : " — 销号: " + c.basis));
    }
  }
  if (s.record.lookbacks > 0) field("look-backs", std::to_string(s.record.lookbacks));
  // 代表·局长面对面 sessions that discussed it, and the requests from the people it gathers.
  for (std::size_t i = 0; i < s.record.sessions.size(); ++i) {
    const auto& o = s.record.sessions[i];
    std::string line = o.session + " " + o.date + " " +
                       (o.outcome.empty() ? std::string("(no outcome yet)") : o.outcome);
    if (!o.commitments.empty()) {
      line += " " + o.commitments[0].id + " due " + o.commitments[0].due + " " +
              o.commitments[0].state;
    }
    if (!o.referred_to.empty()) line += " → " + o.referred_to;
    if (!o.note.empty()) line += ": " + OneLine(o.note);
    field(i == 0 ? "sessions" : "", line);
  }
  if (!d.requests.empty()) {
    std::string list;
    for (const auto& q : d.requests) list += (list.empty() ? "" : " ") + q;
    field("requests", list + " (社情民意)");
  }
  if (with_texts) std::cout << '\n' << d.content << '\n';

  std::cout << "\ntimeline\n";
  // The action in Chinese (the code in --json and when it has no label); long notes wrap.
  Table t({"TIME", "ACTOR", "ACTION", "FROM → TO", "NOTE"});
  for (const auto& a : r.timeline) {
    std::string change = a.from.empty() && a.to.empty() ? ""
                         : a.from == a.to               ? a.to
                                          : (a.from.empty() ? "·" : a.from) + " → " + a.to;
    const std::string_view label = ActionLabel(a.action);
    t.AddRow({FormatLocalTime(a.at_ms, ctx.utc_offset_minutes), a.actor,
              label.empty() ? a.action : std::string(label), change, a.note});
  }
  t.WrapColumn(4, kNoteColumns);
  t.FitColumn(4, TerminalColumns(), 20);
  t.Print(std::cout);
  if (r.timeline_cursor > 0) {
    std::cout << "(" << r.timeline_cursor << " older of " << r.timeline_total
              << " entries not shown: dubanctl show " << s.code << " --all shows every one)\n";
  }
}

// The whole timeline, a page at a time from the newest (duban.get pages it; no reply holds more
// than one page). The suggestion is the one of the first page. Returns the exit code.
int FetchAllPages(const Context& ctx, const std::string& code, GetReply* out) {
  int exit_code = kExitOk;
  auto client = Connect(ctx, &exit_code);
  if (!client) return exit_code;
  GetRequest req{code, 0, kTimelinePageMax};
  std::vector<AuditEntry> older_first;
  for (bool first = true;; first = false) {
    Answer<GetReply> page = client->Call<svc::Get>(req);
    if (!page.ok()) return ReportFailure(page.failure);
    GetReply& r = *page.reply;
    if (first) {
      *out = r;
      out->timeline.clear();
    }
    older_first.insert(older_first.begin(), r.timeline.begin(), r.timeline.end());
    // A cursor that does not move back (a peer without paging answers the whole list) ends it.
    if (r.timeline_cursor <= 0 || r.timeline.empty() ||
        (req.before != 0 && r.timeline_cursor >= req.before)) {
      break;
    }
    req.before = r.timeline_cursor;
  }
  out->timeline = std::move(older_first);
  out->timeline_cursor = 0;
  return kExitOk;
}

Action SetUpShow(CLI::App& sub) {
  struct Flags {
    std::string code;
    bool brief = false;
    bool all = false;
  };
  auto f = std::make_shared<Flags>();
  sub.add_option("CODE", f->code, "Tracking code (一事一码)")->required();
  sub.add_flag("--brief", f->brief,
               "Leave out the texts: the suggestion's and each reply's (printed by default)");
  sub.add_flag("--all", f->all,
               "Show the whole timeline (fetched a page at a time); without it, the newest " +
                   std::to_string(kTimelinePageDefault) + " entries");
  return [f](const Context& ctx) {
    auto print = [&](const GetReply& r) {
      if (ctx.options.json) {
        Print(std::cout, protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes}));
      } else {
        PrintSuggestion(ctx, r, !f->brief);
      }
    };
    if (!f->all) return CallBroker<svc::Get>(ctx, GetRequest{f->code}, print);
    GetReply all;
    int rc = FetchAllPages(ctx, f->code, &all);
    if (rc != kExitOk) return rc;
    print(all);
    return kExitOk;
  };
}

// ---- list ---------------------------------------------------------------------------------------

Action SetUpList(CLI::App& sub) {
  auto req = std::make_shared<ListRequest>();
  sub.add_option("--state", req->state, "Only suggestions in this state (e.g. ASSIGNED)");
  sub.add_option("--unit", req->unit, "Only suggestions handled by this unit id (e.g. jyj)");
  sub.add_option("--committee", req->committee,
                 "Only suggestions this committee supervises (分工督办, e.g. jkww)");
  sub.add_option("--limit", req->limit, "At most N rows")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1000}));
  return [req](const Context& ctx) {
    ListRequest r = *req;
    if (!r.state.empty()) {
      auto state = NormalizeState(r.state);
      if (!state) {
        std::cerr << "error: --state " << r.state << ": unknown state; one of " << StateList()
                  << '\n';
        return kExitUsage;
      }
      r.state = *state;
    }
    return CallAndPrint<svc::List>(
        ctx, r,
        [&](const ListReply& reply) {
          Table t({"CODE", "STATE", "LEAD UNIT", "DEADLINE", "TITLE"});
          for (const auto& i : reply.items) {
            t.AddRow({i.code, i.state, i.lead_unit.empty() ? "-" : ctx.UnitLabel(i.lead_unit),
                      i.deadline.empty() ? "-" : i.deadline, i.title});
          }
          if (reply.items.empty()) {
            std::cout << "0 of " << reply.total << '\n';
            return;
          }
          const int columns = TerminalColumns();
          if (columns == 0) t.SetMaxWidth(4, 60);  // a pipe or a file: still one line per row
          t.FitColumn(4, columns, 16);
          t.Print(std::cout);
          std::cout << reply.items.size() << " of " << reply.total << '\n';
        },
        [&](const ListReply& reply) {
          return protocol::ToJson(reply, JsonOptions{ctx.utc_offset_minutes});
        });
  };
}

// ---- queues, stats ------------------------------------------------------------------------------

Action SetUpQueues(CLI::App&) {
  return [](const Context& ctx) {
    return CallAndPrint<svc::Queues>(
        ctx, QueuesRequest{},
        [&ctx](const QueuesReply& r) {
          if (r.services.empty())
            std::cout << "no services yet (no work queued, no worker ready)\n";
          Table t({"SERVICE", "QUEUED", "INFLIGHT", "DEAD", "WORKERS", "IDLE", "STATE"});
          for (std::size_t c = 1; c < 6; ++c) t.AlignRight(c);
          for (const auto& s : r.services) {
            t.AddRow({s.name, std::to_string(s.queued), std::to_string(s.inflight),
                      std::to_string(s.dead), std::to_string(s.workers),
                      std::to_string(s.idle_workers), s.paused ? "PAUSED" : "running"});
          }
          if (!r.services.empty()) t.Print(std::cout);
          if (r.store != "ok") {
            std::cout << "redis: " << (r.store == "out_of_memory"
                                           ? "out of memory (maxmemory): no new leases"
                                           : r.store)
                      << "\n";
          }
          std::cout << "timers pending: " << r.timers;
          if (r.next_timer_due_ms >= 0) {
            std::cout << "; next due " << FormatLocalTime(r.next_timer_due_ms, ctx.utc_offset_minutes);
          }
          std::cout << '\n';
        },
        [&ctx](const QueuesReply& r) {
          return protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes});
        });
  };
}

// ---- timers -------------------------------------------------------------------------------------

Action SetUpTimers(CLI::App& sub) {
  auto req = std::make_shared<TimersRequest>();
  sub.add_option("CODE", req->code, "Tracking code (一事一码)")->required();
  return [req](const Context& ctx) {
    return CallAndPrint<svc::Timers>(
        ctx, *req,
        [&ctx](const TimersReply& r) {
          if (r.timers.empty()) {
            std::cout << r.code << " has no timers\n";
            return;
          }
          Table t({"NAME", "STATE", "DUE (" + OffsetLabel(ctx.utc_offset_minutes) + ")", "SERVICE",
                   "TASK"});
          std::size_t pending = 0;
          for (const TimerRow& row : r.timers) {
            std::string due = row.state == "pending"
                                  ? FormatLocalTime(row.due_ms, ctx.utc_offset_minutes)
                                  : "-";
            if (row.planned && row.state == "pending") due += " (working days)";
            std::string task = row.task_id.empty()
                                   ? "-"
                                   : row.task_id + " " + (row.task_state.empty() ? "done"
                                                                                 : row.task_state);
            t.AddRow({row.name, row.state, due, row.service.empty() ? "-" : row.service, task});
            if (row.state == "pending") ++pending;
          }
          t.Print(std::cout);
          std::cout << r.code << ": " << pending << " pending, " << r.timers.size() - pending
                    << " fired or unreadable\n";
        },
        [&ctx](const TimersReply& r) {
          return protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes});
        });
  };
}

Action SetUpStats(CLI::App&) {
  return [](const Context& ctx) {
    return CallAndPrint<svc::Stats>(
        ctx, StatsRequest{},
        [](const StatsReply& r) {
          auto counters = r.counters;
          std::sort(counters.begin(), counters.end());
          Table t({"COUNTER", "VALUE"});
          t.AlignRight(1);
          for (const auto& [name, value] : counters) t.AddRow({name, std::to_string(value)});
          t.Print(std::cout);
        },
        [&ctx](const StatsReply& r) {
          return protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes});
        });
  };
}

// ---- dlq ----------------------------------------------------------------------------------------

Action SetUpDlq(CLI::App& sub) {
  sub.require_subcommand(1);
  auto req = std::make_shared<DlqRequest>();
  CLI::App* list = sub.add_subcommand("list", "List dead letters, newest first");
  list->add_option("--service", req->service, "Only this service (default: every service)");
  list->add_option("--limit", req->limit, "At most N entries")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1000}));
  CLI::App* replay =
      sub.add_subcommand("replay", "Put a dead task back on its service's queue (attempts reset)");
  replay->add_option("--service", req->service, "The task's service")->required();
  replay->add_option("TASK_ID", req->task_id, "The task to replay (from `dlq list`)")->required();
  return [req, replay](const Context& ctx) {
    DlqRequest r = *req;
    r.action = replay->parsed() ? "replay" : "list";
    return CallAndPrint<svc::Dlq>(
        ctx, r,
        [&](const DlqReply& reply) {
          if (r.action == "replay") {
            std::cout << "replayed " << reply.replayed << " task: " << r.task_id << " is back on "
                      << r.service << "'s queue\n";
            return;
          }
          if (reply.entries.empty()) {
            std::cout << "no dead letters" << (r.service.empty() ? "" : " for " + r.service)
                      << '\n';
            return;
          }
          Table t({"TASK", "SERVICE", "ATTEMPTS", "DEAD SINCE", "REASON"});
          t.AlignRight(2);
          for (const auto& e : reply.entries) {
            t.AddRow({e.task_id, e.service, std::to_string(e.attempts),
                      FormatLocalTime(e.at_ms, ctx.utc_offset_minutes), e.reason});
          }
          t.FitColumn(4, TerminalColumns(), 20);
          t.Print(std::cout);
          std::cout << reply.entries.size() << " dead letter"
                    << (reply.entries.size() == 1 ? "" : "s") << '\n';
        },
        [&](const DlqReply& reply) {
          return protocol::ToJson(reply, JsonOptions{ctx.utc_offset_minutes});
        });
  };
}

}  // namespace

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"submit",
       "Submit suggestions (duban.submit): one from flags, or many from a .json/.csv file",
       "Examples:\n"
       "  dubanctl submit --title 关于增设社区养老服务站的建议 --content '...' --category 民政 \\\n"
       "      --keyword 养老 --deputy-id D2026001 --deputy-name 王丽华 --co-signer 李建国\n"
       "  dubanctl submit --file config/demo/suggestions.json",
       &SetUpSubmit},
      {"show", "Show one suggestion (duban.get): state, deputy, units, deadline and its timeline",
       "Example:\n  dubanctl show S2026-00001\n"
       "  dubanctl show S2026-00001 --all   (every page of the timeline)\n"
       "  dubanctl show S2026-00001 --json | jq .timeline",
       &SetUpShow},
      {"list", "List suggestions (duban.list), optionally by state or unit",
       "Examples:\n  dubanctl list --state ASSIGNED --limit 20\n  dubanctl list --unit jyj",
       &SetUpList},
      {"review",
       "审核: accept (立案), merge (并案), return to the deputy for rework (退回修改), withdraw "
       "(撤回); the deputy resubmits (duban.review)",
       "Examples:\n  dubanctl review S2026-00007 accept --actor wang\n"
       "  dubanctl review S2026-00007 merge --into S2026-00003 --reason 内容相同 --actor wang\n"
       "  dubanctl review S2026-00007 return --reason 请补充具体地点 --actor wang\n"
       "  dubanctl review S2026-00007 resubmit --content 修改后的正文 --actor wang\n"
       "  dubanctl list --state IN_REVIEW        the review queue",
       &SetUpReview},
      {"assign", "Assign a suggestion to a lead unit and co-handlers (duban.assign, 交办)",
       "Example:\n  dubanctl assign S2026-00001 --lead jyj --co czj --actor wang --note 教育类",
       &SetUpAssign},
      {"committee", "分工督办: set the committee that supervises a suggestion (duban.committee); a "
       "committee's supervision notes and visits (duban.supervise)",
       "Examples:\n  dubanctl committee set S2026-00001 jkww --actor wang --note 属教科文卫领域\n"
       "  dubanctl --as jkww-office committee visit S2026-00001 --committee jkww --text 现场查看 "
       "--actor li\n"
       "  dubanctl committee note S2026-00001 --text 请加快办理 --actor wang   (staff)\n"
       "  dubanctl --as jkww-office committee propose S2026-00001 --committee jkww --reason "
       "进度滞后 --actor li\n"
       "  dubanctl list --committee jkww        what a committee supervises",
       &SetUpCommittee},
      {"session",
       "代表·局长面对面 sessions: schedule one, record each discussed suggestion's outcome "
       "(duban.session)",
       "Examples:\n  dubanctl session schedule --date 2026-12-17 --place 市民服务中心 --unit "
       "jyj=张明局长 --deputy D2026001 --code S2026-00001 --actor wang\n"
       "  dubanctl session outcome F0001 S2026-00001 resolved --note 当场协调解决 --actor wang\n"
       "  dubanctl session outcome F0001 S2026-00002 commitment --due 2027-03-31 --note 完成改造 "
       "--actor wang\n"
       "  dubanctl session list --from 2026-01-01\n  dubanctl session show F0001",
       &SetUpSession},
      {"request",
       "Requests from the people through deputies (社情民意): submit, follow, acknowledge, "
       "answer, turn into a suggestion, count (duban.request)",
       "Examples:\n  dubanctl request submit --to deputy:D2026001 --text 小区门口路灯坏了 "
       "--contact 张女士13800000000\n"
       "  dubanctl --no-key --broker tcp://127.0.0.1:5556 request status "
       "R2026-00001-7KQ3XM   (public)\n"
       "  dubanctl --as deputy-D2026001 request ack R2026-00001-7KQ3XM --actor 王丽华\n"
       "  dubanctl --as deputy-D2026001 request convert R2026-00001-7KQ3XM "
       "R2026-00002-M4TW9C --title 关于修复路灯的建议 --deputy-name 王丽华 --actor 王丽华\n"
       "  dubanctl request counts --from 2026-01-01",
       &SetUpRequest},
      {"sign", "A unit signs for its task (duban.sign, 签收): ISSUED → SIGNED",
       "Example:\n  dubanctl sign S2026-00001 --unit jyj --actor zhang", &SetUpSign},
      {"start", "A unit starts handling its task (duban.start): SIGNED → IN_PROGRESS",
       "Example:\n  dubanctl start S2026-00001 --unit jyj --actor zhang", &SetUpStart},
      {"return",
       "A unit asks to return its task (duban.return, 退回), within 7 working days of assignment",
       "Example:\n  dubanctl return S2026-00001 --unit jyj --actor zhang --reason 不属于本单位职责",
       &SetUpReturn},
      {"extend", "A unit asks to extend the reply deadline (duban.extend, 延期), at most 6 months",
       "Example:\n  dubanctl extend S2026-00001 --unit jyj --actor zhang --until 2027-03-31 \\\n"
       "      --reason 需市政府统筹",
       &SetUpExtend},
      {"contact", "Record a meeting with the deputy before, during or after handling (三见面)",
       "Example:\n  dubanctl contact S2026-00001 --unit jyj --actor zhang --phase before \\\n"
       "      --note 电话沟通办理思路",
       &SetUpContact},
      {"opinion", "A co-handler sends its opinion to the lead unit (duban.opinion, 协办意见)",
       "Example:\n  dubanctl opinion S2026-00001 --unit czj --actor li --text 建议安排专项资金",
       &SetUpOpinion},
      {"decide", "Staff approve or reject a pending return or extension (duban.decide)",
       "Examples:\n"
       "  dubanctl decide S2026-00001 --unit jyj --request extension --approve --actor wang\n"
       "  dubanctl decide S2026-00001 --unit jyj --request return --approve --new-unit jtj \\\n"
       "      --actor wang --note 调整交办\n"
       "  dubanctl decide S2026-00001 --unit jyj --request return --reject --actor wang",
       &SetUpDecide},
      {"reply", "The lead unit replies (duban.reply, 答复) with a result class and commitments",
       "Examples:\n"
       "  dubanctl reply S2026-00001 --unit jyj --actor zhang --class A --signer 李局长 \\\n"
       "      --text 已在校门口增设信号灯\n"
       "  dubanctl reply S2026-00001 --unit jyj --actor zhang --class B --signer 李局长 \\\n"
       "      --text 列入明年计划 --commitment 完成信号灯改造@2027-06-30",
       &SetUpReply},
      {"evaluate", "The lead deputy evaluates the reply (duban.evaluate, 测评)",
       "Examples:\n"
       "  dubanctl evaluate S2026-00001 --deputy D2026001 --satisfaction 满意\n"
       "  dubanctl evaluate S2026-00001 --deputy D2026001 --satisfaction dissatisfied \\\n"
       "      --reasons 未解决根本问题",
       &SetUpEvaluate},
      {"closeout", "Staff close out a commitment or a follow-up (duban.closeout, 销号)",
       "Examples:\n"
       "  dubanctl closeout S2026-00001 --commitment r1c1 --basis 现场核查已完成 --actor wang\n"
       "  dubanctl closeout S2026-00001 --basis 年度复核无新进展，予以销号 --actor wang",
       &SetUpCloseout},
      {"lookback", "Staff record a look-back round on a follow-up (duban.lookback, 回头看)",
       "Example:\n  dubanctl lookback S2026-00001 --findings 工程已开工 --actor wang",
       &SetUpLookback},
      {"status", "Public progress of a matter by its tracking code (duban.status, 一事一码)",
       "Example:\n  dubanctl status S2026-00001", &SetUpStatus},
      {"inbox", "Show a recipient's notices, newest first (duban.inbox)",
       "Examples:\n  dubanctl inbox unit:jyj\n  dubanctl inbox staff --limit 20 --json\n"
       "  dubanctl inbox unit:jyj --unread --kind reminder\n"
       "  dubanctl inbox unit:jyj --read 3f2a9c0d81be --actor 张三",
       &SetUpInbox},
      {"agenda", "The directors' meeting agenda (主任会议议程): show, set a director, resolve",
       "Examples:\n  dubanctl agenda\n  dubanctl agenda --meeting 2026-06-10 --all --json\n"
       "  dubanctl agenda lead S2026-00001 --director 李主任 --actor wang\n"
       "  dubanctl agenda resolve B0001 --note 已专题督办 --actor wang",
       &SetUpAgenda},
      {"meeting", "Directors' meeting dates (主任会议): list, add, remove (duban.meeting)",
       "Examples:\n  dubanctl meeting list\n  dubanctl meeting add 2026-06-10 --actor wang",
       &SetUpMeeting},
      {"hot", "Hot and difficult items (热点难点): marked ones, rule proposals; mark, unmark",
       "Examples:\n  dubanctl hot list\n"
       "  dubanctl hot mark S2026-00001 --reason 群众反映强烈 --actor wang",
       &SetUpHot},
      {"bundle", "Bundled supervision (打捆督办): one topic, lead unit and supervisor",
       "Examples:\n  dubanctl bundle create --topic 校园安全 --lead jyj --supervisor 张处长 \\\n"
       "      S2026-00001 S2026-00002 --actor wang\n  dubanctl bundle show B0001",
       &SetUpBundle},
      {"progress", "A unit reports a key item's monthly progress (duban.progress, 重点督办)",
       "Example:\n  dubanctl progress S2026-00001 --unit jyj --text 已完成选址 --actor zhang",
       &SetUpProgress},
      {"queues", "Show the broker's service queues and workers (duban.queues)",
       "Example:\n  dubanctl queues", &SetUpQueues},
      {"timers", "A suggestion's timers: pending with due times, fired with their tasks "
       "(duban.timers)",
       "Examples:\n  dubanctl timers S2026-00001\n  dubanctl timers S2026-00001 --json",
       &SetUpTimers},
      {"keys", "Make CurveZMQ key pairs for the broker, clients and workers, and the checkpoint "
       "signing key (no broker needed)",
       "Examples:\n  dubanctl keys new broker --dir var/keys\n"
       "  dubanctl keys new jyj-clerk --role unit:jyj --dir var/keys >> var/keys/registry.toml\n"
       "  dubanctl keys checkpoint --dir var/keys",
       &SetUpKeys},
      {"dlq", "List or replay dead letters: tasks that failed every attempt (duban.dlq)",
       "Examples:\n  dubanctl dlq list --service worker.reminder\n"
       "  dubanctl dlq replay --service worker.reminder T-123",
       &SetUpDlq},
      {"stats", "Show the broker's counters (duban.stats)", "Example:\n  dubanctl stats --json",
       &SetUpStats},
      {"workers", "List the live workers: service, busy or idle, task, heartbeat age (duban.workers)",
       "Examples:\n  dubanctl workers\n  dubanctl workers --service assignment --json",
       &SetUpWorkers},
      {"call",
       "Send one request to a worker service (7/MDP), with a request id, retried on no reply",
       "Examples:\n  dubanctl call echo hello world\n"
       "  dubanctl call echo hello --request-id job-42 --retries 5 --timeout 2000",
       &SetUpCall},
      {"top", "Live view of queues, workers, timers and counters, refreshed in place (q quits)",
       "Examples:\n  dubanctl top\n  dubanctl top --interval-ms 2000\n"
       "  dubanctl top | cat        (not a terminal: prints one frame and exits)",
       &SetUpTop},
      {"calendar",
       "Deadline dates offline (add, show); the broker's calendar and the re-plan of the timers "
       "counted on it (status, replan)",
       "Examples:\n  dubanctl calendar add 2026-09-28 --working-days 20\n"
       "  dubanctl calendar add 2026-08-31 --months 6\n"
       "  dubanctl --config config/duban.toml calendar show 2026\n"
       "  dubanctl calendar status\n"
       "  dubanctl calendar replan --dry-run\n"
       "  dubanctl calendar replan --actor wang",
       &SetUpCalendar},
      {"verify", "Verify audit chains (duban.verify): one suggestion, or --all; exit 1 on a failure",
       "Examples:\n  dubanctl verify S2026-00001\n  dubanctl verify --all --json",
       &SetUpVerify},
      {"check",
       "List open suggestions nothing waits on: no task, no timer, or a dead letter (duban.check)",
       "Examples:\n  dubanctl check\n  dubanctl check --json | jq '.stuck[].code'", &SetUpCheck},
      {"report", "Handling figures per lead unit and overall: 办复率, 按时率, 见面率, 满意率, 办成率",
       "Examples:\n  dubanctl --config config/duban.toml report --session 2026\n"
       "  dubanctl report --from 2026-01-01 --to 2026-06-30 --unit jyj --format csv > report.csv",
       &SetUpReport},
  };
  return kCommands;
}

}  // namespace duban::ctl
