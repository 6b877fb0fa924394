#include "dubanctl/unit_commands.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "common/calendar.h"
#include "common/protocol/labels.h"

namespace duban::ctl {

using namespace protocol;

namespace {

// A unit action as data: its service and the free-text flag it needs ("" = none). The text goes
// into UnitActionRequest::reason whatever the flag is called, as the protocol says.
struct UnitActionSpec {
  const char* service;
  const char* text_flag;  // "--reason", "--note", "--text" or ""
  const char* text_help;
  bool phase;        // contact: --phase before|during|after
  bool until;        // extend: --until YYYY-MM-DD
  const char* next;  // a hint printed after a success for people ("" = none)
};

constexpr UnitActionSpec kSign{svc::Sign::kName.data(), "", "", false, false, ""};
constexpr UnitActionSpec kStart{svc::Start::kName.data(), "", "", false, false, ""};
constexpr UnitActionSpec kReturn{
    svc::Return::kName.data(),
    "--reason",
    "Why the unit asks to return the task (退回理由)",
    false,
    false,
    "waiting for staff: dubanctl decide CODE --unit UNIT --request return --approve|--reject"};
constexpr UnitActionSpec kExtend{
    svc::Extend::kName.data(),
    "--reason",
    "Why more time is needed (延期理由)",
    false,
    true,
    "waiting for staff: dubanctl decide CODE --unit UNIT --request extension --approve|--reject"};
constexpr UnitActionSpec kContact{svc::Contact::kName.data(),
                                  "--note",
                                  "What was discussed with the deputy (recorded in the timeline)",
                                  true,
                                  false,
                                  ""};
constexpr UnitActionSpec kOpinion{
    svc::Opinion::kName.data(), "--text", "The co-handler's opinion, sent to the lead unit (协办意见)",
    false,           false,    ""};

// A unit task's state with the words staff know: "SIGNED (已签收)".
std::string UnitStateLabel(const std::string& state) {
  const std::string_view label = UnitTaskStateLabel(state);
  return label.empty() ? state : state + " (" + std::string(label) + ")";
}

void PrintUnitActionReply(const Context& ctx, const UnitActionReply& r) {
  std::cout << r.code << "  " << ctx.UnitLabel(r.unit) << " → " << UnitStateLabel(r.unit_state)
            << "; suggestion " << r.state << " (version " << r.version << ")\n";
}


// CODE, --unit, --actor: what every unit action names.
void AddTaskOptions(CLI::App& sub, UnitActionRequest* req) {
  sub.add_option("CODE", req->code, "Tracking code (一事一码)")->required();
  sub.add_option("--unit", req->unit, "The handling unit's id (e.g. jyj)")->required();
  sub.add_option("--actor", req->actor,
                 "Who acts for the unit (recorded in the timeline as unit:UNIT/ACTOR)")
      ->required()
      ->envname("DUBAN_ACTOR");
}

const CLI::Validator& DateValidator() {
  static const CLI::Validator kDate(
      [](std::string& s) -> std::string {
        return ParseDate(s).ok() ? "" : "'" + s + "' is not a date YYYY-MM-DD";
      },
      "YYYY-MM-DD");
  return kDate;
}

Action SetUpUnitAction(const UnitActionSpec& spec, CLI::App& sub) {
  auto req = std::make_shared<UnitActionRequest>();
  AddTaskOptions(sub, req.get());
  if (spec.until) {
    sub.add_option("--until", req->until, "The new reply deadline asked for (local date)")
        ->required()
        ->check(DateValidator());
  }
  if (spec.phase) {
    sub.add_option("--phase", req->phase,
                   "When the unit met the deputy: before, during or after handling (三见面)")
        ->required()
        ->check(CLI::IsMember({"before", "during", "after"}));
  }
  if (spec.text_flag[0] != '\0') {
    sub.add_option(spec.text_flag, req->reason, spec.text_help)->required();
  }
  return [req, &spec](const Context& ctx) {
    return CallBroker<UnitActionReply>(ctx, spec.service, *req, [&](const UnitActionReply& r) {
      if (ctx.options.json) {
        Print(std::cout, protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes}));
        return;
      }
      PrintUnitActionReply(ctx, r);
      if (spec.next[0] != '\0') std::cout << spec.next << '\n';
    });
  };
}

// ---- inbox ------------------------------------------------------------------------------

void AddLimit(CLI::App& sub, std::int64_t* limit) {
  sub.add_option("--limit", *limit, "At most N notices, newest first")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{1}, kMaxListLimit));
}

int RunInbox(const Context& ctx, const InboxRequest& req, const std::string& title) {
  return CallBroker<svc::Inbox>(ctx, req, [&](const InboxReply& r) {
    if (ctx.options.json) {
      Print(std::cout, InboxJson(req.recipient, r, ctx.utc_offset_minutes));
      return;
    }
    if (!title.empty()) std::cout << title << "\n\n";
    if (r.notices.empty()) {
      std::cout << "no notices for " << req.recipient << " (0 of " << r.total << ")\n";
      return;
    }
    Table t = InboxTable(r, ctx.utc_offset_minutes);
    t.FitColumn(4, TerminalColumns(), 20);
    t.Print(std::cout);
    std::cout << r.notices.size() << " of " << r.total << " (" << r.unread << " unread, ●)";
    if (req.action == "read") std::cout << "; " << r.marked << " marked read";
    std::cout << '\n';
  });
}

}  // namespace

Json InboxJson(const std::string& recipient, const InboxReply& r, std::int64_t offset) {
  Json out = {{"recipient", recipient}};  // the request's, first
  out.update(protocol::ToJson(r, JsonOptions{offset}));
  return out;
}

std::string OffsetLabel(std::int64_t offset) {
  if (offset == 0) return "UTC";
  std::string out = offset < 0 ? "UTC-" : "UTC+";
  const std::int64_t abs = std::llabs(offset);
  out += std::to_string(abs / 60);
  if (abs % 60 != 0) out += ":" + std::string(abs % 60 < 10 ? "0" : "") + std::to_string(abs % 60);
  return out;
}

Table InboxTable(const InboxReply& r, std::int64_t offset) {
  Table t({"TIME (" + OffsetLabel(offset) + ")", "ID", "CODE", "KIND", "TEXT"});
  for (const OutboxEntry& n : r.notices) {
    t.AddRow({FormatLocalTime(n.at_ms, offset), (n.read ? "  " : "● ") + n.id,
              n.code.empty() ? "-" : n.code, n.kind, n.text});
  }
  t.WrapColumn(4, 60);
  return t;
}

Action SetUpSign(CLI::App& sub) { return SetUpUnitAction(kSign, sub); }
Action SetUpStart(CLI::App& sub) { return SetUpUnitAction(kStart, sub); }
Action SetUpReturn(CLI::App& sub) { return SetUpUnitAction(kReturn, sub); }
Action SetUpExtend(CLI::App& sub) { return SetUpUnitAction(kExtend, sub); }
Action SetUpContact(CLI::App& sub) { return SetUpUnitAction(kContact, sub); }
Action SetUpOpinion(CLI::App& sub) { return SetUpUnitAction(kOpinion, sub); }

Action SetUpDecide(CLI::App& sub) {
  struct Flags {
    DecideRequest req;
    bool approve = false;
    bool reject = false;
  };
  auto f = std::make_shared<Flags>();
  sub.add_option("CODE", f->req.code, "Tracking code (一事一码)")->required();
  sub.add_option("--unit", f->req.unit, "The unit whose request is decided")->required();
  sub.add_option("--request", f->req.request,
                 "Which pending request: return (退回) or extension (延期)")
      ->required()
      ->check(CLI::IsMember({"return", "extension"}));
  CLI::Option* approve = sub.add_flag("--approve", f->approve, "Approve the request");
  CLI::Option* reject = sub.add_flag("--reject", f->reject, "Reject the request");
  approve->excludes(reject);
  sub.add_option("--new-unit", f->req.new_unit,
                 "Return approved: the unit that takes the task over (调整交办; required when the "
                 "lead unit returns it)");
  sub.add_option("--actor", f->req.actor, "Who decides (recorded in the timeline as staff:NAME)")
      ->required()
      ->envname("DUBAN_ACTOR");
  sub.add_option("--note", f->req.note, "Why (recorded in the timeline and sent to the unit)");
  return [f](const Context& ctx) {
    if (f->approve == f->reject) {
      std::cerr << "error: decide needs exactly one of --approve or --reject\n";
      return kExitUsage;
    }
    if (!f->req.new_unit.empty() && (f->reject || f->req.request != "return")) {
      std::cerr << "error: --new-unit goes only with --request return --approve\n";
      return kExitUsage;
    }
    DecideRequest req = f->req;
    req.approve = f->approve;
    return CallBroker<svc::Decide>(ctx, req, [&](const UnitActionReply& r) {
      if (ctx.options.json) {
        Print(std::cout, protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes}));
        return;
      }
      std::cout << r.code << "  " << req.request << " of " << ctx.UnitLabel(r.unit) << ' '
                << (req.approve ? "approved" : "rejected") << " → " << UnitStateLabel(r.unit_state);
      if (!req.new_unit.empty()) std::cout << "; reassigned to " << ctx.UnitLabel(req.new_unit);
      std::cout << "; suggestion " << r.state << " (version " << r.version << ")\n";
    });
  };
}

Action SetUpInbox(CLI::App& sub) {
  auto req = std::make_shared<InboxRequest>();
  sub.add_option("RECIPIENT", req->recipient,
                 "Whose notices: unit:ID, staff, office:supervision, agenda:directors, deputy:ID")
      ->required();
  AddLimit(sub, &req->limit);
  sub.add_option("--kind", req->kind, "Only notices of this kind (reminder, escalation, ...)");
  sub.add_option("--code", req->code, "Only notices about this suggestion");
  sub.add_flag("--unread", req->unread, "Only notices not marked read");
  sub.add_option("--read", req->ids,
                 "Mark these notices read first (their ids: dubanctl inbox RECIPIENT --json); only "
                 "the recipient itself may");
  sub.add_option("--actor", req->actor, "Who read them (recorded with --read)")
      ->envname("DUBAN_ACTOR");
  return [req](const Context& ctx) {
    InboxRequest r = *req;
    if (!r.ids.empty()) r.action = "read";
    return RunInbox(ctx, r, "");
  };
}

}  // namespace duban::ctl
