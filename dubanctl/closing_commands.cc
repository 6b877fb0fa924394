#include "dubanctl/closing_commands.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "common/calendar.h"
#include "common/protocol/labels.h"
#include "common/protocol/messages.h"
#include "dubanctl/json_view.h"

namespace duban::ctl {

using namespace protocol;

namespace {

std::string StateWords(const std::string& state) {
  const std::string_view label = state == "FOLLOW_UP" ? "跟踪落实（回头看）"
                                 : state == "REPLIED" ? "已答复，待测评"
                                                      : protocol::StateLabel(std::string_view(state));
  return label.empty() ? state : state + " (" + std::string(label) + ")";
}

template <typename S>
Action Send(std::shared_ptr<typename S::Request> req) {
  return [req](const Context& ctx) {
    return CallBroker<S>(ctx, *req, [&](const HandlingReply& r) {
      if (ctx.options.json) {
        Print(std::cout, protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes}));
        return;
      }
      std::cout << r.code << " → " << StateWords(r.state) << " (reply round " << r.round
                << ", version " << r.version << ")\n";
      for (const auto& w : r.warnings) std::cerr << "warning: " << w << '\n';
    });
  };
}

// "TEXT@YYYY-MM-DD" -> a commitment draft; the last '@' splits, so the text may hold one.
Result<CommitmentDraft> ParseCommitment(const std::string& arg) {
  const auto at = arg.rfind('@');
  if (at == std::string::npos || at == 0) {
    return InvalidArgument("'" + arg + "' is not TEXT@YYYY-MM-DD");
  }
  CommitmentDraft d{arg.substr(0, at), arg.substr(at + 1)};
  if (!ParseDate(d.due).ok()) return InvalidArgument("'" + d.due + "' is not a date YYYY-MM-DD");
  return d;
}

}  // namespace

Action SetUpReply(CLI::App& sub) {
  auto req = std::make_shared<ReplyRequest>();
  auto commitments = std::make_shared<std::vector<std::string>>();
  sub.add_option("CODE", req->code, "Tracking code (一事一码)")->required();
  sub.add_option("--unit", req->unit, "The lead unit's id (主办单位)")->required();
  sub.add_option("--actor", req->actor, "Who sends the reply for the unit")
      ->required()
      ->envname("DUBAN_ACTOR");
  sub.add_option("--class", req->result_class,
                 "Result class (答复类别): A solved, B being solved (needs commitments), C not "
                 "solvable now, D for reference — as configured")
      ->required();
  sub.add_option("--text", req->text, "The reply (答复内容); never shown by public queries")
      ->required();
  sub.add_option("--signer", req->signer, "Who signed the reply (签发人)")->required();
  sub.add_option("--commitment", *commitments,
                 "A commitment (承诺事项) as TEXT@YYYY-MM-DD (its due date); repeat for several")
      ->check(CLI::Validator(
          [](std::string& s) -> std::string {
            auto d = ParseCommitment(s);
            return d.ok() ? "" : d.status().message();
          },
          "TEXT@YYYY-MM-DD"));
  auto send = Send<svc::UnitReply>(req);
  return [req, commitments, send](const Context& ctx) {
    for (const std::string& c : *commitments) req->commitments.push_back(*ParseCommitment(c));
    return send(ctx);
  };
}

Action SetUpEvaluate(CLI::App& sub) {
  auto req = std::make_shared<EvaluateRequest>();
  sub.add_option("CODE", req->code, "Tracking code (一事一码)")->required();
  sub.add_option("--deputy", req->deputy, "The lead deputy's id (领衔代表)")->required();
  sub.add_option("--satisfaction", req->satisfaction,
                 "satisfied|basic|dissatisfied, or 满意|基本满意|不满意 (as configured)")
      ->required();
  sub.add_option("--reasons", req->reasons, "The deputy's reasons (required for 不满意)");
  sub.add_option("--actor", req->actor,
                 "Who records it when not the deputy, e.g. staff:wang (default deputy:ID)");
  return Send<svc::Evaluate>(req);
}

Action SetUpCloseout(CLI::App& sub) {
  auto req = std::make_shared<CloseoutRequest>();
  sub.add_option("CODE", req->code, "Tracking code (一事一码)")->required();
  sub.add_option("--commitment", req->commitment,
                 "The commitment id (e.g. r1c1, see `dubanctl show`); omitted: every open one");
  sub.add_option("--basis", req->basis, "The close-out basis (销号依据)")->required();
  sub.add_option("--actor", req->actor, "Staff member closing it out")
      ->required()
      ->envname("DUBAN_ACTOR");
  return Send<svc::Closeout>(req);
}

Action SetUpLookback(CLI::App& sub) {
  auto req = std::make_shared<CloseoutRequest>();
  sub.add_option("CODE", req->code, "Tracking code (一事一码)")->required();
  sub.add_option("--findings", req->basis, "What the look-back round (回头看) found")->required();
  sub.add_option("--actor", req->actor, "Staff member")->required()->envname("DUBAN_ACTOR");
  return Send<svc::Lookback>(req);
}

Action SetUpStatus(CLI::App& sub) {
  auto req = std::make_shared<PublicStatusRequest>();
  sub.add_option("CODE", req->code, "Tracking code (一事一码)")->required();
  return [req](const Context& ctx) {
    return CallBroker<svc::StatusByCode>(ctx, *req, [&](const PublicStatus& p) {
      if (ctx.options.json) {
        Print(std::cout, protocol::ToJson(p, JsonOptions{ctx.utc_offset_minutes}));
        return;
      }
      auto field = [](const char* name, const std::string& value) {
        std::cout << name << std::string(14 - std::string_view(name).size(), ' ')
                  << (value.empty() ? "-" : value) << '\n';
      };
      std::cout << p.code << "  " << p.state_label << " (" << p.state << ")\n";
      field("title", p.title);
      field("session", p.session);
      std::string units;
      for (const auto& u : p.units) {
        units += (units.empty() ? "" : ", ") + u.name + (u.role == "lead" ? " (主办)" : " (协办)");
      }
      field("units", units);
      field("deadline", p.deadline);
      field("reply date", p.reply_date);
      field("class", p.result_class);
      field("satisfaction", p.satisfaction);
      field("replies", std::to_string(p.rounds));
    });
  };
}

}  // namespace duban::ctl
