// The escalation role's agenda work under a manual clock: each placement reason (the reply 15 days
// overdue, re-handling overdue, dissatisfied twice) yields one "place" agenda effect with its
// reason key and the first monthly progress check; the monthly "progress" timer yields a
// "progress_check" effect armed one calendar month later. The Redis side (one item per suggestion
// or bundle, the notice to the leading director's office) is in tests/common/store/.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/calendar.h"
#include "common/protocol/wire.h"
#include "tests/support/manual_clock.h"
#include "workers/escalation/escalation_role.h"

namespace duban::workers::escalation {
namespace {

using protocol::SuggestionState;
using protocol::UnitRole;
using ::testing::HasSubstr;

constexpr std::int64_t kBeijing = 480;
constexpr Millis kHourMs = 3'600'000;

Date D(const char* ymd) { return *ParseDate(ymd); }

Millis LocalTime(const char* ymd, int hour) {
  return StartOfLocalDay(D(ymd), kBeijing) + hour * kHourMs;
}

protocol::Suggestion Suggestion(SuggestionState state, const char* deadline) {
  protocol::Suggestion s;
  s.code = "S2026-00007";
  s.draft.title = "关于治理城区噪声的建议";
  s.state = state;
  s.version = 9;
  s.units = {{"hbj", UnitRole::kLead, "IN_PROGRESS"}};
  if (deadline != nullptr) {
    s.deadline =
        protocol::Deadline{deadline, "re-handling: 1 month", EndOfLocalDay(D(deadline), kBeijing)};
  }
  return s;
}

class AgendaKindsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config::Config c = config::DefaultConfig();
    c.units = {{"hbj", "市生态环境局"}};
    auto role = EscalationRole::Create(c, clock_);
    ASSERT_TRUE(role.ok()) << role.status().ToString();
    role_ = std::move(role).value();
  }

  Result<protocol::Outcome> Run(std::string kind, std::optional<protocol::Suggestion> s, Millis now,
                                std::string payload = "") {
    clock_.Set(now);
    protocol::TaskMessage t;
    t.task_id = "TS2026-00007.x";
    t.service = "escalation";
    t.kind = std::move(kind);
    t.now_ms = now;
    t.suggestion = std::move(s);
    t.payload = std::move(payload);
    return role_->Handle(t);
  }

  static void ExpectPlaced(const Result<protocol::Outcome>& out, const std::string& key,
                           const std::string& text, Millis next_check) {
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    EXPECT_EQ(out->action, "placed_on_agenda");
    EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
    EXPECT_EQ(out->to_state, "");
    ASSERT_EQ(out->agenda.size(), 1u);
    EXPECT_EQ(out->agenda[0].op, "place");
    EXPECT_EQ(out->agenda[0].key, key);
    EXPECT_EQ(out->agenda[0].text, text);
    EXPECT_EQ(out->agenda[0].next_check_ms, next_check);
    ASSERT_EQ(out->notices.size(), 2u);
    EXPECT_EQ(out->notices[0].recipient, "agenda:directors");
    EXPECT_EQ(out->notices[1].recipient, "staff");
  }

  duban::testing::ManualClock clock_;
  std::unique_ptr<EscalationRole> role_;
};

TEST_F(AgendaKindsTest, AReplyFifteenDaysOverduePlacesTheItemWithItsDeadlineAsKey) {
  Result<protocol::Outcome> out = Run(
      "agenda", Suggestion(SuggestionState::kInHandling, "2027-02-27"), LocalTime("2027-03-14", 9));
  // The first progress report is due a calendar month later, at the start of working hours.
  ExpectPlaced(out, "reply_overdue:2027-02-27", "逾期15日未答复", LocalTime("2027-04-14", 9));
  EXPECT_EQ(out->notices[0].dedup_key, "agenda.reply-overdue:2027-02-27@agenda:directors");
}

TEST_F(AgendaKindsTest, ASkippedEscalationPlacesNothing) {
  Result<protocol::Outcome> out = Run(
      "agenda", Suggestion(SuggestionState::kInHandling, "2027-02-27"), LocalTime("2027-03-05", 9));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "escalation_skipped");
  EXPECT_TRUE(out->agenda.empty());
}

TEST_F(AgendaKindsTest, ReHandlingOverduePlacesTheItemOnceTheNewDeadlinePassed) {
  const auto s = Suggestion(SuggestionState::kRehandling, "2027-05-31");
  Result<protocol::Outcome> early =
      Run("agenda", s, LocalTime("2027-05-31", 17), "rehandling_overdue");
  ASSERT_TRUE(early.ok()) << early.status().ToString();
  EXPECT_EQ(early->action, "escalation_skipped");
  EXPECT_TRUE(early->agenda.empty());
  EXPECT_EQ(early->note, "agenda rehandling_overdue: not overdue; the deadline is now 2027-05-31");

  Result<protocol::Outcome> out =
      Run("agenda", s, LocalTime("2027-06-01", 0) + 1, "rehandling_overdue");
  ExpectPlaced(out, "rehandling_overdue:2027-05-31", "重新办理逾期未答复",
               LocalTime("2027-07-01", 9));
  EXPECT_EQ(out->notices[1].dedup_key, "agenda.rehandling-overdue:2027-05-31@staff");
  EXPECT_THAT(out->notices[0].text, HasSubstr("重新办理期限 2027-05-31，已逾期。"));
}

TEST_F(AgendaKindsTest, ReHandlingOverdueNeedsTheReHandlingState) {
  Result<protocol::Outcome> out = Run("agenda", Suggestion(SuggestionState::kReplied, "2027-05-31"),
                                      LocalTime("2027-06-02", 9), "rehandling_overdue");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "escalation_skipped");
  EXPECT_TRUE(out->agenda.empty());
  EXPECT_THAT(out->note, HasSubstr("is REPLIED, not REHANDLING"));
}

TEST_F(AgendaKindsTest, DissatisfiedTwiceIsPlacedUnconditionally) {
  // Whatever the state, even without a deadline, and as a msgpack map payload too.
  Result<protocol::Outcome> out = Run("agenda", Suggestion(SuggestionState::kEvaluated, nullptr),
                                      LocalTime("2027-01-31", 10), "dissatisfied_twice");
  // 2027-01-31 + 1 month is clamped to 2027-02-28.
  ExpectPlaced(out, "dissatisfied_twice", "两次不满意", LocalTime("2027-02-28", 9));
  EXPECT_EQ(out->notices[0].dedup_key, "agenda.dissatisfied-twice@agenda:directors");

  protocol::MapWriter w;
  w.Str("reason", "dissatisfied_twice");
  Result<protocol::Outcome> map = Run("agenda", Suggestion(SuggestionState::kRehandling, nullptr),
                                      LocalTime("2027-01-31", 10), w.Take());
  ExpectPlaced(map, "dissatisfied_twice", "两次不满意", LocalTime("2027-02-28", 9));
}

TEST_F(AgendaKindsTest, DissatisfiedTwiceTellsTheAgendaAndTheStaffWhyAndWhoLeads) {
  Result<protocol::Outcome> out = Run("agenda", Suggestion(SuggestionState::kEvaluated, nullptr),
                                      LocalTime("2027-01-31", 10), "dissatisfied_twice");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->notices.size(), 2u);
  EXPECT_EQ(out->notices[0].text,
            "【主任会议议程】建议 S2026-00007《关于治理城区噪声的建议》，主办单位：市生态环境局。"
            "列入事由：两次不满意。");
  EXPECT_EQ(out->notices[1].text,
            "【主任会议议程】建议 S2026-00007《关于治理城区噪声的建议》代表两次不满意，"
            "已列入主任会议议程，主办单位：市生态环境局。");
}

TEST_F(AgendaKindsTest, TheAgendaWordingComesFromTheConfigsNotices) {
  // The reason, the notices and the unit lists are templates (config/notices.toml, escalation
  // role); a config that replaces them is followed, its reason text included.
  config::Config c = config::DefaultConfig();
  c.units = {{"hbj", "市生态环境局"}, {"zjj", "市住建局"}};
  c.notices["agenda_reason_dissatisfied_twice"] = "代表两次测评不满意";
  c.notices["agenda_dissatisfied_twice"] = "[议程] {code} {title}｜{lead_units}｜{reason}";
  c.notices["unit_list_separator"] = " / ";
  c.notices["unit_list_none"] = "（无）";
  for (const auto& [name, text] : c.notices) {
    ASSERT_TRUE(CheckNoticeTemplate(name, text).ok()) << name;
  }
  auto role = EscalationRole::Create(c, clock_);
  ASSERT_TRUE(role.ok()) << role.status().ToString();
  role_ = std::move(role).value();

  protocol::Suggestion s = Suggestion(SuggestionState::kEvaluated, nullptr);
  s.units.push_back({"zjj", UnitRole::kLead, "IN_PROGRESS"});
  Result<protocol::Outcome> out =
      Run("agenda", s, LocalTime("2027-01-31", 10), "dissatisfied_twice");
  ExpectPlaced(out, "dissatisfied_twice", "代表两次测评不满意", LocalTime("2027-02-28", 9));
  EXPECT_EQ(out->notices[0].text,
            "[议程] S2026-00007 关于治理城区噪声的建议｜市生态环境局 / 市住建局｜代表两次测评不满意");
  EXPECT_EQ(out->notices[1].text,
            "【主任会议议程】建议 S2026-00007《关于治理城区噪声的建议》代表代表两次测评不满意，"
            "已列入主任会议议程，主办单位：市生态环境局 / 市住建局。")
      << "the staff notice keeps its default wording, with the replaced reason and separator";

  s.units.clear();
  Result<protocol::Outcome> progress = Run("progress", s, LocalTime("2027-03-14", 9), "B0003");
  ASSERT_TRUE(progress.ok()) << progress.status().ToString();
  ASSERT_EQ(progress->agenda.size(), 1u);
  EXPECT_EQ(progress->agenda[0].text,
            "【重点督办】议程事项 B0003（建议 S2026-00007《关于治理城区噪声的建议》，主办单位：（无））"
            "自上次检查以来未报送月度办理进展，请督促。");
}

TEST_F(AgendaKindsTest, RefusesAnUnknownReasonOrATaskWithoutSuggestion) {
  Result<protocol::Outcome> out =
      Run("agenda", Suggestion(SuggestionState::kInHandling, "2027-02-27"),
          LocalTime("2027-03-14", 9), "rated_badly");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(out.status().message(), HasSubstr("agenda reason 'rated_badly'"));

  Result<protocol::Outcome> none =
      Run("agenda", std::nullopt, LocalTime("2027-03-14", 9), "dissatisfied_twice");
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(none.status().message(), HasSubstr("carries no suggestion"));

  Result<protocol::Outcome> no_deadline =
      Run("agenda", Suggestion(SuggestionState::kRehandling, nullptr), LocalTime("2027-03-14", 9),
          "rehandling_overdue");
  ASSERT_FALSE(no_deadline.ok());
  EXPECT_THAT(no_deadline.status().message(), HasSubstr("has no reply deadline"));
}

TEST_F(AgendaKindsTest, TheMonthlyProgressTimerChecksAndRearmsAMonthLater) {
  // A hot item need not be assigned: no deadline is needed.
  Millis now = LocalTime("2027-03-14", 9);
  for (const char* next : {"2027-04-14", "2027-05-14", "2027-06-14"}) {
    SCOPED_TRACE(next);
    Result<protocol::Outcome> out =
        Run("progress", Suggestion(SuggestionState::kSubmitted, nullptr), now, "B0003");
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    EXPECT_EQ(out->action, "progress_checked");
    EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
    EXPECT_TRUE(out->notices.empty()) << "the script decides whether to notify";
    ASSERT_EQ(out->agenda.size(), 1u);
    const protocol::AgendaEffect& e = out->agenda[0];
    EXPECT_EQ(e.op, "progress_check");
    EXPECT_EQ(e.item, "B0003");
    EXPECT_EQ(e.next_check_ms, LocalTime(next, 9));
    EXPECT_THAT(e.text, HasSubstr("议程事项 B0003"));
    EXPECT_THAT(e.text, HasSubstr("未报送月度办理进展"));
    EXPECT_THAT(out->note, HasSubstr(std::string("next check ") + next));
    now = e.next_check_ms;  // the timer fires when it is due
  }
}

TEST_F(AgendaKindsTest, TheProgressTimerNeedsItsItemAndSuggestion) {
  const auto s = Suggestion(SuggestionState::kInHandling, "2027-02-27");
  for (const char* bad : {"", "a:b", "{x}"}) {
    Result<protocol::Outcome> out = Run("progress", s, LocalTime("2027-03-14", 9), bad);
    ASSERT_FALSE(out.ok()) << bad;
    EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(out.status().message(), HasSubstr("agenda item id"));
  }
  Result<protocol::Outcome> none = Run("progress", std::nullopt, LocalTime("2027-03-14", 9), "B1");
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(none.status().message(), HasSubstr("carries no suggestion"));
}

}  // namespace
}  // namespace duban::workers::escalation
