// The agenda's Lua steps and AgendaStore against a real redis-server (scripts/test starts one and
// exports DUBAN_TEST_REDIS_URL): a placement makes one item per suggestion or bundle with one
// reason per key; the monthly progress check notifies the leading director's office only when no
// unit reported since the last check, and re-arms while the item is open; resolving cancels it.
#include "common/store/agenda_store.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "common/protocol/codec.h"
#include "common/store/scripts.h"
#include "common/store/task_store.h"

namespace duban::store {
namespace {

constexpr Millis kT0 = 1'780'000'000'000;  // 2026-05-29
constexpr Millis kMonth = 30LL * 24 * 3'600'000;

class AgendaStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("DUBAN_TEST_REDIS_URL");
    ASSERT_NE(url, nullptr) << "DUBAN_TEST_REDIS_URL is not set: run through scripts/test";
    auto c = RedisClient::Create(url, 1000, 1000, DubanScripts());
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    redis_ = std::move(c).value();
    prefix_ = KeyPrefix("a" + std::to_string(std::random_device{}()) + "_" +
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    store_ = std::make_unique<TaskStore>(*redis_, prefix_, RetryPolicy{}, 30000);
    agenda_ = std::make_unique<AgendaStore>(*redis_, prefix_);
  }
  void TearDown() override {
    if (!redis_) return;
    auto keys = redis_->Run({"KEYS", prefix_ + ":*"});  // test clean-up only; never in the product
    if (keys.ok()) {
      for (const auto& k : keys->elements) (void)redis_->Run({"DEL", k.str});
    }
  }

  std::string Submit(const std::string& title) {
    protocol::SuggestionDraft d;
    d.title = title;
    d.content = "c";
    d.deputy = {"D1", "代表", ""};
    d.session = "2026";
    auto r = store_->Submit(
        kT0, 60, {{title + std::to_string(n_++), "2026", protocol::EncodeBare(d), "deputy:D1"}});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? (*r)[0].code : "";
  }

  // An escalation outcome carrying one agenda effect, applied as the "update" script applies it.
  void Apply(const std::string& code, Millis now, const std::string& action,
             std::vector<protocol::AgendaEffect> agenda) {
    protocol::Outcome o;
    o.agenda = std::move(agenda);
    Completion c;
    c.code = code;
    c.expect_version = protocol::kAnyVersion;
    c.action = action;
    c.actor = "worker:escalation";
    c.effects = protocol::EncodeOutcomeEffects(o);
    auto r = store_->Update(now, c);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(*r, CompletionResult::kApplied);
  }
  void Place(const std::string& code, Millis now, const std::string& key) {
    Apply(code, now, "placed_on_agenda", {{"place", key, "reason " + key, "", now + kMonth}});
  }
  void Check(const std::string& code, const std::string& item, Millis now) {
    Apply(code, now, "progress_checked", {{"progress_check", "", "no report", item, now + kMonth}});
  }

  std::vector<protocol::AgendaItem> Open() {
    auto rows = agenda_->Items(false, 100);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::vector<protocol::AgendaItem> out;
    if (rows.ok()) {
      for (auto& r : *rows) out.push_back(r.item);
    }
    return out;
  }
  // The timer `name` of `code` is pending (its member CODE|NAME in P:timers) and its index entry
  // is the escalation role's "progress" task (docs/redis-schema.md, P:tm:{CODE}).
  bool PendingProgressTimer(const std::string& code, const std::string& name) {
    auto z = redis_->Run({"ZSCORE", prefix_ + ":timers", code + "|" + name});
    auto h = redis_->Run({"HGET", prefix_ + ":tm:{" + code + "}", name});
    return z.ok() && !z->str.empty() && h.ok() && h->str.find("escalation") != std::string::npos &&
           h->str.find("progress") != std::string::npos;
  }
  std::int64_t InboxSize(const std::string& recipient) {
    auto r = store_->Inbox(recipient, 10);
    return r.ok() ? r->total : -1;
  }
  std::vector<std::string> Actions(const std::string& code) {
    std::vector<std::string> out;
    auto s = store_->Get(code);
    if (!s.ok()) return out;
    for (const auto& a : s->audit)
      out.push_back(protocol::DecodeBare<protocol::AuditEntry>(a)->action);
    return out;
  }

  std::unique_ptr<RedisClient> redis_;
  std::unique_ptr<TaskStore> store_;
  std::unique_ptr<AgendaStore> agenda_;
  std::string prefix_;
  int n_ = 0;
};

TEST_F(AgendaStoreTest, TwoPlacementsMakeOneItemWithTwoReasons) {
  const std::string code = Submit("逾期");
  Place(code, kT0, "reply_overdue:2026-05-10");
  Place(code, kT0 + 5, "dissatisfied_twice");
  Place(code, kT0 + 9, "dissatisfied_twice");  // a retried task: nothing new
  auto open = Open();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].id, code);
  EXPECT_EQ(open[0].kind, "suggestion");
  EXPECT_EQ(open[0].state, "OPEN");
  EXPECT_EQ(open[0].placed_ms, kT0);
  EXPECT_EQ(open[0].placed_by, "worker:escalation");
  ASSERT_EQ(open[0].reasons.size(), 2u);
  EXPECT_EQ(open[0].reasons[0].key, "reply_overdue:2026-05-10");
  EXPECT_EQ(open[0].reasons[1].key, "dissatisfied_twice");
  ASSERT_EQ(open[0].members.size(), 1u);
  EXPECT_EQ(open[0].members[0].title, "逾期");
  EXPECT_TRUE(PendingProgressTimer(code, "agenda.progress.a"));
}

TEST_F(AgendaStoreTest, TheProgressCheckNotifiesTheDirectorOnlyWithoutAReport) {
  const std::string code = Submit("重点");
  Place(code, kT0, "hot");
  // No director yet: the staff hear of the missing report.
  Check(code, code, kT0 + kMonth);
  EXPECT_EQ(InboxSize("staff"), 1);
  EXPECT_TRUE(PendingProgressTimer(code, "agenda.progress.b"));
  ASSERT_TRUE(agenda_->Act(kT0 + kMonth + 1, "lead", code, "staff:wang", "李主任").ok());
  // A unit reports; the next check is quiet.
  Completion report;
  report.code = code;
  report.expect_version = protocol::kAnyVersion;
  report.action = "progress_reported";
  report.actor = "unit:jyj/zhang";
  ASSERT_TRUE(store_->Update(kT0 + kMonth + 10, report).ok());
  Check(code, code, kT0 + 2 * kMonth);
  EXPECT_EQ(InboxSize("office:director:李主任"), 0);
  // No report in the third month: the director's office is told.
  Check(code, code, kT0 + 3 * kMonth);
  EXPECT_EQ(InboxSize("office:director:李主任"), 1);
  auto actions = Actions(code);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "progress_missing"), 2);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "agenda_director_set"), 1);
}

TEST_F(AgendaStoreTest, ResolvingCancelsTheTimerAndALateCheckDoesNothing) {
  const std::string code = Submit("已解决");
  Place(code, kT0, "hot");
  ASSERT_EQ(agenda_->Act(kT0 + 1, "resolve", code, "staff:wang", "已答复").value(), "RESOLVED");
  EXPECT_TRUE(Open().empty());
  EXPECT_FALSE(PendingProgressTimer(code, "agenda.progress.a"));
  Check(code, code, kT0 + kMonth);  // had it fired before the resolution
  EXPECT_EQ(InboxSize("staff"), 0);
  EXPECT_FALSE(PendingProgressTimer(code, "agenda.progress.b"));
  auto again = agenda_->Act(kT0 + 2, "resolve", code, "staff:wang", "x");
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(agenda_->Act(kT0, "lead", "S2026-99999", "staff:wang", "x").status().code(),
            StatusCode::kNotFound);
  // Placed again with a new reason, it opens again.
  Place(code, kT0 + 3, "dissatisfied_twice");
  ASSERT_EQ(Open().size(), 1u);
  EXPECT_EQ(Open()[0].reasons.size(), 2u);
}

TEST_F(AgendaStoreTest, ABundleMovesAsOne) {
  const std::string a = Submit("甲"), b = Submit("乙"), c = Submit("丙");
  Place(a, kT0, "hot");  // on the agenda before the bundle exists
  protocol::BundleRequest req;
  req.topic = "校园安全";
  req.lead_unit = "jyj";
  req.supervisor = "张处长";
  req.codes = {a, b, c};
  auto id = agenda_->ChangeBundle(kT0 + 1, "create", "", "staff:wang", req, kT0 + kMonth);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(*id, "B0001");
  auto open = Open();
  ASSERT_EQ(open.size(), 1u) << "a's own item merged into the bundle's";
  EXPECT_EQ(open[0].id, "B0001");
  EXPECT_EQ(open[0].kind, "bundle");
  EXPECT_EQ(open[0].title, "校园安全");
  EXPECT_EQ(open[0].members.size(), 3u);
  ASSERT_EQ(open[0].reasons.size(), 1u);
  EXPECT_EQ(open[0].reasons[0].key, a + "/hot");
  Place(b, kT0 + 2, "hot");
  Place(c, kT0 + 3, "hot");
  open = Open();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].reasons.size(), 3u);
  // A suggestion is in one bundle at most.
  auto twice = agenda_->ChangeBundle(kT0 + 4, "create", "", "staff:wang", req, kT0 + kMonth);
  EXPECT_EQ(twice.status().code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(agenda_->Act(kT0 + 5, "resolve", "B0001", "staff:wang", "专题督办").ok());
  EXPECT_TRUE(Open().empty());
  for (const std::string& code : {a, b, c}) {
    auto actions = Actions(code);
    EXPECT_NE(std::find(actions.begin(), actions.end(), "agenda_resolved"), actions.end()) << code;
  }
  auto bundles = agenda_->Bundles("");
  ASSERT_TRUE(bundles.ok());
  ASSERT_EQ(bundles->size(), 1u);
  EXPECT_EQ((*bundles)[0].supervisor, "张处长");
}

TEST_F(AgendaStoreTest, MeetingDatesAndHotMarks) {
  ASSERT_TRUE(agenda_->Meetings("add", "2026-06-10").ok());
  EXPECT_EQ(agenda_->Meetings("add", "2026-06-10").status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(agenda_->Meetings("remove", "2026-06-11").status().code(), StatusCode::kNotFound);
  ASSERT_EQ(agenda_->Meetings("list", "").value(), std::vector<std::string>{"2026-06-10"});
  const std::string code = Submit("热点");
  auto marked = agenda_->MarkHot(kT0, code, "staff:wang", "反映强烈", kT0 + kMonth);
  ASSERT_TRUE(marked.ok()) << marked.status().ToString();
  EXPECT_EQ(marked->first, code);
  EXPECT_EQ(marked->second, "new");
  EXPECT_EQ(agenda_->MarkHot(kT0, code, "staff:wang", "x", kT0).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(agenda_->MarkHot(kT0, "S2026-99999", "staff:wang", "x", kT0).status().code(),
            StatusCode::kNotFound);
  auto marks = agenda_->HotMarks();
  ASSERT_TRUE(marks.ok());
  ASSERT_EQ(marks->size(), 1u);
  EXPECT_EQ((*marks)[0].title, "热点");
  EXPECT_EQ((*marks)[0].at_ms, kT0);
  ASSERT_TRUE(agenda_->UnmarkHot(kT0 + 1, code, "staff:wang").ok());
  EXPECT_EQ(agenda_->UnmarkHot(kT0 + 1, code, "staff:wang").code(), StatusCode::kNotFound);
  EXPECT_EQ(Open().size(), 1u) << "unmarking leaves the agenda item to staff";
}

}  // namespace
}  // namespace duban::store
