#include "dubanctl/agenda_commands.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>

#include "common/calendar.h"
#include "dubanctl/table.h"
#include "dubanctl/unit_commands.h"

namespace duban::ctl {

using namespace protocol;

namespace {

const CLI::Validator& Date() {
  static const CLI::Validator kDate(
      [](std::string& s) -> std::string {
        return ParseDate(s).ok() ? "" : "'" + s + "' is not a date YYYY-MM-DD";
      },
      "YYYY-MM-DD");
  return kDate;
}

void AddActor(CLI::App& sub, std::string* actor) {
  sub.add_option("--actor", *actor, "Who acts (recorded in the timeline as staff:NAME)")
      ->required()
      ->envname("DUBAN_ACTOR");
}

std::string Or(const std::string& s, const char* dflt) { return s.empty() ? dflt : s; }

// ---- agenda ------------------------------------------------------------------------------------

void PrintAgenda(const Context& ctx, const AgendaReply& r, bool all) {
  std::cout << "主任会议议程 / directors' meeting agenda — "
            << (r.meeting.empty() ? std::string("no meeting scheduled (dubanctl meeting add DATE)")
                                  : "meeting " + r.meeting)
            << (all ? " (all items, resolved too)" : "") << "\n\n";
  if (r.items.empty()) {
    std::cout << "no items\n";
    return;
  }
  Table t(
      {"ID", "TITLE / TOPIC", "LEAD UNIT", "REASONS", "DIRECTOR", "SINCE", "MEETINGS", "STATE"});
  for (const AgendaItem& it : r.items) {
    std::string reasons;
    for (const AgendaReason& x : it.reasons) reasons += (reasons.empty() ? "" : "；") + x.text;
    t.AddRow({it.id + (it.kind == "bundle" ? " (打捆)" : ""), it.title, ctx.UnitLabel(it.lead_unit),
              reasons, Or(it.director, "未指定"),
              FormatDate(LocalDateOf(it.placed_ms, ctx.utc_offset_minutes)),
              std::to_string(it.meetings), it.state});
    if (it.kind != "bundle") continue;
    for (const AgendaMember& m : it.members) {
      t.AddRow({"  └ " + m.code, m.title, ctx.UnitLabel(m.lead_unit), "", "", "", "", m.state});
    }
  }
  t.FitColumn(3, TerminalColumns(), 16);
  t.Print(std::cout);
  std::cout << r.items.size() << " item(s)\n";
}

}  // namespace

Action SetUpAgenda(CLI::App& sub) {
  auto req = std::make_shared<AgendaRequest>();
  sub.require_subcommand(0, 1);
  sub.add_option("--meeting", req->meeting, "Show this meeting's agenda (default: the next one)")
      ->check(Date());
  sub.add_flag("--all", req->all, "Every item, resolved ones too");
  CLI::App* lead = sub.add_subcommand("lead", "Set the leading director (领衔督办) of an item");
  lead->add_option("ID", req->id, "The item: a suggestion code or a bundle id")->required();
  lead->add_option("--director", req->director, "The director's name")->required();
  AddActor(*lead, &req->actor);
  CLI::App* resolve = sub.add_subcommand("resolve", "Resolve an item: it leaves every agenda");
  resolve->add_option("ID", req->id, "The item: a suggestion code or a bundle id")->required();
  resolve->add_option("--note", req->note, "How it was resolved (recorded in the timeline)")
      ->required();
  AddActor(*resolve, &req->actor);
  return [req, lead, resolve](const Context& ctx) {
    if (lead->parsed()) req->action = "lead";
    if (resolve->parsed()) req->action = "resolve";
    return CallAndPrint<svc::Agenda>(
        ctx, *req,
        [&](const AgendaReply& r) {
          if (req->action == "show") return PrintAgenda(ctx, r, req->all);
          for (const AgendaItem& it : r.items) {
            std::cout << it.id << "  " << it.state << "; 领衔督办 " << Or(it.director, "未指定")
                      << (it.note.empty() ? "" : "; " + it.note) << '\n';
          }
        },
        [&](const AgendaReply& r) {
          return protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes});
        });
  };
}

// ---- meetings ----------------------------------------------------------------------------------

Action SetUpMeeting(CLI::App& sub) {
  auto req = std::make_shared<MeetingRequest>();
  sub.require_subcommand(1);
  sub.add_subcommand("list", "List the meeting dates (config and staff)");
  for (const char* action : {"add", "remove"}) {
    CLI::App* a = sub.add_subcommand(action, std::string(action) == "add"
                                                 ? "Add a meeting date"
                                                 : "Remove a meeting date staff added");
    a->add_option("DATE", req->date, "The meeting's date")->required()->check(Date());
    AddActor(*a, &req->actor);
    if (std::string(action) == "add") {
      a->add_flag("--force", req->force,
                  "Accept a date that is not a working day (a weekend, a holiday)");
    }
  }
  return [req, &sub](const Context& ctx) {
    req->action = sub.get_subcommands().front()->get_name();
    return CallAndPrint<svc::Meeting>(
        ctx, *req,
        [](const MeetingReply& r) {
          if (r.dates.empty()) {
            std::cout << "no meeting dates (config [meetings] dates, or dubanctl meeting add)\n";
            return;
          }
          Table t({"DATE", "SOURCE", ""});
          for (const MeetingDate& d : r.dates) {
            t.AddRow({d.date, d.source, d.date == r.next ? "← next" : ""});
          }
          t.Print(std::cout);
          std::cout << "next meeting: " << Or(r.next, "none scheduled") << '\n';
        },
        [&](const MeetingReply& r) {
          return protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes});
        });
  };
}

// ---- hot items ---------------------------------------------------------------------------------

Action SetUpHot(CLI::App& sub) {
  auto req = std::make_shared<HotRequest>();
  sub.require_subcommand(1);
  sub.add_subcommand("list", "Staff-marked hot items and the candidates the rules propose");
  CLI::App* mark = sub.add_subcommand("mark", "Mark a suggestion hot: it goes on the agenda");
  mark->add_option("CODE", req->code, "Tracking code (一事一码)")->required();
  mark->add_option("--reason", req->reason, "Why it is hot (热点难点)")->required();
  AddActor(*mark, &req->actor);
  CLI::App* unmark = sub.add_subcommand("unmark", "Remove the mark (its agenda item stays)");
  unmark->add_option("CODE", req->code, "Tracking code (一事一码)")->required();
  AddActor(*unmark, &req->actor);
  return [req, &sub](const Context& ctx) {
    req->action = sub.get_subcommands().front()->get_name();
    return CallAndPrint<svc::Hot>(
        ctx, *req,
        [&](const HotReply& r) {
          std::cout << "热点难点 marked by staff:\n";
          if (r.marked.empty()) std::cout << "  (none)\n";
          Table m({"CODE", "TITLE", "REASON", "BY", "AT"});
          for (const HotMark& h : r.marked) {
            m.AddRow({h.code, h.title, h.reason, h.actor,
                      FormatLocalTime(h.at_ms, ctx.utc_offset_minutes)});
          }
          if (!r.marked.empty()) m.Print(std::cout);
          if (req->action != "list") return;
          std::cout << "\nproposed by the rules (" << r.scanned
                    << " suggestions read; confirm with dubanctl hot mark):\n";
          if (r.proposals.empty()) {
            std::cout << "  (none)\n";
            return;
          }
          Table p({"CODE", "TITLE", "RULES"});
          for (const HotProposal& h : r.proposals) {
            std::string rules;
            for (const std::string& x : h.rules) rules += (rules.empty() ? "" : "; ") + x;
            p.AddRow({h.code, h.title, rules});
          }
          p.Print(std::cout);
        },
        [&](const HotReply& r) {
          return protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes});
        });
  };
}

// ---- bundles -----------------------------------------------------------------------------------

Action SetUpBundle(CLI::App& sub) {
  auto req = std::make_shared<BundleRequest>();
  sub.require_subcommand(1);
  sub.add_subcommand("list", "List the bundles (打捆督办)");
  CLI::App* show = sub.add_subcommand("show", "Show one bundle and its members");
  show->add_option("ID", req->id, "The bundle id, e.g. B0001")->required();
  CLI::App* create = sub.add_subcommand("create", "Group suggestions under one topic");
  create->add_option("--topic", req->topic, "The topic (议题)")->required();
  create->add_option("--lead", req->lead_unit, "The one lead unit (unit id)")->required();
  create->add_option("--supervisor", req->supervisor, "The one supervisor (督办人)")->required();
  create->add_option("--committee", req->committee,
                     "The committee whose supervision topic (监督议题) it is, e.g. jkww");
  create->add_option("CODE", req->codes, "Member suggestions");
  AddActor(*create, &req->actor);
  for (const char* action : {"add", "remove"}) {
    CLI::App* a = sub.add_subcommand(action, std::string(action) == "add"
                                                 ? "Add suggestions to a bundle"
                                                 : "Take suggestions out of a bundle");
    a->add_option("ID", req->id, "The bundle id")->required();
    a->add_option("CODE", req->codes, "Suggestions")->required();
    AddActor(*a, &req->actor);
  }
  return [req, &sub](const Context& ctx) {
    req->action = sub.get_subcommands().front()->get_name();
    return CallAndPrint<svc::Bundle>(
        ctx, *req,
        [&](const BundleReply& r) {
          if (r.bundles.empty()) {
            std::cout << "no bundles (dubanctl bundle create --topic T --lead U --supervisor S)\n";
            return;
          }
          Table t({"BUNDLE", "TOPIC / MEMBER", "LEAD UNIT", "SUPERVISOR", "STATE"});
          for (const Bundle& b : r.bundles) {
            t.AddRow({b.id, b.topic, ctx.UnitLabel(b.lead_unit), b.supervisor,
                      std::to_string(b.members.size()) + " member(s)"});
            for (const AgendaMember& m : b.members) {
              t.AddRow({"  └ " + m.code, m.title, ctx.UnitLabel(m.lead_unit), "", m.state});
            }
          }
          t.Print(std::cout);
        },
        [&](const BundleReply& r) {
          return protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes});
        });
  };
}

// ---- progress ----------------------------------------------------------------------------------

Action SetUpProgress(CLI::App& sub) {
  auto req = std::make_shared<UnitActionRequest>();
  sub.add_option("CODE", req->code, "Tracking code (一事一码)")->required();
  sub.add_option("--unit", req->unit, "The handling unit's id (e.g. jyj)")->required();
  sub.add_option("--text", req->reason, "The progress report (办理进展)")->required();
  sub.add_option("--actor", req->actor,
                 "Who reports for the unit (recorded in the timeline as unit:UNIT/ACTOR)")
      ->required()
      ->envname("DUBAN_ACTOR");
  return [req](const Context& ctx) {
    return CallAndPrint<svc::Progress>(
        ctx, *req,
        [&](const UnitActionReply& r) {
          std::cout << r.code << "  progress reported by " << ctx.UnitLabel(r.unit)
                    << "; suggestion " << r.state << " (version " << r.version << ")\n";
        },
        [&](const UnitActionReply& r) {
          return protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes});
        });
  };
}

}  // namespace duban::ctl
