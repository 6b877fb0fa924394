#include "dubanctl/calendar_replan.h"

#include <iostream>

#include "dubanctl/table.h"

namespace duban::ctl {

using namespace protocol;

namespace {


std::string Join(const std::vector<std::int64_t>& years) {
  std::string out;
  for (std::int64_t y : years) out += (out.empty() ? "" : ", ") + std::to_string(y);
  return out.empty() ? "none" : out;
}

void PrintYears(const CalendarReply& r) {
  Table t({"YEAR", "CALENDAR", "SUGGESTIONS", "TIMERS ASSUMED MON-FRI", "REPLAN"});
  t.AlignRight(2);
  t.AlignRight(3);
  for (const auto& y : r.years) {
    t.AddRow({std::to_string(y.year), y.loaded ? y.source : "(no file: Monday to Friday)",
              std::to_string(y.suggestions), std::to_string(y.assumed),
              y.replan_needed ? "needed" : "-"});
  }
  t.FitColumn(1, TerminalColumns(), 30);
  t.Print(std::cout);
}

}  // namespace

std::vector<std::string> CalendarWarnings(const CalendarReply& status) {
  std::vector<std::string> out;
  for (const auto& y : status.years) {
    const std::string year = std::to_string(y.year);
    if (y.assumed > 0 && !y.loaded) {
      out.push_back(std::to_string(y.assumed) + " pending working-day timer" +
                    (y.assumed == 1 ? " assumes " : "s assume ") + year +
                    " is Monday to Friday: there is no working calendar for " + year +
                    " (add its file when the State Council's notice is out, see "
                    "config/calendar/README.md, then run `dubanctl calendar replan`)");
    } else if (y.replan_needed && y.suggestions > 0) {
      out.push_back("the working calendar for " + year + " arrived or changed since the pending "
                    "working-day timers of up to " + std::to_string(y.suggestions) +
                    " suggestion" + (y.suggestions == 1 ? "" : "s") +
                    " were planned on it: run `dubanctl calendar replan --dry-run`, then "
                    "`dubanctl calendar replan`");
    }
  }
  return out;
}

Json CalendarStatusJson(const CalendarReply& r, std::int64_t utc_offset_minutes) {
  Json out = protocol::ToJson(r, JsonOptions{utc_offset_minutes});
  out["warnings"] = CalendarWarnings(r);
  return out;
}

int RunCalendarStatus(const Context& ctx) {
  CalendarRequest req;
  req.action = "status";
  return CallBroker<svc::Calendar>(ctx, req, [&](const CalendarReply& r) {
    if (ctx.options.json) {
      Print(std::cout, CalendarStatusJson(r, ctx.utc_offset_minutes));
      return;
    }
    std::cout << "working calendar of the broker: " << Join(r.loaded) << "\n";
    if (!r.years.empty()) PrintYears(r);
    for (const auto& w : CalendarWarnings(r)) std::cout << "warning: " << w << "\n";
  });
}

int RunCalendarReplan(const Context& ctx, const ReplanFlags& f) {
  if (!f.dry_run && f.actor.empty()) {
    std::cerr << "error: give --actor NAME (or set DUBAN_ACTOR): the moves are written on the "
                 "suggestions' timelines; or --dry-run to only list them\n";
    return kExitUsage;
  }
  int exit_code = kExitOk;
  auto client = Connect(ctx, &exit_code);
  if (!client) return exit_code;
  CalendarRequest req;
  req.action = "replan";
  req.dry_run = f.dry_run;
  req.actor = f.actor;
  req.limit = f.page;
  std::vector<TimerChange> changes;
  std::int64_t scanned = 0, skipped = 0;
  CalendarReply last;
  for (;;) {
    Answer<CalendarReply> answer = client->Call<svc::Calendar>(req);
    if (!answer.ok()) return ReportFailure(answer.failure);
    CalendarReply& r = *answer.reply;
    changes.insert(changes.end(), r.changes.begin(), r.changes.end());
    scanned += r.scanned;
    skipped += r.skipped;
    if (r.cursor.empty()) {
      last = std::move(r);
      break;
    }
    if (r.cursor == req.cursor) {
      std::cerr << "error: duban.calendar answered the same cursor " << r.cursor << "; stopping\n";
      return kExitRefused;
    }
    req.cursor = r.cursor;
  }
  const std::int64_t offset = ctx.utc_offset_minutes;
  if (ctx.options.json) {
    // The last page's reply, with the changes and counts of the whole run.
    Json list = Json::array();
    for (const auto& c : changes) list.push_back(protocol::ToJson(c, JsonOptions{offset}));
    Json out = CalendarStatusJson(last, offset);
    out["changes"] = list;
    out["dry_run"] = f.dry_run;
    out["scanned"] = scanned;
    out["skipped"] = skipped;
    Print(std::cout, out);
    return kExitOk;
  }
  if (!changes.empty()) {
    Table t({"CODE", "TIMER", "OLD DUE", "NEW DUE", "RULE"});
    for (const auto& c : changes) {
      t.AddRow({c.code, c.timer, FormatLocalTime(c.old_due_ms, offset),
                FormatLocalTime(c.new_due_ms, offset), c.rule});
    }
    t.FitColumn(4, TerminalColumns(), 20);
    t.Print(std::cout);
  }
  std::cout << (f.dry_run ? "dry run: " : "") << changes.size() << " timer"
            << (changes.size() == 1 ? "" : "s") << (f.dry_run ? " would move" : " moved")
            << " (" << scanned << " looked at"
            << (skipped > 0 ? ", " + std::to_string(skipped) + " set again meanwhile, left alone"
                            : "")
            << "); working calendar " << (f.dry_run ? "on file: " : "now: ") << Join(last.loaded)
            << (f.dry_run ? "; nothing changed" : "") << "\n";
  for (const auto& w : CalendarWarnings(last)) std::cout << "warning: " << w << "\n";
  return kExitOk;
}

}  // namespace duban::ctl
