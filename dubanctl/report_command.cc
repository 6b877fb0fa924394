#include "dubanctl/report_command.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <vector>

#include "dubanctl/table.h"

namespace duban::ctl {

using namespace protocol;

namespace {

// Tenths of a percent, rounded half up; the caller checks denominator > 0.
std::int64_t Tenths(std::int64_t numerator, std::int64_t denominator) {
  return (2 * numerator * 1000 + denominator) / (2 * denominator);
}

// The five rates of a row, in the order every format prints them.
struct Rate {
  const char* key;     // JSON and CSV name
  const char* header;  // table header
  std::int64_t numerator;
  std::int64_t denominator;
};
std::vector<Rate> RatesOf(const ReportRow& r) {
  return {{"reply", "办复率 REPLY", r.replied, r.assigned},
          {"on_time", "按时率 ON TIME", r.on_time, r.replied},
          {"meeting", "见面率 MEETING", r.met, r.assigned},
          {"satisfaction", "满意率 SATISFACTION", r.accepted, r.evaluated},
          {"solved", "办成率 SOLVED", r.solved, r.replied}};
}

std::string ScopeText(const ReportReply& r) {
  return r.session.empty() ? "assigned " + r.from + " to " + r.to : "session " + r.session;
}

std::string UnitName(const Context& ctx, const std::string& unit) {
  if (unit.empty()) return "合计";
  auto it = ctx.unit_names.find(unit);
  return it == ctx.unit_names.end() ? "" : it->second;
}

// The rows as printed: units by id, then the overall row.
std::vector<const ReportRow*> Rows(const ReportReply& r) {
  std::vector<const ReportRow*> rows;
  for (const auto& u : r.units) rows.push_back(&u);
  rows.push_back(&r.overall);
  return rows;
}

void PrintTable(const Context& ctx, const ReportReply& r) {
  std::cout << "办理情况统计 (report) for " << ScopeText(r) << ": " << r.overall.assigned
            << " suggestion" << (r.overall.assigned == 1 ? "" : "s") << " assigned, as of "
            << FormatLocalTime(r.generated_ms, ctx.utc_offset_minutes) << "\n\n";
  std::vector<std::string> headers{"UNIT (主办)", "ASSIGNED"};
  for (const auto& rate : RatesOf(r.overall)) headers.push_back(rate.header);
  Table t(headers);
  for (std::size_t c = 1; c < headers.size(); ++c) t.AlignRight(c);
  for (const ReportRow* row : Rows(r)) {
    std::vector<std::string> cells{row->unit.empty() ? "合计 (overall)" : ctx.UnitLabel(row->unit),
                                   std::to_string(row->assigned)};
    for (const auto& rate : RatesOf(*row)) {
      cells.push_back(FormatRate(rate.numerator, rate.denominator) + " (" +
                      std::to_string(rate.numerator) + "/" + std::to_string(rate.denominator) +
                      ")");
    }
    t.AddRow(std::move(cells));
  }
  t.Print(std::cout);
  if (!r.committees.empty()) {
    std::vector<std::string> by_committee{"COMMITTEE (分工督办)", "ASSIGNED"};
    for (const auto& rate : RatesOf(r.overall)) by_committee.push_back(rate.header);
    Table c(by_committee);
    for (std::size_t i = 1; i < by_committee.size(); ++i) c.AlignRight(i);
    for (const ReportRow& row : r.committees) {
      std::vector<std::string> cells{row.committee, std::to_string(row.assigned)};
      for (const auto& rate : RatesOf(row)) {
        cells.push_back(FormatRate(rate.numerator, rate.denominator) + " (" +
                        std::to_string(rate.numerator) + "/" + std::to_string(rate.denominator) +
                        ")");
      }
      c.AddRow(std::move(cells));
    }
    std::cout << "\nBy supervising committee (分工督办):\n";
    c.Print(std::cout);
  }
  if (r.sessions.held > 0) {
    const ReportSessions& s = r.sessions;
    std::cout << "\n代表·局长面对面: " << s.held << " session(s) discussed " << s.discussed
              << " suggestion(s); resolved on the spot " << s.resolved << ", commitments "
              << s.commitments << " (met " << s.commitments_met << "), referred " << s.referred
              << '\n';
  }

  // Counts by the latest reply's class and the latest evaluation's level: the solved rate beside
  // the satisfaction rate, so a high satisfaction cannot hide few solved items.
  std::vector<std::string> count_headers{"UNIT (主办)", "REPLIED"};
  std::string legend;
  for (const auto& c : r.overall.by_class) {
    count_headers.push_back(c.code);
    legend += (legend.empty() ? "" : ", ") + c.code + " " + c.name;
  }
  count_headers.push_back("EVALUATED");
  for (const auto& l : r.overall.by_satisfaction) count_headers.push_back(l.name);
  Table counts(count_headers);
  for (std::size_t c = 1; c < count_headers.size(); ++c) counts.AlignRight(c);
  for (const ReportRow* row : Rows(r)) {
    std::vector<std::string> cells{row->unit.empty() ? "合计 (overall)" : ctx.UnitLabel(row->unit),
                                   std::to_string(row->replied)};
    // Rows list the same codes in the same order (config order) as the overall row, except a
    // code config no longer knows: look each up by code.
    auto count_of = [](const std::vector<ReportCount>& v, const std::string& code) {
      for (const auto& c : v) {
        if (c.code == code) return c.count;
      }
      return std::int64_t{0};
    };
    for (const auto& c : r.overall.by_class) {
      cells.push_back(std::to_string(count_of(row->by_class, c.code)));
    }
    cells.push_back(std::to_string(row->evaluated));
    for (const auto& l : r.overall.by_satisfaction) {
      cells.push_back(std::to_string(count_of(row->by_satisfaction, l.code)));
    }
    counts.AddRow(std::move(cells));
  }
  std::cout << "\nBy result class (latest reply) and satisfaction (latest evaluation):\n";
  counts.Print(std::cout);
  std::cout << "\nClasses: " << legend << ".\n"
            << "Reply rate = replied/assigned; on time = first reply on time/replied; meeting = "
               "met the deputy (三见面)/assigned;\nsatisfaction = latest evaluation accepted/"
               "evaluated; solved = latest reply's class solved/replied. — : nothing to count.\n";
}

// RFC 4180: quote a field holding a comma, a quote or a line break; double the quotes.
std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    out += ch;
    if (ch == '"') out += '"';
  }
  return out + "\"";
}

void PrintCsvLine(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    std::cout << (i == 0 ? "" : ",") << CsvField(fields[i]);
  }
  std::cout << "\r\n";
}

void PrintCsv(const Context& ctx, const ReportReply& r) {
  std::vector<std::string> header{"unit", "unit_name", "assigned"};
  for (const auto& rate : RatesOf(r.overall)) {
    header.push_back(std::string(rate.key) + "_numerator");
    header.push_back(std::string(rate.key) + "_denominator");
    header.push_back(std::string(rate.key) + "_rate");
  }
  for (const auto& c : r.overall.by_class) header.push_back("class_" + c.code);
  for (const auto& l : r.overall.by_satisfaction) header.push_back("satisfaction_" + l.code);
  PrintCsvLine(header);
  std::vector<const ReportRow*> rows = Rows(r);
  for (const auto& c : r.committees) rows.push_back(&c);  // unit "committee:<id>"
  for (const ReportRow* row : rows) {
    std::vector<std::string> f{!row->committee.empty() ? "committee:" + row->committee
                               : row->unit.empty()     ? "overall"
                                                       : row->unit,
                               row->committee.empty() ? UnitName(ctx, row->unit) : "",
                               std::to_string(row->assigned)};
    for (const auto& rate : RatesOf(*row)) {
      f.push_back(std::to_string(rate.numerator));
      f.push_back(std::to_string(rate.denominator));
      f.push_back(FormatRate(rate.numerator, rate.denominator));
    }
    auto count_of = [](const std::vector<ReportCount>& v, const std::string& code) {
      for (const auto& c : v) {
        if (c.code == code) return c.count;
      }
      return std::int64_t{0};
    };
    for (const auto& c : r.overall.by_class) {
      f.push_back(std::to_string(count_of(row->by_class, c.code)));
    }
    for (const auto& l : r.overall.by_satisfaction) {
      f.push_back(std::to_string(count_of(row->by_satisfaction, l.code)));
    }
    PrintCsvLine(f);
  }
}

// Adds to a row's JSON (protocol::ToJson's) what the reply does not carry: the unit's name from
// --config and each rate with its numerator, denominator and percent (null when the denominator
// is 0).
void AddRowExtras(const Context& ctx, const ReportRow& row, Json* out) {
  Json rates = Json::object();
  for (const auto& rate : RatesOf(row)) {
    Json percent = nullptr;
    if (rate.denominator > 0) {
      percent = static_cast<double>(Tenths(rate.numerator, rate.denominator)) / 10.0;
    }
    rates[rate.key] = {{"numerator", rate.numerator},
                       {"denominator", rate.denominator},
                       {"percent", percent},
                       {"text", FormatRate(rate.numerator, rate.denominator)}};
  }
  (*out)["unit_name"] = UnitName(ctx, row.unit);
  (*out)["rates"] = std::move(rates);
}

}  // namespace

std::string FormatRate(std::int64_t numerator, std::int64_t denominator) {
  if (denominator <= 0) return "—";
  const std::int64_t t = Tenths(numerator, denominator);
  return std::to_string(t / 10) + "." + std::to_string(t % 10) + "%";
}

Json ReportJson(const Context& ctx, const ReportReply& r) {
  Json out = protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes});
  AddRowExtras(ctx, r.overall, &out["overall"]);
  for (std::size_t i = 0; i < r.units.size(); ++i) AddRowExtras(ctx, r.units[i], &out["units"][i]);
  for (std::size_t i = 0; i < r.committees.size(); ++i) {
    AddRowExtras(ctx, r.committees[i], &out["committees"][i]);
  }
  return out;
}

Action SetUpReport(CLI::App& sub) {
  struct Flags {
    ReportRequest req;
    std::string format = "table";
  };
  auto f = std::make_shared<Flags>();
  auto* session = sub.add_option("--session", f->req.session,
                                 "Session (届次年度) of the suggestions, e.g. 2026 (default: the "
                                 "current year, when no dates are given)");
  auto* from = sub.add_option("--from", f->req.from,
                              "First assignment date (交办日期) YYYY-MM-DD, local time");
  auto* to = sub.add_option("--to", f->req.to, "Last assignment date YYYY-MM-DD, included");
  session->excludes(from)->excludes(to);
  from->needs(to);
  to->needs(from);
  sub.add_option("--unit", f->req.unit, "Only this lead unit's row (and the overall row)");
  sub.add_option("--format", f->format, "table | csv | json (--json is --format json)")
      ->capture_default_str()
      ->check(CLI::IsMember({"table", "csv", "json"}));
  return [f](const Context& ctx) {
    std::string format = f->format;
    if (ctx.options.json) {
      if (format == "csv") {
        std::cerr << "error: --json and --format csv disagree\n";
        return kExitUsage;
      }
      format = "json";
    }
    ReportRequest req = f->req;
    if (req.session.empty() && req.from.empty()) req.session = CurrentSession(ctx);
    return CallBroker<svc::Report>(ctx, req, [&](const ReportReply& r) {
      if (format == "json") {
        Print(std::cout, ReportJson(ctx, r));
      } else if (format == "csv") {
        PrintCsv(ctx, r);
      } else {
        PrintTable(ctx, r);
      }
    });
  };
}

}  // namespace duban::ctl
