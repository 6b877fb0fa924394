#include "web/report_pages.h"

#include <cctype>
#include <cstdio>

#include "web/staff_pages.h"

namespace duban::web {

const std::array<std::string_view, 5> kRateKeys = {
    "report.rate.reply", "report.rate.on_time", "report.rate.meeting", "report.rate.satisfaction",
    "report.rate.solved"};

std::array<Rate, 5> FiveRates(const protocol::ReportRow& row) {
  return {Rate{row.replied, row.assigned}, Rate{row.on_time, row.replied},
          Rate{row.met, row.assigned}, Rate{row.accepted, row.evaluated},
          Rate{row.solved, row.replied}};
}

std::string PercentText(const Rate& r) {
  if (r.den <= 0) return "—";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", 100.0 * r.value());
  return text;
}

Result<protocol::ReportRequest> ReportScope(Lang lang, std::string_view session,
                                            std::string_view from, std::string_view to,
                                            Date today) {
  protocol::ReportRequest r;
  if (!from.empty() || !to.empty()) {
    if (!session.empty()) {
      return InvalidArgument(Say(lang, "report.session") + ": " + Say(lang, "report.one_scope"));
    }
    auto f = ParseDate(from);
    auto t = ParseDate(to);
    if (from.size() != 10 || !f.ok()) {
      return InvalidArgument(Say(lang, "report.from") + ": " + Say(lang, "report.bad_date"));
    }
    if (to.size() != 10 || !t.ok()) {
      return InvalidArgument(Say(lang, "report.to") + ": " + Say(lang, "report.bad_date"));
    }
    if (std::chrono::sys_days(*t) < std::chrono::sys_days(*f)) {
      return InvalidArgument(Say(lang, "report.to") + ": " + Say(lang, "report.to_before_from"));
    }
    r.from = std::string(from);
    r.to = std::string(to);
    return r;
  }
  if (session.empty()) {
    r.session = std::to_string(static_cast<int>(today.year()));
    return r;
  }
  bool digits = session.size() == 4;
  for (char c : session) digits = digits && std::isdigit(static_cast<unsigned char>(c));
  if (!digits) {
    return InvalidArgument(Say(lang, "report.session") + ": " + Say(lang, "report.bad_session"));
  }
  r.session = std::string(session);
  return r;
}

std::string ScopeQuery(const protocol::ReportRequest& scope) {
  if (!scope.session.empty()) return "session=" + scope.session;
  return "from=" + scope.from + "&to=" + scope.to;
}

namespace {

std::string Cell(const Rate& r) {
  return "<td class=\"rate\">" + PercentText(r) + "<br><span class=\"meta\">" +
         std::to_string(r.num) + "/" + std::to_string(r.den) + "</span></td>";
}

std::string RowHtml(Lang lang, const protocol::ReportRow& row, const Vocabulary& v, bool overall) {
  std::string out = "<tr" + std::string(overall ? " class=\"overall\"" : "") + "><th>" +
                    (overall ? Say(lang, "report.overall") : Escape(v.UnitLabel(row.unit))) +
                    "</th><td class=\"rate\">" + std::to_string(row.assigned) + "</td>";
  for (const Rate& r : FiveRates(row)) out += Cell(r);
  return out + "</tr>";
}

}  // namespace

std::string RenderReport(Lang lang, const Viewer& viewer, const protocol::ReportRequest& scope,
                         const Result<protocol::ReportReply>& report, const Vocabulary& v) {
  std::string body = StaffNav(lang, "/staff/report") + "<h1>" + Say(lang, "staff.nav.report") +
                     "</h1>";
  body += "<form method=\"get\" action=\"/staff/report\" class=\"card noprint\"><label>" +
          Say(lang, "report.session") + "<input name=\"session\" maxlength=\"4\" "
          "pattern=\"[0-9]{4}\" value=\"" + Escape(scope.session) + "\"></label>";
  body += "<p class=\"meta\">" + Say(lang, "report.or_dates") + "</p><label>" +
          Say(lang, "report.from") + "<input type=\"date\" name=\"from\" value=\"" +
          Escape(scope.from) + "\"></label><label>" + Say(lang, "report.to") +
          "<input type=\"date\" name=\"to\" value=\"" + Escape(scope.to) + "\"></label>";
  body += "<button type=\"submit\">" + Say(lang, "report.show") + "</button></form>";
  if (!report.ok()) {
    body += StatusBox(lang, report.status());
    return RenderPage({lang, Say(lang, "staff.nav.report"), "/staff/report", &viewer}, body);
  }
  const std::string scope_text =
      scope.session.empty() ? scope.from + " — " + scope.to : scope.session;
  body += "<p>" + Say(lang, "report.scope") + ": <strong>" + Escape(scope_text) + "</strong> · " +
          Say(lang, "report.generated") + ": " +
          Escape(LocalTime(report->generated_ms, v.utc_offset_minutes)) + "</p>";
  body += "<p><a class=\"export\" href=\"/staff/report.xlsx?" + Escape(ScopeQuery(scope)) +
          "\" download>" + Say(lang, "report.export") + "</a></p>";
  body += "<div class=\"wide\"><table class=\"report\"><tr><th>" + Say(lang, "report.unit") +
          "</th><th>" + Say(lang, "report.assigned") + "</th>";
  for (std::string_view key : kRateKeys) body += "<th>" + Say(lang, key) + "</th>";
  body += "</tr>";
  for (const auto& row : report->units) body += RowHtml(lang, row, v, false);
  body += RowHtml(lang, report->overall, v, true) + "</table></div>";
  if (!report->overall.by_class.empty()) {
    body += "<h2>" + Say(lang, "report.by_class") + "</h2><ul>";
    for (const auto& c : report->overall.by_class) {
      body += "<li>" + Escape(c.code + " " + c.name) + ": " + std::to_string(c.count) + "</li>";
    }
    body += "</ul>";
  }
  return RenderPage({lang, Say(lang, "staff.nav.report"), "/staff/report", &viewer}, body);
}

}  // namespace duban::web
