#include "dubanctl/request_commands.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "dubanctl/json_view.h"
#include "dubanctl/suggestion_file.h"

namespace duban::ctl {

using namespace protocol;

Table RequestsTable(const std::vector<PeopleRequest>& requests, const Context& ctx) {
  Table t({"CODE", "STATE", "TO", "RECEIVED", "ACK BY", "SUGGESTION", "TEXT"});
  t.SetMaxWidth(6, 60);
  for (const auto& r : requests) {
    t.AddRow({r.code, r.state, r.to, FormatLocalTime(r.received_ms, ctx.utc_offset_minutes),
              r.ack_due, r.suggestion, r.text});
  }
  t.FitColumn(6, TerminalColumns(), 20);
  return t;
}

Table RequestCountsTable(const std::vector<RequestCount>& counts) {
  Table t({"TO", "RECEIVED", "ACKNOWLEDGED", "ON TIME", "ANSWERED", "CONVERTED", "OPEN"});
  for (std::size_t c = 1; c < 7; ++c) t.AlignRight(c);
  for (const auto& c : counts) {
    t.AddRow({c.to, std::to_string(c.received), std::to_string(c.acknowledged),
              std::to_string(c.on_time), std::to_string(c.answered), std::to_string(c.converted),
              std::to_string(c.open)});
  }
  return t;
}

namespace {
void PrintRequest(const Context& ctx, const PeopleRequest& r) {
  std::cout << r.code << "  " << r.state << "  to " << r.to << "  received "
            << FormatLocalTime(r.received_ms, ctx.utc_offset_minutes) << "  acknowledge by "
            << r.ack_due << '\n';
  std::cout << "text: " << r.text << '\n';
  if (!r.contact.empty()) std::cout << "contact: " << r.contact << '\n';
  if (!r.answer.empty()) std::cout << "answer (" << r.answered_by << "): " << r.answer << '\n';
  if (!r.suggestion.empty()) std::cout << "suggestion: " << r.suggestion << '\n';
  if (r.history.empty()) return;
  Table t({"AT", "ACTOR", "ACTION", "NOTE"});
  t.SetMaxWidth(3, 80);
  for (const auto& e : r.history) {
    t.AddRow({FormatLocalTime(e.at_ms, ctx.utc_offset_minutes), e.actor, e.action, e.note});
  }
  t.FitColumn(3, TerminalColumns(), 20);
  t.Print(std::cout);
}
}  // namespace

Action SetUpRequest(CLI::App& sub) {
  sub.require_subcommand(1);
  auto req = std::make_shared<RequestRequest>();
  auto apps = std::make_shared<std::vector<CLI::App*>>();
  auto add = [&](const char* name, const char* help) {
    CLI::App* a = sub.add_subcommand(name, help);
    apps->push_back(a);
    return a;
  };
  CLI::App* submit = add("submit", "A person's request to a deputy or station (public)");
  submit->add_option("--to", req->to, "deputy:ID (一人一码) or station:ID (一家一码)")->required();
  submit->add_option("--text", req->text, "What the person asks")->required();
  submit->add_option("--contact", req->contact, "The person's name and phone (kept private)");
  submit->add_option("--request-id", req->request_id, "Makes a retry return the same request");
  CLI::App* status = add("status", "A request's public progress by its code (public)");
  status->add_option("CODE", req->code, "Request code, e.g. R2026-00001-7KQ3XM")->required();
  CLI::App* list = add("list", "Requests, newest first (a deputy's own and their stations')");
  list->add_option("--to", req->to, "Only those to deputy:ID or station:ID");
  CLI::App* show = add("show", "One request with its contact and history");
  show->add_option("CODE", req->code, "Request code")->required();
  CLI::App* ack = add("ack", "Acknowledge a request (签收)");
  ack->add_option("CODE", req->code, "Request code")->required();
  CLI::App* answer = add("answer", "Answer the person");
  answer->add_option("CODE", req->code, "Request code")->required();
  answer->add_option("--text", req->text, "The answer")->required();
  CLI::App* convert = add("convert", "Turn requests into one suggestion (linked both ways)");
  convert->add_option("CODES", req->codes, "Request codes")->required();
  convert->add_option("--title", req->title, "The suggestion's title")->required();
  convert->add_option("--category", req->category, "Its category");
  convert->add_option("--content", req->content, "Its text (default: the requests' texts)");
  convert->add_option("--deputy-name", req->deputy_name, "The lead deputy's name")->required();
  convert->add_option("--request-id", req->request_id,
                      "Makes a retry return the same suggestion (default: a new random id)");
  CLI::App* counts = add("counts", "Per deputy and station: received, acknowledged, answered, "
                                   "converted (述职)");
  for (CLI::App* a : {list, show, ack, answer, convert, counts}) {
    a->add_option("--deputy", req->deputy,
                  std::string("The deputy acting or asked about (a deputy key: itself)") +
                      (a == convert ? "; leads the suggestion" : ""));
  }
  for (CLI::App* a : {list, counts}) {
    a->add_option("--from", req->from, "First arrival date included, YYYY-MM-DD");
    a->add_option("--until", req->until, "Last arrival date included, YYYY-MM-DD");
  }
  for (CLI::App* a : {submit, ack, answer, convert}) {
    a->add_option("--actor", req->actor, "Who records it")->envname("DUBAN_ACTOR");
  }
  return [req, apps](const Context& ctx) {
    RequestRequest r = *req;
    for (CLI::App* a : *apps) {
      if (a->parsed()) r.action = a->get_name();
    }
    if ((r.action == "convert" || r.action == "submit") && r.request_id.empty()) {
      r.request_id = RandomRequestId();
    }
    return CallAndPrint<svc::Requests>(
        ctx, r,
        [&](const RequestReply& reply) {
          if (r.action == "status" || r.action == "submit") {
            const PublicRequest& p = reply.status;
            std::cout << p.code << "  " << p.state_label << "（" << p.state << "）  "
                      << p.to_label << "  received " << p.received;
            if (!p.acknowledged.empty()) std::cout << "  acknowledged " << p.acknowledged;
            if (!p.answered.empty()) std::cout << "  answered " << p.answered;
            if (!p.suggestion.empty()) std::cout << "  suggestion " << p.suggestion;
            std::cout << (reply.result == "known" ? "  (already, same request id)" : "") << '\n';
          } else if (r.action == "list") {
            RequestsTable(reply.requests, ctx).Print(std::cout);
          } else if (r.action == "counts") {
            RequestCountsTable(reply.counts).Print(std::cout);
          } else if (r.action == "convert") {
            std::cout << "suggestion " << reply.suggestion << " made of";
            for (const auto& q : reply.requests) std::cout << ' ' << q.code;
            std::cout << (reply.result == "known" ? " (already, same requests)" : "") << '\n';
          } else {
            for (const auto& q : reply.requests) PrintRequest(ctx, q);
          }
        },
        [&](const RequestReply& reply) {
          return protocol::ToJson(reply, JsonOptions{ctx.utc_offset_minutes});
        });
  };
}

}  // namespace duban::ctl
