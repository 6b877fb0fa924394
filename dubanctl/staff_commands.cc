#include "dubanctl/staff_commands.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "common/protocol/labels.h"
#include "dubanctl/json_view.h"

namespace duban::ctl {

using namespace protocol;

// ---- assign -------------------------------------------------------------------------------------

Action SetUpAssign(CLI::App& sub) {
  auto req = std::make_shared<AssignRequest>();
  sub.add_option("CODE", req->code, "Tracking code")->required();
  sub.add_option("--lead", req->lead_unit, "Lead unit id (主办单位)")->required();
  sub.add_option("--co", req->co_units, "A co-handling unit id (协办单位, repeatable)")
      ->allow_extra_args(false);
  sub.add_option("--actor", req->actor, "Who assigns (recorded in the timeline as staff:NAME)")
      ->required()
      ->envname("DUBAN_ACTOR");
  sub.add_option("--note", req->note, "Why (recorded in the timeline)");
  sub.add_option("--committee", req->committee,
                 "The committee that supervises it (分工督办); default: the one it has, else the "
                 "one whose field it falls in");
  return [req](const Context& ctx) {
    return CallAndPrint<svc::Assign>(
        ctx, *req,
        [&](const AssignReply& r) {
          std::cout << r.code << " → " << r.state << " (version " << r.version << "), lead "
                    << ctx.UnitLabel(req->lead_unit);
          for (const auto& c : req->co_units) std::cout << ", co " << ctx.UnitLabel(c);
          std::cout << '\n';
        },
        [&](const AssignReply& r) {
          return protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes});
        });
  };
}

// ---- review -------------------------------------------------------------------------------------

Action SetUpReview(CLI::App& sub) {
  auto req = std::make_shared<ReviewRequest>();
  sub.add_option("CODE", req->code, "Tracking code")->required();
  sub.add_option("OUTCOME", req->outcome,
                 "accept (立案), merge (并案, with --into), return (退回修改, with --reason), "
                 "withdraw (撤回 at the deputy's request, with --reason), resubmit (the deputy's "
                 "revised --title and/or --content)")
      ->required()
      ->check(CLI::IsMember({"accept", "merge", "return", "withdraw", "resubmit"}));
  sub.add_option("--into", req->into, "merge: the suggestion it joins");
  sub.add_option("--reason", req->reason, "Why (told to the deputy; required but for accept)");
  sub.add_option("--title", req->title, "resubmit: the revised title");
  sub.add_option("--content", req->content, "resubmit: the revised text");
  sub.add_option("--deputy", req->deputy, "resubmit: the lead deputy resubmitting (its key: itself)");
  sub.add_option("--actor", req->actor, "Who decides (recorded as staff:NAME)")->envname("DUBAN_ACTOR");
  return [req](const Context& ctx) {
    return CallAndPrint<svc::Review>(
        ctx, *req,
        [&](const ReviewReply& r) {
          std::cout << r.code << " → " << r.state << " " << protocol::StateLabel(r.state)
                    << (r.into.empty() ? "" : " into " + r.into) << " (version " << r.version
                    << ")\n";
        },
        [&](const ReviewReply& r) {
          return protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes});
        });
  };
}

// ---- committee ----------------------------------------------------------------------------------

Action SetUpCommittee(CLI::App& sub) {
  auto req = std::make_shared<CommitteeRequest>();
  sub.require_subcommand(1);
  auto sup = std::make_shared<SuperviseRequest>();
  CLI::App* note = sub.add_subcommand("note", "Record a committee's supervision note (督办意见)");
  CLI::App* visit = sub.add_subcommand("visit", "Record a committee's visit (走访, 视察)");
  for (CLI::App* app : {note, visit}) {
    app->add_option("CODE", sup->code, "Tracking code")->required();
    app->add_option("--committee", sup->committee,
                    "The committee recording it (its key's id); none: staff record it");
    app->add_option("--text", sup->text, "What was found, asked or agreed")->required();
    app->add_option("--actor", sup->actor, "Who records it")->required()->envname("DUBAN_ACTOR");
  }
  visit->add_option("--date", sup->date, "The day of the visit, YYYY-MM-DD (default today)");
  auto prop = std::make_shared<ProposeRequest>();
  CLI::App* propose =
      sub.add_subcommand("propose", "A committee proposes it for the directors' meeting agenda");
  propose->add_option("CODE", prop->code, "Tracking code")->required();
  propose->add_option("--committee", prop->committee, "The committee proposing (its key's id)")
      ->required();
  propose->add_option("--reason", prop->reason, "Why the directors should take it up")->required();
  propose->add_option("--actor", prop->actor, "Who proposes")->required()->envname("DUBAN_ACTOR");
  CLI::App* set = sub.add_subcommand("set", "Set the committee that supervises a suggestion");
  set->add_option("CODE", req->code, "Tracking code")->required();
  set->add_option("COMMITTEE", req->committee, "Committee id of the units file (e.g. jkww)")
      ->required();
  set->add_option("--actor", req->actor, "Who changes it (recorded as staff:NAME)")
      ->required()
      ->envname("DUBAN_ACTOR");
  set->add_option("--note", req->note, "Why (recorded in the timeline)");
  return [req, sup, note, visit, prop, propose](const Context& ctx) {
    if (propose->parsed()) {
      return CallAndPrint<svc::Propose>(
          ctx, *prop,
          [&](const ProposeReply& r) {
            std::cout << r.code << ": on the directors' agenda as item " << r.item << " ("
                      << r.result << ")\n";
          },
          [&](const ProposeReply& r) {
            return protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes});
          });
    }
    if (note->parsed() || visit->parsed()) {
      SuperviseRequest r = *sup;
      r.kind = visit->parsed() ? "visit" : "note";
      return CallAndPrint<svc::Supervise>(
          ctx, r,
          [&](const SuperviseReply& reply) {
            std::cout << reply.code << ": " << r.kind << " recorded (version " << reply.version
                      << ")\n";
          },
          [&](const SuperviseReply& reply) {
            return protocol::ToJson(reply, JsonOptions{ctx.utc_offset_minutes});
          });
    }
    return CallAndPrint<svc::Committee>(
        ctx, *req,
        [&](const CommitteeReply& r) {
          std::cout << r.code << ": supervised by committee " << r.committee << " (version "
                    << r.version << ")\n";
        },
        [&](const CommitteeReply& r) {
          return protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes});
        });
  };
}

}  // namespace duban::ctl
