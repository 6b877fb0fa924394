// ReportPages: the staff's report page (报表): handling-performance figures of duban.report for a
// session or a range of assignment dates, per lead unit and overall, with the five rates of
// docs/reports.md — 答复率 reply (replied / assigned), 按时答复率 on time (on_time / replied),
// 见面率 meeting (met / assigned), 满意率 satisfaction (accepted / evaluated), 解决率 solved
// (solved / replied) — and the link to export them (web/report_export.h). The scope comes from
// the query string, checked here: a session is four digits, dates are YYYY-MM-DD, `to` not
// before `from`; without one, the session of this year.
//
// Thread rules: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/calendar.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "web/page_frame.h"
#include "web/suggestion_view.h"

namespace duban::web {

struct Rate {
  std::int64_t num = 0;
  std::int64_t den = 0;
  // num / den, or a negative number when den is 0 (no rate).
  double value() const { return den > 0 ? static_cast<double>(num) / static_cast<double>(den) : -1; }
};

// The five rates of `row`, in the order of kRateKeys.
std::array<Rate, 5> FiveRates(const protocol::ReportRow& row);
// Their word keys: "report.rate.reply", "report.rate.on_time", "report.rate.meeting",
// "report.rate.satisfaction", "report.rate.solved".
extern const std::array<std::string_view, 5> kRateKeys;

// "75.0%", or "—" without a denominator.
std::string PercentText(const Rate& r);

// The scope asked in the query (each argument as given, "" when absent). InvalidArgument naming
// the field when it is malformed; the session of `today`'s year when none is given.
Result<protocol::ReportRequest> ReportScope(Lang lang, std::string_view session,
                                            std::string_view from, std::string_view to,
                                            Date today);

// The query string of a scope ("session=2026" or "from=...&to=..."), for links.
std::string ScopeQuery(const protocol::ReportRequest& scope);

// The page: the scope form, then the figures (or the broker's refusal with its code).
std::string RenderReport(Lang lang, const Viewer& viewer, const protocol::ReportRequest& scope,
                         const Result<protocol::ReportReply>& report, const Vocabulary& v);

}  // namespace duban::web
