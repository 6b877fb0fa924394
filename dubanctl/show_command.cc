#include "dubanctl/show_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <memory>

#include "common/calendar.h"
#include "common/protocol/labels.h"
#include "common/protocol/limits.h"
#include "dubanctl/json_view.h"
#include "dubanctl/table.h"

namespace duban::ctl {

using namespace protocol;

namespace {

// ---- show ---------------------------------------------------------------------------------------

constexpr int kNoteColumns = 60;  // a timeline note wraps at this width (or the terminal's)

void PrintSuggestion(const Context& ctx, const GetReply& r, bool with_texts) {
  const Suggestion& s = r.suggestion;
  const auto& d = s.draft;
  auto field = [](const char* name, const std::string& value) {
    std::cout << name << std::string(12 - std::string_view(name).size(), ' ') << value << '\n';
  };
  std::cout << s.code << "  " << d.title << "\n\n";
  field("state", std::string(StateName(s.state)) + " " + std::string(StateLabel(s.state)) +
                     " (version " + std::to_string(s.version) + ")");
  std::string deputy = d.deputy.name + " (" + d.deputy.id + ")";
  if (!d.co_signers.empty()) {
    deputy += "; co-signers (联名):";
    for (const auto& c : d.co_signers) deputy += " " + c;
  }
  field("deputy", deputy);
  std::string category = d.category.empty() ? "-" : d.category;
  if (!d.keywords.empty()) {
    category += "; keywords:";
    for (const auto& k : d.keywords) category += " " + k;
  }
  field("category", category);
  field("session", d.session);
  field("submitted", FormatLocalTime(s.submitted_ms, ctx.utc_offset_minutes));
  if (s.units.empty()) field("units", "- (not assigned yet)");
  // Lead first, then co-handlers, each group in the broker's order.
  std::vector<UnitAssignment> units = s.units;
  std::stable_sort(units.begin(), units.end(), [](const auto& a, const auto& b) {
    return a.role == UnitRole::kLead && b.role != UnitRole::kLead;
  });
  int label_width = 0, role_width = 0;
  auto role_of = [](const UnitAssignment& u) {
    return std::string(u.role == UnitRole::kLead ? "lead (主办)" : "co (协办)");
  };
  for (const auto& u : units) {
    label_width = std::max(label_width, DisplayWidth(ctx.UnitLabel(u.unit)));
    role_width = std::max(role_width, DisplayWidth(role_of(u)));
  }
  auto pad = [](const std::string& s, int width) {
    return s + std::string(static_cast<std::size_t>(std::max(0, width - DisplayWidth(s))), ' ');
  };
  for (std::size_t i = 0; i < units.size(); ++i) {
    const auto& u = units[i];
    field(i == 0 ? "units" : "", pad(ctx.UnitLabel(u.unit), label_width) + "  " +
                                     pad(role_of(u), role_width) + "  " + u.state);
  }
  if (!s.committee.empty()) field("committee", s.committee + " (分工督办)");
  field("deadline", s.deadline ? s.deadline->date + " — " + s.deadline->rule : "-");
  for (const auto& round : s.record.rounds) {
    std::string line = "round " + std::to_string(round.round) + ": " + round.unit + " class " +
                       round.result_class + ", " +
                       FormatLocalTime(round.replied_ms, ctx.utc_offset_minutes) +
                       (round.on_time ? "" : " (late)") + ", signed " + round.signer + "; " +
                       (round.satisfaction.empty() ? "not evaluated yet"
                                                   : "evaluated " + round.satisfaction);
    field(round.round == 1 ? "replies" : "", line);
    if (with_texts && !round.text.empty()) field("", "  答复正文: " + OneLine(round.text));
    for (const auto& c : round.commitments) {
      field("", "  " + c.id + " " + c.state + " due " + c.due + ": " + c.text +
                    (c.basis.empty() ? "" : " — 销号: " + c.basis));
    }
  }
  if (s.record.lookbacks > 0) field("look-backs", std::to_string(s.record.lookbacks));
  // 代表·局长面对面 sessions that discussed it, and the requests from the people it gathers.
  for (std::size_t i = 0; i < s.record.sessions.size(); ++i) {
    const auto& o = s.record.sessions[i];
    std::string line = o.session + " " + o.date + " " +
                       (o.outcome.empty() ? std::string("(no outcome yet)") : o.outcome);
    if (!o.commitments.empty()) {
      line += " " + o.commitments[0].id + " due " + o.commitments[0].due + " " +
              o.commitments[0].state;
    }
    if (!o.referred_to.empty()) line += " → " + o.referred_to;
    if (!o.note.empty()) line += ": " + OneLine(o.note);
    field(i == 0 ? "sessions" : "", line);
  }
  if (!d.requests.empty()) {
    std::string list;
    for (const auto& q : d.requests) list += (list.empty() ? "" : " ") + q;
    field("requests", list + " (社情民意)");
  }
  if (with_texts) std::cout << '\n' << d.content << '\n';

  std::cout << "\ntimeline\n";
  // The action in Chinese (the code in --json and when it has no label); long notes wrap.
  Table t({"TIME", "ACTOR", "ACTION", "FROM → TO", "NOTE"});
  for (const auto& a : r.timeline) {
    std::string change = a.from.empty() && a.to.empty() ? ""
                         : a.from == a.to               ? a.to
                                          : (a.from.empty() ? "·" : a.from) + " → " + a.to;
    const std::string_view label = ActionLabel(a.action);
    t.AddRow({FormatLocalTime(a.at_ms, ctx.utc_offset_minutes), a.actor,
              label.empty() ? a.action : std::string(label), change, a.note});
  }
  t.WrapColumn(4, kNoteColumns);
  t.FitColumn(4, TerminalColumns(), 20);
  t.Print(std::cout);
  if (r.timeline_cursor > 0) {
    std::cout << "(" << r.timeline_cursor << " older of " << r.timeline_total
              << " entries not shown: dubanctl show " << s.code << " --all shows every one)\n";
  }
}

// The whole timeline, a page at a time from the newest (duban.get pages it; no reply holds more
// than one page). The suggestion is the one of the first page. Returns the exit code.
int FetchAllPages(const Context& ctx, const std::string& code, GetReply* out) {
  int exit_code = kExitOk;
  auto client = Connect(ctx, &exit_code);
  if (!client) return exit_code;
  GetRequest req{code, 0, kTimelinePageMax};
  std::vector<AuditEntry> older_first;
  for (bool first = true;; first = false) {
    Answer<GetReply> page = client->Call<svc::Get>(req);
    if (!page.ok()) return ReportFailure(page.failure);
    GetReply& r = *page.reply;
    if (first) {
      *out = r;
      out->timeline.clear();
    }
    older_first.insert(older_first.begin(), r.timeline.begin(), r.timeline.end());
    // A cursor that does not move back (a peer without paging answers the whole list) ends it.
    if (r.timeline_cursor <= 0 || r.timeline.empty() ||
        (req.before != 0 && r.timeline_cursor >= req.before)) {
      break;
    }
    req.before = r.timeline_cursor;
  }
  out->timeline = std::move(older_first);
  out->timeline_cursor = 0;
  return kExitOk;
}

}  // namespace

Action SetUpShow(CLI::App& sub) {
  struct Flags {
    std::string code;
    bool brief = false;
    bool all = false;
  };
  auto f = std::make_shared<Flags>();
  sub.add_option("CODE", f->code, "Tracking code (一事一码)")->required();
  sub.add_flag("--brief", f->brief,
               "Leave out the texts: the suggestion's and each reply's (printed by default)");
  sub.add_flag("--all", f->all,
               "Show the whole timeline (fetched a page at a time); without it, the newest " +
                   std::to_string(kTimelinePageDefault) + " entries");
  return [f](const Context& ctx) {
    auto print = [&](const GetReply& r) {
      if (ctx.options.json) {
        Print(std::cout, protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes}));
      } else {
        PrintSuggestion(ctx, r, !f->brief);
      }
    };
    if (!f->all) return CallBroker<svc::Get>(ctx, GetRequest{f->code}, print);
    GetReply all;
    int rc = FetchAllPages(ctx, f->code, &all);
    if (rc != kExitOk) return rc;
    print(all);
    return kExitOk;
  };
}

}  // namespace duban::ctl
