// ReportExport: the staff's report as an Excel workbook (.xlsx, written with Debian's
// libxlsxwriter): one sheet with the scope, then a row per lead unit and the overall row — the
// counts and the five rates (web/report_pages.h) as numbers formatted as percentages, headers in
// the person's language (Chinese by default) — and a second sheet with the replies by result
// class. libxlsxwriter 1.1.4 writes only to a file: the workbook is written to a private
// temporary file (mkstemp, mode 0600), read back and removed.
//
// Thread rules: pure functions (each call has its own workbook and file).
#pragma once

#include <string>

#include "common/protocol/messages.h"
#include "common/result.h"
#include "web/suggestion_view.h"
#include "web/words.h"

namespace duban::web {

inline constexpr char kXlsxContentType[] =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The bytes of the workbook (a zip file, "PK\3\4..."). Internal when libxlsxwriter or the
// temporary file fails.
Result<std::string> ReportWorkbook(Lang lang, const protocol::ReportReply& report,
                                   const Vocabulary& v);

// "duban-report-2026.xlsx" or "duban-report-2026-01-01_2026-06-30.xlsx".
std::string ReportFileName(const protocol::ReportReply& report);

}  // namespace duban::web
