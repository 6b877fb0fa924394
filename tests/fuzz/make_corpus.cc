// make_corpus: writes the seed corpus of the fuzz targets (tests/fuzz/corpus/<target>/) from real
// messages — every message type encoded by the codec in each envelope, sample replies and frames as
// the broker and workers exchange them — and from the shipped config and demo files.
// Usage: make_corpus SOURCE_DIR OUT_DIR   (scripts/fuzz --regen-corpus runs it into the tree).
// Deterministic: the same tree gives the same files, so a regenerated corpus diffs cleanly.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <type_traits>

#include "common/protocol/codec.h"
#include "common/protocol/mdp.h"
#include "common/protocol/staff_decision.h"
#include "tests/fuzz/codec_types.h"
#include "tests/fuzz/fuzz_check.h"
#include "workers/reminder/reply_timers.h"
#include "workers/reminder/unit_timers.h"
#include "workers/survey/survey_role.h"

using namespace duban;
using namespace duban::protocol;
namespace fs = std::filesystem;

namespace {

fs::path out_root;

void Put(const std::string& target, const std::string& name, const std::string& bytes) {
  fs::create_directories(out_root / target);
  std::ofstream(out_root / target / name, std::ios::binary) << bytes;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    std::cerr << "make_corpus: cannot read " << p << "\n";
    std::exit(1);
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Sel(int selector) { return std::string(1, static_cast<char>(selector)); }

// ---- sample values (as a running system has them) ---------------------------------------------

SuggestionDraft Draft() {
  SuggestionDraft d;
  d.title = "关于增加城区公办幼儿园学位供给的建议";
  d.content = "建议新建、改扩建公办幼儿园。\n第二，\"普惠\"学位每年不少于 500 个。";
  d.category = "教育";
  d.keywords = {"幼儿园", "学位"};
  d.deputy = {"D2026001", "王小明", "13800000000"};
  d.co_signers = {"李四"};
  d.session = "2026";
  return d;
}

Suggestion Sample() {
  Suggestion s;
  s.code = "S2026-00001";
  s.draft = Draft();
  s.state = SuggestionState::kInHandling;
  s.version = 7;
  s.submitted_ms = 1'767'225'600'000;
  s.assigned_ms = 1'767'312'000'000;
  s.units = {{"jyj", UnitRole::kLead, "SIGNED"}, {"czj", UnitRole::kCo, "ISSUED"}};
  s.deadline = Deadline{"2026-04-30", "答复：交办之日起 3 个自然月", 1'777'564'799'999};
  ReplyRound r;
  r.unit = "jyj";
  r.result_class = "B";
  r.text = "已新增学位";
  r.signer = "李局长";
  r.replied_ms = 1'770'000'000'000;
  r.deadline = "2026-04-30";
  r.commitments = {{"r1c1", "新建幼儿园", "2026-12-31", "OPEN", "", "", 0}};
  r.satisfaction = "basic";
  s.record.rounds = {r};
  s.record.notes = {{"czj", "opinion", "", "同意", 1'769'000'000'000}};
  return s;
}

AuditEntry Audit() {
  return {1'767'312'000'000, "staff:wang", "assigned", "ACCEPTED", "ASSIGNED", "交教育局主办", "t-9",
          "a9993e364706816aba3e25717850c26c9cd0d89d"};
}

template <typename T>
void AllEnvelopes(int index, const char* name, const T& m, const std::string& tag) {
  Put("fuzz_codec", std::string("request-") + name + tag, Sel(3 * index + 0) + Encode(m));
  Put("fuzz_codec", std::string("reply-") + name + tag, Sel(3 * index + 1) + EncodeReply(m));
  Put("fuzz_codec", std::string("bare-") + name + tag, Sel(3 * index + 2) + EncodeBare(m));
}

template <typename T>
int IndexOf() {
  int index = 0, found = -1;
#define DUBAN_FUZZ_INDEX(X) \
  if (std::is_same_v<T, X>) found = index; \
  ++index;
  DUBAN_FUZZ_MESSAGES(DUBAN_FUZZ_INDEX)
#undef DUBAN_FUZZ_INDEX
  return found;
}

#define RICH(T, value) AllEnvelopes(IndexOf<T>(), #T, T(value), "-sample")

QueuesReply Queues() {
  return {{{"assignment", 2, 1, 0, 1, 0, false}, {"reminder", 0, 0, 3, 1, 1, true},
           {"duban.submit", 0, 0, 0, 0, 0, false}},
          12,
          1'767'400'000'000};
}
StatsReply Stats() {
  return {{{"broker.requests", 120},
           {"broker.replies", 118},
           {"task.latency_ms.le_100", 40},
           {"task.latency_ms.le_1000", 90},
           {"task.latency_ms.count", 95},
           {"task.latency_ms.sum", 30000}}};
}
WorkersReply Workers() { return {{{"00a1b2", "assignment", true, "t-1", 1200}, {"00c3", "reminder", false, "", 40}}}; }
ListReply List() {
  return {{{"S2026-00001", "关于幼儿园的建议", "IN_HANDLING", "jyj", "2026-04-30"},
           {"S2026-00002", "关于道路的建议", "REPLIED", "jtj", "2026-07-01"}},
          2};
}
InboxReply Inbox() { return {{{1'767'400'000'000, "S2026-00001", "escalation", "已逾期 3 天"}}, 1}; }
DlqReply Dlq() { return {{{"t-7", "webhook", "timeout after 5 attempts", 5, 1'767'400'000'000}}, 0}; }
GetReply Get() { return {Sample(), {Audit(), Audit()}}; }

void Codec() {
  int index = 0;
#define DUBAN_FUZZ_DEFAULT(T) AllEnvelopes(index++, #T, T{}, "");
  DUBAN_FUZZ_MESSAGES(DUBAN_FUZZ_DEFAULT)
#undef DUBAN_FUZZ_DEFAULT
  RICH(SuggestionDraft, Draft());
  RICH(Suggestion, Sample());
  RICH(AuditEntry, Audit());
  RICH(SubmitRequest, (SubmitRequest{"req-1", Draft()}));
  RICH(SubmitReply, (SubmitReply{"req-1", "S2026-00001", "ACCEPTED", false}));
  RICH(AssignRequest, (AssignRequest{"S2026-00021", "mzj", {"czj"}, "wang", "按职责"}));
  RICH(GetReply, Get());
  RICH(ListReply, List());
  RICH(QueuesReply, Queues());
  RICH(StatsReply, Stats());
  RICH(WorkersReply, Workers());
  RICH(InboxReply, Inbox());
  RICH(DlqReply, Dlq());
  TaskMessage t{"t-1", "assignment", "assign", 2, 1'767'400'000'000, Sample(), "payload"};
  RICH(TaskMessage, t);
  Outcome o;
  o.expect_version = 7;
  o.to_state = "ASSIGNED";
  o.units = Sample().units;
  o.deadline = Sample().deadline;
  o.action = "assigned";
  o.timers = {{"reply.remind.30d", "reminder", "remind", 1'775'000'000'000, 0, "\x81\xa4rule\xa5reply"},
              {"sign.remind.jyj", "reminder", "sign_remind", 1'767'571'200'000, 0, "",
               TimerPlan{"working_days_after", "2026-01-02", 2, 540}}};
  o.cancel_timers = {"reply.remind.15d"};
  o.notices = {{"unit:jyj", "reminder", "请于 2026-04-30 前答复", "remind-30", ""}};
  o.agenda = {{"place", "overdue", "逾期 15 天", "", 0}};
  RICH(Outcome, o);
  RICH(TimerPlan, (TimerPlan{"next_working_day", "2027-01-30", 0, 540}));
  RICH(CalendarRequest, (CalendarRequest{"replan", true, "wang", "2027:12", 100}));
  CalendarReply cal;
  cal.loaded = {2026, 2027};
  cal.years = {{2026, true, "国办发明电〔2025〕7号", 12, 0, false}, {2027, true, "", 4, 4, true}};
  cal.replanning = {2027};
  cal.changes = {{"S2026-00001", "reply.remind.30d", 1'801'443'600'000, 1'801'530'000'000,
                  "next working day from 2027-01-30"}};
  cal.cursor = "2027:0";
  cal.scanned = 4;
  RICH(CalendarReply, cal);
  RICH(TimersRequest, (TimersRequest{"S2026-00001"}));
  TimersReply timers;
  timers.code = "S2026-00001";
  timers.timers = {{"decision.return.czj", "reminder", "decision_remind", "pending",
                    1'801'443'600'000, true, "", ""},
                   {"sign.remind.jyj", "reminder", "sign_remind", "fired", 0, false,
                    "TS2026-00001.sign.remind.jyj.000000000042", "leased"},
                   {"junk", "", "", "unreadable", 0, false, "", ""}};
  RICH(TimerRow, timers.timers[0]);
  RICH(TimersReply, timers);
  Put("fuzz_codec", "error-reply", Sel(1) + EncodeError(Status(StatusCode::kNotFound, "没有 S2026-9")));

  using fuzz::Extra;
  const int extra = 3 * fuzz::kMessageTypes;
  Put("fuzz_codec", "extra-units", Sel(extra + int(Extra::kUnits)) + EncodeUnits(Sample().units));
  Put("fuzz_codec", "extra-frames",
      Sel(extra + int(Extra::kFrames)) + EncodeFrames({Encode(GetRequest{"S2026-00001"}), "x"}));
  Put("fuzz_codec", "extra-decision",
      Sel(extra + int(Extra::kDecisionPayload)) +
          EncodeDecisionPayload({"extension", "jyj", 1'767'400'000'000}));
  Put("fuzz_codec", "extra-unit-timer",
      Sel(extra + int(Extra::kUnitTimerPayload)) +
          workers::reminder::EncodeUnitTimerPayload({"sign.remind.jyj", "jyj", 2, "2026-02-13"}));
  Put("fuzz_codec", "extra-reminder",
      Sel(extra + int(Extra::kReminderPayload)) +
          workers::reminder::EncodeReminderPayload({"reply", 30, "2027-02-27"}));
  Put("fuzz_codec", "extra-round",
      Sel(extra + int(Extra::kRoundPayload)) + workers::survey::EncodeRoundPayload(2));
}

void Mdp() {
  auto put = [](const std::string& name, const Frames& f) {
    Put("fuzz_mdp", name, fuzz::JoinParts(f));
  };
  auto without_id = [](Frames f) { return Frames(f.begin() + 1, f.end()); };
  const std::string body = Encode(SubmitRequest{"req-1", Draft()});
  Frames client = ClientToBroker("duban.submit", {body});
  client.insert(client.begin(), std::string("\x00\x6b\x8b\x45\x67", 5));
  put("client-request", client);
  Frames ready = WorkerReady("assignment");
  ready.insert(ready.begin(), "w1");
  put("worker-ready", ready);
  Frames reply = WorkerReply("\x00\x01client", {EncodeReply(Outcome{})});
  reply.insert(reply.begin(), "w1");
  put("worker-reply", reply);
  Frames hb = WorkerHeartbeat();
  hb.insert(hb.begin(), "w1");
  put("worker-heartbeat", hb);
  put("broker-request", without_id(BrokerToWorkerRequest("w1", "\x00\x01client", {Encode(TaskMessage{})})));
  put("broker-heartbeat", without_id(BrokerToWorkerHeartbeat("w1")));
  put("broker-disconnect", without_id(BrokerToWorkerDisconnect("w1")));
  put("broker-to-client", without_id(BrokerToClient("c1", "duban.get", {EncodeReply(Get())})));
}

void Monitor() {
  Frames up = {std::string("\x00\x50\x3e\x6b\x9b\x01\x00\x00", 8),
               EncodeReply(Queues()),
               EncodeReply(Stats()),
               EncodeReply(Workers()),
               EncodeReply(List()),
               EncodeReply(Inbox()),
               EncodeReply(Inbox()),
               EncodeReply(Dlq()),
               EncodeReply(Get()),
               "127.0.0.1\napplication/json; charset=utf-8\nhttp://127.0.0.1:8780\n127.0.0.1:8780\n"
               "[::1]:8780"};
  Put("fuzz_monitor", "broker-up", fuzz::JoinParts(up));
  Frames down = up;
  down[1] = EncodeError(Status(StatusCode::kUnavailable, "broker unreachable at tcp://127.0.0.1:5555"));
  down[9] = "10.0.0.8\ntext/plain\nhttp://evil.example\n127.0.0.1:8780\n0.0.0.0:8780";
  Put("fuzz_monitor", "broker-down", fuzz::JoinParts(down));
}

void Files(const fs::path& src) {
  Put("fuzz_suggestion_file", "demo-json", "\x01" + ReadFile(src / "config/demo/suggestions.json"));
  Put("fuzz_suggestion_file", "csv",
      std::string("\x00", 1) +
          "\xEF\xBB\xBFrequest_id,title,content,category,keywords,deputy_id,deputy_name,"
          "deputy_contact,co_signers,session\r\n"
          "r1,关于幼儿园的建议,\"建议新建幼儿园，\"\"普惠\"\"学位\n每年 500 个\",教育,幼儿园;学位,"
          "D2026001,王小明,138,李四；张三,2026\r\n"
          "\r\n"
          ",关于道路的建议,修路,交通,,D2026002,赵六,,,\n");
  Put("fuzz_config", "shipped",
      fuzz::JoinParts({ReadFile(src / "config/duban.toml"), ReadFile(src / "config/units.toml"),
                       ReadFile(src / "config/calendar/2026.toml")}));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: make_corpus SOURCE_DIR OUT_DIR\n";
    return 2;
  }
  out_root = argv[2];
  Codec();
  Mdp();
  Monitor();
  Files(argv[1]);
  return 0;
}
