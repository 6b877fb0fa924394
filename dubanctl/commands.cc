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
#include "dubanctl/show_command.h"
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
