#include "web/staff_pages.h"

#include <algorithm>

namespace duban::web {
namespace {

struct NavEntry {
  std::string_view path;
  std::string_view key;
};
constexpr NavEntry kStaffNav[] = {
    {"/staff/review", "staff.nav.review"},       {"/staff/decisions", "staff.nav.decisions"},
    {"/staff/deadlines", "staff.nav.deadlines"}, {"/staff/hot", "staff.nav.hot"},
    {"/staff/agenda", "staff.nav.agenda"},       {"/staff/report", "staff.nav.report"},
};

std::string PostForm(const std::string& path, const Viewer& viewer, std::string_view cls = "card") {
  return "<form method=\"post\" class=\"" + std::string(cls) + "\" action=\"" + Escape(path) +
         "\">" + CsrfField(viewer.csrf_token);
}

std::string Hidden(std::string_view name, const std::string& value) {
  return "<input type=\"hidden\" name=\"" + std::string(name) + "\" value=\"" + Escape(value) +
         "\">";
}

std::string Submit(Lang lang, std::string_view key) {
  return "<button type=\"submit\">" + Say(lang, key) + "</button></form>";
}

std::string NoteArea(Lang lang, std::string_view name, std::string_view label_key, bool required) {
  return "<label>" + Say(lang, label_key) + "<textarea name=\"" + std::string(name) +
         "\" maxlength=\"6000\"" + (required ? " required" : "") + "></textarea></label>";
}

// A <select> of the configured units (a text field when the config names none).
std::string UnitSelect(Lang lang, std::string_view name, std::string_view label_key,
                       const Vocabulary& v, bool required) {
  std::string out = "<label>" + Say(lang, label_key);
  if (v.unit_names.empty()) {
    return out + "<input name=\"" + std::string(name) + "\" maxlength=\"64\"" +
           (required ? " required" : "") + "></label>";
  }
  out += "<select name=\"" + std::string(name) + "\"" + (required ? " required" : "") + ">";
  out += "<option value=\"\">" + Say(lang, "staff.choose_unit") + "</option>";
  for (const auto& [id, unit_name] : v.unit_names) {
    out += "<option value=\"" + Escape(id) + "\">" + Escape(v.UnitLabel(id)) + "</option>";
  }
  return out + "</select></label>";
}

std::string CodeLink(const std::string& code) {
  return "<a class=\"code\" href=\"/s/" + Escape(code) + "\">" + Escape(code) + "</a>";
}

std::string AssignForm(Lang lang, const Viewer& viewer, const std::string& code,
                       const Vocabulary& v) {
  std::string out = PostForm("/staff/review/" + code + "/assign", viewer);
  out += "<h3>" + Say(lang, "staff.assign") + "</h3>";
  out += UnitSelect(lang, "lead_unit", "staff.lead_unit", v, true);
  if (!v.unit_names.empty()) {
    out += "<fieldset><legend>" + Say(lang, "staff.co_units") + "</legend>";
    for (const auto& [id, unit_name] : v.unit_names) {
      out += "<label class=\"radio\"><input type=\"checkbox\" name=\"co." + Escape(id) +
             "\" value=\"1\">" + Escape(v.UnitLabel(id)) + "</label>";
    }
    out += "</fieldset>";
  }
  out += NoteArea(lang, "note", "staff.note", false);
  return out + Submit(lang, "staff.assign");
}

std::string ReviewForms(Lang lang, const Viewer& viewer, const protocol::Suggestion& s,
                        const Vocabulary& v) {
  const std::string base = "/staff/review/" + s.code + "/";
  std::string out;
  if (s.state == protocol::SuggestionState::kInReview) {
    out += PostForm(base + "accept", viewer) + "<h3>" + Say(lang, "staff.accept") + "</h3>" +
           NoteArea(lang, "reason", "staff.review_reason_optional", false) +
           Submit(lang, "staff.accept");
    out += PostForm(base + "merge", viewer) + "<h3>" + Say(lang, "staff.merge") + "</h3>" +
           "<label>" + Say(lang, "staff.merge_into") +
           "<input name=\"into\" required maxlength=\"32\" pattern=\"[A-Za-z0-9-]{1,32}\"></label>" +
           NoteArea(lang, "reason", "staff.review_reason", true) + Submit(lang, "staff.merge");
    out += PostForm(base + "return", viewer) + "<h3>" + Say(lang, "staff.return") + "</h3>" +
           NoteArea(lang, "reason", "staff.review_reason", true) + Submit(lang, "staff.return");
    out += PostForm(base + "withdraw", viewer) + "<h3>" + Say(lang, "staff.withdraw") + "</h3>" +
           NoteArea(lang, "reason", "staff.review_reason", true) + Submit(lang, "staff.withdraw");
  }
  out += AssignForm(lang, viewer, s.code, v);
  return out;
}

std::string DaysText(Lang lang, std::int64_t days_left) {
  if (days_left < 0) {
    return Fill(Say(lang, "staff.days_overdue"), {{"n", std::to_string(-days_left)}});
  }
  return Fill(Say(lang, "staff.days_left"), {{"n", std::to_string(days_left)}});
}

std::string DeadlineTable(Lang lang, const std::vector<DeadlineItem>& items, bool overdue) {
  std::string out = "<table><tr><th>" + Say(lang, "common.code") + "</th><th>" +
                    Say(lang, "common.title") + "</th><th>" + Say(lang, "common.my_task") +
                    "</th><th>" + Say(lang, "common.deadline") + "</th></tr>";
  for (const DeadlineItem& i : items) {
    out += "<tr><td>" + CodeLink(i.code) + "</td><td>" + Escape(i.title) + "</td><td>" +
           Say(lang, i.lead ? "common.role_lead" : "common.role_co") + " · " +
           Escape(SayOr(lang, "unit_state.", i.unit_state)) + "</td><td" +
           (overdue ? " class=\"overdue\"" : "") + ">" + Escape(i.deadline) + " (" +
           DaysText(lang, i.days_left) + ")</td></tr>";
  }
  return out + "</table>";
}

}  // namespace

std::string StaffNav(Lang lang, std::string_view current) {
  std::string out = "<nav class=\"sections\">";
  for (const NavEntry& e : kStaffNav) {
    out += "<a href=\"" + std::string(e.path) + "\"" +
           (e.path == current ? " aria-current=\"page\"" : "") + ">" + Say(lang, e.key) + "</a>";
  }
  return out + "</nav>";
}

std::string ScanNote(Lang lang, const ScanInfo& scan) {
  std::string out;
  if (scan.total > scan.read) {
    out += "<p class=\"meta\">" +
           Fill(Say(lang, "unit.listed"), {{"n", std::to_string(scan.total)},
                                           {"shown", std::to_string(scan.read)}}) +
           "</p>";
  }
  if (scan.unreadable > 0) {
    out += NoticeBox("warn", Fill(Say(lang, "staff.unreadable"),
                                  {{"n", std::to_string(scan.unreadable)}}));
  }
  return out;
}

std::string RenderStaffHome(Lang lang, const Viewer& viewer) {
  std::string body = "<h1>" + Say(lang, "staff.board_title") + "</h1>" + StaffNav(lang, "/staff");
  body += "<ul class=\"sections-list\">";
  for (const NavEntry& e : kStaffNav) {
    body += "<li><a href=\"" + std::string(e.path) + "\">" + Say(lang, e.key) + "</a> — " +
            Say(lang, std::string(e.key) + "_about") + "</li>";
  }
  body += "</ul>";
  body += "<form method=\"get\" action=\"/open\" class=\"card\"><label>" +
          Say(lang, "deputy.lookup") +
          "<input name=\"code\" required maxlength=\"32\" pattern=\"[A-Za-z0-9-]{1,32}\"></label>"
          "<button type=\"submit\">" + Say(lang, "common.submit") + "</button></form>";
  return RenderPage({lang, Say(lang, "staff.board_title"), "/staff", &viewer}, body);
}

std::string RenderReviewQueue(Lang lang, const Viewer& viewer,
                              const std::vector<ReviewEntry>& entries, const ScanInfo& scan,
                              const Vocabulary& v, const Flash& flash) {
  std::string body = StaffNav(lang, "/staff/review") + FlashBoxes(lang, flash) + "<h1>" +
                     Say(lang, "staff.nav.review") + "</h1>" + ScanNote(lang, scan);
  if (entries.empty()) body += "<p>" + Say(lang, "staff.review_empty") + "</p>";
  for (const ReviewEntry& e : entries) {
    const protocol::Suggestion& s = e.got.suggestion;
    body += "<section class=\"card review\" id=\"r-" + Escape(s.code) + "\"><h2>" +
            CodeLink(s.code) + " " + Escape(s.draft.title) + "</h2>";
    body += "<p class=\"facts\">" + Say(lang, "common.state") + ": <strong>" +
            Escape(SayOr(lang, "state.", protocol::StateName(s.state))) + "</strong> · " +
            Say(lang, "task.deputy") + ": " + Escape(s.draft.deputy.name) + " · " +
            Say(lang, "staff.submitted") + ": " +
            Escape(LocalTime(s.submitted_ms, v.utc_offset_minutes));
    if (!s.draft.category.empty()) {
      body += " · " + Say(lang, "staff.category") + ": " + Escape(s.draft.category);
    }
    body += "</p>";
    if (e.note.no_rule_matched) {
      std::string note = "<strong>" + Say(lang, "staff.no_rule") + "</strong>";
      if (!e.note.note.empty()) note += " " + Escape(e.note.note);
      body += NoticeBox("warn", note);
    }
    if (!s.record.review_reason.empty()) {
      body += "<p>" + Say(lang, "staff.review_reason") + ": " + Escape(s.record.review_reason) +
              "</p>";
    }
    body += "<div class=\"text\">" + Escape(s.draft.content) + "</div>";
    body += ReviewForms(lang, viewer, s, v) + "</section>";
  }
  return RenderPage({lang, Say(lang, "staff.nav.review"), "/staff/review", &viewer}, body);
}

std::string RenderDecisions(Lang lang, const Viewer& viewer,
                            const std::vector<PendingDecision>& decisions, const ScanInfo& scan,
                            Date today, const Vocabulary& v, const Flash& flash) {
  std::string body = StaffNav(lang, "/staff/decisions") + FlashBoxes(lang, flash) + "<h1>" +
                     Say(lang, "staff.nav.decisions") + "</h1>" + ScanNote(lang, scan);
  if (decisions.empty()) body += "<p>" + Say(lang, "staff.decisions_empty") + "</p>";
  const std::string today_text = FormatDate(today);
  for (const PendingDecision& d : decisions) {
    body += "<section class=\"card decision\"><h2>" + CodeLink(d.code) + " " + Escape(d.title) +
            "</h2><table>";
    auto row = [&](std::string_view key, const std::string& html) {
      body += "<tr><th>" + Say(lang, key) + "</th><td>" + html + "</td></tr>";
    };
    row("staff.unit", Escape(v.UnitLabel(d.unit)) + " · " +
                          Say(lang, d.lead ? "common.role_lead" : "common.role_co"));
    row("staff.request", "<strong>" + Say(lang, "staff.request." + d.request) + "</strong>");
    if (!d.until.empty()) row("staff.until", Escape(d.until));
    row("staff.asked_reason", d.reason.empty() ? Say(lang, "common.none")
                                               : "<span class=\"text\">" + Escape(d.reason) +
                                                     "</span>");
    row("staff.since", d.since_ms > 0 ? Escape(LocalTime(d.since_ms, v.utc_offset_minutes))
                                      : Say(lang, "common.none"));
    if (!d.decide_by.empty()) {
      const bool late = today_text > d.decide_by;
      row("staff.decide_by", std::string(late ? "<span class=\"overdue\">" : "<span>") +
                                 Escape(d.decide_by) + "</span>");
    }
    row("common.deadline", Escape(d.deadline));
    body += "</table>";
    const std::string path = "/staff/decide/" + d.code;
    const std::string fixed = Hidden("unit", d.unit) + Hidden("request", d.request);
    body += "<div class=\"grid\">";
    body += PostForm(path, viewer) + fixed + Hidden("decision", "approve") + "<h3>" +
            Say(lang, "staff.approve") + "</h3>";
    if (d.request == "return") {
      body += UnitSelect(lang, "new_unit", d.lead ? "staff.new_unit_lead" : "staff.new_unit", v,
                         d.lead);
    }
    body += NoteArea(lang, "note", "staff.note", false) + Submit(lang, "staff.approve");
    body += PostForm(path, viewer) + fixed + Hidden("decision", "reject") + "<h3>" +
            Say(lang, "staff.reject") + "</h3>" + NoteArea(lang, "note", "staff.note", false) +
            Submit(lang, "staff.reject");
    body += "</div></section>";
  }
  return RenderPage({lang, Say(lang, "staff.nav.decisions"), "/staff/decisions", &viewer}, body);
}

std::string RenderDeadlines(Lang lang, const Viewer& viewer,
                            const std::map<std::string, UnitDeadlines>& by_unit,
                            const ScanInfo& scan, Date today, const Vocabulary& v) {
  std::string body = StaffNav(lang, "/staff/deadlines") + "<h1>" +
                     Say(lang, "staff.nav.deadlines") + "</h1>";
  body += "<p class=\"meta\">" + Fill(Say(lang, "staff.deadlines_about"),
                                      {{"today", FormatDate(today)}}) + "</p>" +
          ScanNote(lang, scan);
  if (by_unit.empty()) body += "<p>" + Say(lang, "staff.deadlines_empty") + "</p>";
  for (const auto& [unit, lists] : by_unit) {
    body += "<section class=\"card unit-deadlines\" id=\"u-" + Escape(unit) + "\"><h2>" +
            Escape(v.UnitLabel(unit)) + "</h2>";
    if (!lists.overdue.empty()) {
      body += "<h3 class=\"overdue\">" + Say(lang, "bucket.overdue") + " (" +
              std::to_string(lists.overdue.size()) + ")</h3>" +
              DeadlineTable(lang, lists.overdue, true);
    }
    if (!lists.due_soon.empty()) {
      body += "<h3>" + Say(lang, "bucket.due_soon") + " (" +
              std::to_string(lists.due_soon.size()) + ")</h3>" +
              DeadlineTable(lang, lists.due_soon, false);
    }
    body += "</section>";
  }
  return RenderPage({lang, Say(lang, "staff.nav.deadlines"), "/staff/deadlines", &viewer}, body);
}

}  // namespace duban::web
