// StaffPages: the deputy-affairs staff's pages (代表工委) about suggestions that need them — the
// home with the staff's sections, the review queue (IN_REVIEW and ACCEPTED suggestions, each with
// its full text, why it waits — no routing rule matched — and the forms of the review outcomes
// and of the assignment by hand), the pending decisions (a unit's return or extension with what
// was asked and since when, approve or reject) and the overdue and soon-due tasks by unit. The
// agenda, hot items, bundles and reports are in web/staff_agenda_pages.h and web/report_pages.h.
// Every form posts to /staff/... with the session's CSRF token; the broker decides.
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/calendar.h"
#include "common/protocol/messages.h"
#include "web/page_frame.h"
#include "web/staff_lists.h"
#include "web/suggestion_view.h"
#include "web/unit_pages.h"

namespace duban::web {

// How many suggestions a staff page reads (duban.get each) per state listed; the page says so
// when there are more.
inline constexpr std::int64_t kStaffListLimit = 100;

// The links of the staff's sections; `current` is the path of the page shown ("/staff/review").
std::string StaffNav(Lang lang, std::string_view current);

// What a page read to build its lists: how many suggestions were read and how many matched in
// all (more than read: the page shows the first ones), and how many could not be read.
struct ScanInfo {
  std::int64_t read = 0;
  std::int64_t total = 0;
  std::int64_t unreadable = 0;
};
std::string ScanNote(Lang lang, const ScanInfo& scan);

std::string RenderStaffHome(Lang lang, const Viewer& viewer);

struct ReviewEntry {
  protocol::GetReply got;
  ReviewNote note;
};
std::string RenderReviewQueue(Lang lang, const Viewer& viewer,
                              const std::vector<ReviewEntry>& entries, const ScanInfo& scan,
                              const Vocabulary& v, const Flash& flash);

std::string RenderDecisions(Lang lang, const Viewer& viewer,
                            const std::vector<PendingDecision>& decisions, const ScanInfo& scan,
                            Date today, const Vocabulary& v, const Flash& flash);

std::string RenderDeadlines(Lang lang, const Viewer& viewer,
                            const std::map<std::string, UnitDeadlines>& by_unit,
                            const ScanInfo& scan, Date today, const Vocabulary& v);

}  // namespace duban::web
