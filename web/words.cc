#include "web/words.h"

#include <algorithm>
#include <array>
#include <map>

namespace duban::web {
namespace {

constexpr Word kWords[] = {
    // ---- the frame of every page ----
    {"app.title", "督办工作台", "Duban workbench"},
    {"nav.logout", "退出", "Sign out"},
    {"nav.lang_other", "English", "中文"},
    {"nav.signed_in_as", "当前用户", "Signed in as"},
    {"nav.back", "返回", "Back"},
    {"common.submit", "提交", "Submit"},
    {"common.none", "无", "none"},
    {"common.deadline", "答复期限", "Reply deadline"},
    {"common.code", "编号", "Code"},
    {"common.title", "标题", "Title"},
    {"common.state", "状态", "State"},
    {"common.my_task", "本单位任务", "Our task"},
    {"common.role_lead", "主办", "lead"},
    {"common.role_co", "协办", "co-handler"},
    {"common.warning", "提醒", "Warning"},
    // ---- signing in ----
    {"login.title", "登录", "Sign in"},
    {"login.name", "用户名", "Name"},
    {"login.password", "密码", "Password"},
    {"login.button", "登录", "Sign in"},
    {"login.failed", "用户名或密码错误。", "Wrong name or password."},
    {"login.throttled", "登录失败次数过多，请稍后再试。", "Too many failed sign-ins: try again later."},
    {"login.signed_out", "已退出。", "Signed out."},
    // ---- errors ----
    {"error.title", "出错了", "Something went wrong"},
    {"error.forbidden", "无权查看或办理此建议", "You may not see or act on this suggestion"},
    {"error.bad_form", "表单内容有误", "The form is not right"},
    {"error.refused_csrf", "请求被拒绝：请从本站页面重新提交。",
     "Request refused: submit again from this site's own page."},
    {"error.detail", "详细信息", "Details"},
    {"error.code", "错误代码", "Error code"},
    {"code.INVALID_ARGUMENT", "填写内容不符合要求", "Something in the request is not valid"},
    {"code.NOT_FOUND", "未找到该建议或任务", "No such suggestion or task"},
    {"code.FAILED_PRECONDITION", "当前状态不能办理此事项", "Not possible in the current state"},
    {"code.PERMISSION_DENIED", "无权办理此事项", "Not permitted"},
    {"code.UNAVAILABLE", "系统暂时不可用，请稍后重试", "Unavailable for now: try again shortly"},
    {"code.DEADLINE_EXCEEDED", "系统响应超时，请稍后重试", "No answer in time: try again shortly"},
    {"code.RESOURCE_EXHAUSTED", "已达到数量上限", "A limit was reached"},
    {"code.ALREADY_EXISTS", "已经存在", "It exists already"},
    {"code.PROTOCOL_ERROR", "系统内部通信错误", "Internal communication error"},
    {"code.INTERNAL", "系统内部错误", "Internal error"},
    // ---- the unit clerk's board (承办单位工作台) ----
    {"unit.board_title", "承办单位工作台", "Handling unit workbench"},
    {"unit.empty", "暂无任务。", "No tasks."},
    {"unit.listed", "共 {n} 件，显示前 {shown} 件。", "{n} in all, the first {shown} shown."},
    {"bucket.to_sign", "待签收", "To sign for"},
    {"bucket.handling", "办理中", "Being handled"},
    {"bucket.due_soon", "待答复（15日内到期）", "Reply due (within 15 days)"},
    {"bucket.overdue", "已逾期", "Overdue"},
    {"bucket.done", "已办结或已答复", "Replied or finished"},
    // ---- one suggestion ----
    {"task.text", "建议内容", "The suggestion"},
    {"task.deputy", "领衔代表", "Lead deputy"},
    {"task.units", "承办单位", "Handling units"},
    {"task.timeline", "办理过程", "Timeline"},
    {"task.notes", "沟通记录与协办意见", "Contacts and co-handlers' opinions"},
    {"task.replies", "答复", "Replies"},
    {"task.round", "第 {n} 轮答复", "Reply round {n}"},
    {"task.class", "答复类别", "Result class"},
    {"task.signer", "签发人", "Signed by"},
    {"task.commitments", "承诺事项", "Commitments"},
    {"task.due", "完成期限", "Due"},
    {"task.evaluation", "代表测评", "Deputy's evaluation"},
    {"task.reasons", "理由", "Reasons"},
    {"task.not_evaluated", "尚未测评", "Not evaluated yet"},
    {"task.note_opinion", "协办意见", "Co-handler's opinion"},
    {"task.note_contact", "见面沟通", "Contact with the deputy"},
    {"task.actions", "办理", "Act"},
    {"task.done.sign", "已签收。", "Signed for."},
    {"task.done.start", "已开始办理。", "Handling started."},
    {"task.done.return", "退回申请已提交，等待代表工委审定。",
     "Return requested: staff will decide."},
    {"task.done.extend", "延期申请已提交，等待代表工委审定。",
     "Extension requested: staff will decide."},
    {"task.done.contact", "见面沟通已记录。", "Contact recorded."},
    {"task.done.opinion", "协办意见已送主办单位。", "Opinion sent to the lead unit."},
    {"task.done.reply", "答复已提交。", "Reply sent."},
    {"task.done.evaluate", "测评已提交。", "Evaluation sent."},
    // ---- the unit's forms ----
    {"act.sign", "签收", "Sign for it"},
    {"act.start", "开始办理", "Start handling"},
    {"act.return", "申请退回", "Ask to return it"},
    {"act.return_reason", "退回理由", "Why it should go to another unit"},
    {"act.extend", "申请延期", "Ask for more time"},
    {"act.extend_until", "新的答复期限", "New reply deadline"},
    {"act.extend_reason", "延期理由", "Why more time is needed"},
    {"act.contact", "记录见面沟通（三见面）", "Record a contact with the deputy"},
    {"act.contact_phase", "阶段", "Phase"},
    {"act.contact_text", "沟通情况", "What was discussed"},
    {"phase.before", "办理前", "before handling"},
    {"phase.during", "办理中", "during handling"},
    {"phase.after", "答复后", "after the reply"},
    {"act.opinion", "提交协办意见", "Send the co-handler's opinion"},
    {"act.opinion_text", "协办意见", "Opinion"},
    {"act.reply", "答复代表", "Reply to the deputy"},
    {"act.reply_class", "答复类别", "Result class"},
    {"act.reply_text", "答复内容", "Reply"},
    {"act.reply_signer", "签发人", "Signed by"},
    {"act.reply_commitments", "承诺事项（B类答复必填）", "Commitments (required for class B)"},
    {"act.commitment_text", "承诺内容", "Commitment"},
    {"act.commitment_due", "完成期限", "Due"},
    {"act.opinions_beside", "协办单位意见", "The co-handlers' opinions"},
    {"act.opinion_missing", "协办单位 {unit} 尚未提交协办意见。",
     "Co-handler {unit} has not sent its opinion."},
    {"act.no_action", "当前没有需要本单位办理的事项。", "Nothing for this unit to do now."},
    // ---- the deputy's pages (代表) ----
    {"deputy.board_title", "我的建议", "My suggestions"},
    {"deputy.empty", "暂无建议。", "No suggestions."},
    {"deputy.list_failed", "暂时无法列出您的建议：", "Your suggestions cannot be listed now:"},
    {"deputy.lookup", "按编号查看", "Open by code"},
    {"deputy.evaluate", "测评答复", "Evaluate the reply"},
    {"deputy.satisfaction", "满意度", "Satisfaction"},
    {"deputy.reasons", "理由（不满意时必填）", "Reasons (required when dissatisfied)"},
    {"deputy.awaiting_reply", "承办单位尚未答复。", "The unit has not replied yet."},
    // ---- staff and directors (this slice: read by code) ----
    {"staff.board_title", "代表工委", "Deputy-affairs staff"},
    {"director.board_title", "主任会议成员", "Director"},
    {"staff.later", "更多页面将在后续版本提供；可按编号查看建议。",
     "More pages come later; open a suggestion by its code."},
    // ---- states (SuggestionState on the wire) ----
    {"state.SUBMITTED", "已提交", "submitted"},
    {"state.IN_REVIEW", "待审查", "in review"},
    {"state.WITHDRAWN", "已撤回", "withdrawn"},
    {"state.MERGED", "已合并", "merged"},
    {"state.RETURNED_FOR_REWORK", "退回修改", "returned for rework"},
    {"state.ACCEPTED", "已立案", "accepted"},
    {"state.ASSIGNED", "已交办", "assigned"},
    {"state.IN_HANDLING", "办理中", "being handled"},
    {"state.REPLIED", "已答复", "replied"},
    {"state.EVALUATED", "已测评", "evaluated"},
    {"state.CLOSED", "已办结", "closed"},
    {"state.REHANDLING", "重新办理", "handled again"},
    {"state.FOLLOW_UP", "跟踪落实", "followed up"},
    // ---- a unit's task (UnitAssignment.state) ----
    {"unit_state.ISSUED", "待签收", "to sign for"},
    {"unit_state.SIGNED", "已签收", "signed for"},
    {"unit_state.IN_PROGRESS", "办理中", "in progress"},
    {"unit_state.RETURN_PENDING", "退回待审定", "return pending"},
    {"unit_state.EXTENSION_PENDING", "延期待审定", "extension pending"},
    {"unit_state.EXTENDED", "已延期", "extended"},
    {"unit_state.OPINION_SENT", "已提交协办意见", "opinion sent"},
    {"unit_state.REPLIED", "已答复", "replied"},
    {"unit_state.REASSIGNED", "已调整交办", "reassigned"},
};

const std::map<std::string_view, const Word*>& Index() {
  static const auto* index = [] {
    auto* m = new std::map<std::string_view, const Word*>;
    for (const Word& w : kWords) m->emplace(w.key, &w);
    return m;
  }();
  return *index;
}

}  // namespace

std::span<const Word> AllWords() { return kWords; }

std::string Say(Lang lang, std::string_view key) {
  auto it = Index().find(key);
  // A missing key is a bug: shown, so that page tests and people notice.
  if (it == Index().end()) return "[?" + std::string(key) + "]";
  return std::string(lang == Lang::kEn ? it->second->en : it->second->zh);
}

std::string SayOr(Lang lang, std::string_view prefix, std::string_view name) {
  std::string key = std::string(prefix) + std::string(name);
  if (Index().count(key) == 0) return std::string(name);
  return Say(lang, key);
}

Lang ParseLang(std::string_view text) { return text == "en" ? Lang::kEn : Lang::kZh; }

std::string_view LangCode(Lang lang) { return lang == Lang::kEn ? "en" : "zh-CN"; }

}  // namespace duban::web
