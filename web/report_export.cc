#include "web/report_export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "web/report_pages.h"

namespace duban::web {
namespace {

// Removes the temporary file on every path out.
struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};

std::string TempDir() {
  const char* dir = std::getenv("TMPDIR");
  return dir != nullptr && *dir != '\0' ? dir : "/tmp";
}

}  // namespace

std::string ReportFileName(const protocol::ReportReply& report) {
  if (!report.session.empty()) return "duban-report-" + report.session + ".xlsx";
  return "duban-report-" + report.from + "_" + report.to + ".xlsx";
}

Result<std::string> ReportWorkbook(Lang lang, const protocol::ReportReply& report,
                                   const Vocabulary& v) {
  TempFile file;
  {
    std::string pattern = TempDir() + "/duban-report-XXXXXX";
    int fd = ::mkstemp(pattern.data());
    if (fd < 0) return Internal("cannot make a temporary file for the workbook");
    ::close(fd);
    file.path = pattern;
  }
  lxw_workbook_options options = {};
  const std::string tmpdir = TempDir();
  options.tmpdir = const_cast<char*>(tmpdir.c_str());  // libxlsxwriter only reads it
  lxw_workbook* wb = workbook_new_opt(file.path.c_str(), &options);
  if (wb == nullptr) return Internal("libxlsxwriter: cannot start a workbook");

  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_text_wrap(head);
  format_set_bg_color(head, 0xEDEFF2);
  format_set_border(head, LXW_BORDER_THIN);
  lxw_format* percent = workbook_add_format(wb);
  format_set_num_format(percent, "0.0%");
  lxw_format* total_pct = workbook_add_format(wb);
  format_set_num_format(total_pct, "0.0%");
  format_set_bold(total_pct);

  const std::string sheet_name = Say(lang, "report.sheet");
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
  const std::string title = Say(lang, "report.title");
  worksheet_write_string(ws, 0, 0, title.c_str(), bold);
  const std::string scope = Say(lang, "report.scope") + ": " +
                            (report.session.empty() ? report.from + " — " + report.to
                                                    : report.session) +
                            "  " + Say(lang, "report.generated") + ": " +
                            LocalTime(report.generated_ms, v.utc_offset_minutes);
  worksheet_write_string(ws, 1, 0, scope.c_str(), nullptr);

  // Header: unit, assigned, then per rate its numerator and the rate.
  const char* count_keys[5] = {"report.replied", "report.on_time", "report.met",
                               "report.accepted", "report.solved"};
  lxw_row_t r = 3;
  lxw_col_t c = 0;
  auto header = [&](const std::string& text) {
    worksheet_write_string(ws, r, c++, text.c_str(), head);
  };
  header(Say(lang, "report.unit"));
  header(Say(lang, "report.assigned"));
  for (int i = 0; i < 5; ++i) {
    header(Say(lang, count_keys[i]));
    header(Say(lang, kRateKeys[static_cast<std::size_t>(i)]));
  }
  header(Say(lang, "report.evaluated"));
  worksheet_set_column(ws, 0, 0, 28, nullptr);
  worksheet_set_column(ws, 1, static_cast<lxw_col_t>(c), 11, nullptr);
  worksheet_set_row(ws, 3, 32, nullptr);

  auto write_row = [&](const protocol::ReportRow& row, const std::string& name, bool total) {
    ++r;
    c = 0;
    worksheet_write_string(ws, r, c++, name.c_str(), total ? bold : nullptr);
    worksheet_write_number(ws, r, c++, static_cast<double>(row.assigned), total ? bold : nullptr);
    const auto rates = FiveRates(row);
    for (const Rate& rate : rates) {
      worksheet_write_number(ws, r, c++, static_cast<double>(rate.num), total ? bold : nullptr);
      if (rate.den > 0) {
        worksheet_write_number(ws, r, c, rate.value(), total ? total_pct : percent);
      } else {
        worksheet_write_string(ws, r, c, "—", nullptr);
      }
      ++c;
    }
    worksheet_write_number(ws, r, c++, static_cast<double>(row.evaluated), total ? bold : nullptr);
  };
  for (const auto& row : report.units) write_row(row, v.UnitLabel(row.unit), false);
  write_row(report.overall, Say(lang, "report.overall"), true);

  const std::string class_sheet = Say(lang, "report.by_class");
  lxw_worksheet* ws2 = workbook_add_worksheet(wb, class_sheet.c_str());
  worksheet_set_column(ws2, 0, 0, 36, nullptr);
  const std::string class_head = Say(lang, "task.class");
  const std::string count_head = Say(lang, "report.count");
  worksheet_write_string(ws2, 0, 0, class_head.c_str(), head);
  worksheet_write_string(ws2, 0, 1, count_head.c_str(), head);
  lxw_row_t r2 = 0;
  for (const auto& k : report.overall.by_class) {
    ++r2;
    const std::string name = k.code + " " + k.name;
    worksheet_write_string(ws2, r2, 0, name.c_str(), nullptr);
    worksheet_write_number(ws2, r2, 1, static_cast<double>(k.count), nullptr);
  }
  for (const auto& k : report.overall.by_satisfaction) {
    ++r2;
    worksheet_write_string(ws2, r2, 0, k.name.empty() ? k.code.c_str() : k.name.c_str(), nullptr);
    worksheet_write_number(ws2, r2, 1, static_cast<double>(k.count), nullptr);
  }

  lxw_error closed = workbook_close(wb);
  if (closed != LXW_NO_ERROR) {
    return Internal(std::string("libxlsxwriter: ") + lxw_strerror(closed));
  }
  std::ifstream in(file.path, std::ios::binary);
  if (!in) return Internal("cannot read the workbook back");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace duban::web
