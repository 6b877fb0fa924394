#include "common/protocol/labels.h"

#include <utility>

namespace duban::protocol {
namespace {

using Pair = std::pair<std::string_view, std::string_view>;

template <std::size_t N>
std::string_view Find(const Pair (&table)[N], std::string_view code) {
  for (const auto& [name, label] : table) {
    if (name == code) return label;
  }
  return {};
}

constexpr Pair kUnitTaskStates[] = {
    {"ISSUED", "待签收"},
    {"SIGNED", "已签收"},
    {"IN_PROGRESS", "办理中"},
    {"RETURN_PENDING", "退回待审"},
    {"EXTENSION_PENDING", "延期待审"},
    {"EXTENDED", "已延期"},
    {"OPINION_SENT", "已送协办意见"},
    {"REASSIGNED", "已调整交办"},
    {"REPLIED", "已答复"},
};

// Every action of docs/protocol.md "Audit actions", grouped as there.
constexpr Pair kActions[] = {
    // the deputy, and the review of a filed suggestion
    {"submitted", "提交建议"},
    {"resubmitted", "修改后重新提交"},
    {"evaluated", "代表测评"},
    {"accepted", "审核立案"},
    {"merged", "并案处理"},
    {"merge_received", "他件并入本件"},
    {"returned_for_rework", "退回代表修改"},
    {"withdrawn", "代表撤回"},
    // staff
    {"assigned", "交办"},
    {"timer_replanned", "因节假日调整提醒时间"},
    {"return_rejected", "不同意退回"},
    {"return_approved", "同意退回（调整交办）"},
    {"extension_rejected", "不同意延期"},
    {"extension_approved", "同意延期"},
    {"closed_out", "销号办结"},
    {"commitment_met", "承诺事项销号"},
    {"looked_back", "回头看"},
    {"hot_marked", "列为热点难点"},
    {"hot_unmarked", "取消热点难点"},
    {"placed_on_agenda", "列入主任会议议题"},
    {"agenda_director_set", "确定领衔督办主任"},
    {"agenda_resolved", "议题办结"},
    {"bundle_added", "纳入打捆督办"},
    {"bundle_removed", "移出打捆督办"},
    {"agenda_merged", "议题并入打捆督办"},
    {"committee_changed", "变更分工督办专委会"},
    {"supervision_note", "督办意见"},
    {"supervision_visit", "走访视察"},
    {"committee_proposed", "专委会提请主任会议督办"},
    {"session_scheduled", "列入代表·局长面对面"},
    {"session_outcome", "面对面结果"},
    // units
    {"signed", "签收"},
    {"handling_started", "开始办理"},
    {"return_requested", "申请退回"},
    {"extension_requested", "申请延期"},
    {"contact_before", "办前沟通（三见面）"},
    {"contact_during", "办中沟通（三见面）"},
    {"contact_after", "答复后沟通（三见面）"},
    {"opinion_sent", "送协办意见"},
    {"progress_reported", "报送办理进展"},
    {"replied", "答复代表"},
    // the assignment role
    {"awaiting_staff", "待人工交办"},
    {"assignment_skipped", "未自动交办"},
    // the reminder role
    {"reminders_scheduled", "设定到期提醒"},
    {"schedule_skipped", "未设提醒"},
    {"reminded", "到期提醒"},
    {"reminder_deferred", "提醒顺延"},
    {"reminder_skipped", "提醒取消"},
    {"sign_reminded", "签收提醒"},
    {"sign_overdue_escalated", "逾期未签收上报"},
    {"opinion_reminded", "协办意见提醒"},
    {"opinion_overdue_escalated", "协办意见逾期上报"},
    {"decision_overdue", "待决事项逾期"},
    // the escalation role
    {"escalated_overdue", "逾期上报"},
    {"escalation_skipped", "未上报"},
    {"progress_checked", "进展检查"},
    {"progress_missing", "未报送进展"},
    // the survey role
    {"evaluation_requested", "请代表测评"},
    {"evaluation_reminded", "测评提醒"},
    {"evaluation_overdue", "测评逾期"},
    {"evaluation_chased", "催请测评"},
    {"survey_deferred", "测评顺延"},
    {"survey_skipped", "未发测评"},
    {"closed", "办结"},
    {"follow_up", "转入跟踪落实"},
    {"rehandling", "重新办理"},
    // the followup role
    {"followup_planned", "设定跟踪计划"},
    {"commitment_reminded", "承诺事项提醒"},
    {"commitment_overdue", "承诺事项逾期"},
    {"lookback_due", "回头看到期"},
    {"followup_deferred", "跟踪顺延"},
    {"followup_skipped", "未设跟踪"},
    // delivery of notices, and any role
    {"notice_delivered", "通知已送达"},
    {"notice_failed", "通知发送失败"},
    {"notice_read", "通知已读"},
    {"outcome_superseded", "已被后续操作取代"},
};

}  // namespace

std::string_view StateLabel(SuggestionState s) {
  switch (s) {
    case SuggestionState::kSubmitted: return "已提交";
    case SuggestionState::kInReview: return "审核中";
    case SuggestionState::kWithdrawn: return "已撤回";
    case SuggestionState::kMerged: return "已并案";
    case SuggestionState::kReturnedForRework: return "退回修改";
    case SuggestionState::kAccepted: return "已立案";
    case SuggestionState::kAssigned: return "已交办";
    case SuggestionState::kInHandling: return "办理中";
    case SuggestionState::kReplied: return "已答复";
    case SuggestionState::kEvaluated: return "已测评";
    case SuggestionState::kClosed: return "已办结";
    case SuggestionState::kRehandling: return "重新办理";
    case SuggestionState::kFollowUp: return "跟踪落实";
  }
  return {};
}

std::string_view StateLabel(std::string_view state_name) {
  for (int i = 0; i <= static_cast<int>(SuggestionState::kFollowUp); ++i) {
    const auto s = static_cast<SuggestionState>(i);
    if (StateName(s) == state_name) return StateLabel(s);
  }
  return {};
}

std::string_view UnitTaskStateLabel(std::string_view state) { return Find(kUnitTaskStates, state); }

std::string_view ActionLabel(std::string_view action) { return Find(kActions, action); }

std::string WithCode(std::string_view label, std::string_view code) {
  if (label.empty()) return std::string(code);
  return std::string(label) + " (" + std::string(code) + ")";
}

}  // namespace duban::protocol
