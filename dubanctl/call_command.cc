#include "dubanctl/call_command.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "common/protocol/mdp.h"
#include "common/utf8.h"
#include "dubanctl/suggestion_file.h"

namespace duban::ctl {
namespace {

struct CallFlags {
  std::string service;
  std::vector<std::string> frames;
  std::string request_id;
  int retries = 3;
};

// The broker's own error answer ({"ok": false, "code", "message"}), or Ok for a worker's reply.
Status BrokerError(const protocol::Frames& body) {
  if (body.size() != 1) return Status::Ok();
  auto reader = protocol::MapReader::Parse(body[0]);
  bool ok = true;
  if (!reader.ok() || !reader->Bool("ok", &ok).ok() || ok) return Status::Ok();
  Status s = protocol::ReadReplyHeader(*reader);
  return s.ok() ? Status::Ok() : s;
}

int RunCall(const Context& ctx, const CallFlags& f) {
  if (!protocol::IsValidServiceName(f.service) || f.service.rfind(protocol::svc::kOwnPrefix, 0) == 0 ||
      f.service.rfind("mmi.", 0) == 0) {
    std::cerr << "error: SERVICE must be a worker service (1..64 of [A-Za-z0-9._-], not duban.* "
                 "or mmi.*), not '" << f.service << "'\n";
    return kExitUsage;
  }
  const std::string rid = f.request_id.empty() ? RandomRequestId() : f.request_id;
  if (!protocol::IsValidRequestId(rid)) {
    std::cerr << "error: --request-id must be 1..64 of [A-Za-z0-9._-]\n";
    return kExitUsage;
  }
  protocol::Frames body{std::string(protocol::kRequestIdFrame), rid};
  if (!ctx.options.on_behalf.empty()) {  // a delegate key acting for a person: those frames first
    body.insert(body.begin(), {std::string(protocol::kOnBehalfFrame), ctx.options.on_behalf});
  }
  body.insert(body.end(), f.frames.begin(), f.frames.end());
  Status last;
  for (int attempt = 1; attempt <= f.retries + 1; ++attempt) {
    // A fresh socket each time: a reply to the abandoned one can never be mistaken for ours.
    auto client = transport::MdpClient::Create(ctx.options.broker, ctx.options.curve);
    if (!client.ok()) {
      std::cerr << "error: " << client.status().ToString() << '\n';
      return kExitUsage;
    }
    auto reply = (*client)->Request(f.service, body, ctx.options.timeout_ms);
    if (!reply.ok()) {
      last = reply.status();
      if (reply.status().code() != StatusCode::kDeadlineExceeded) break;
      if (attempt <= f.retries) {
        std::cerr << "no reply within " << ctx.options.timeout_ms << " ms; retrying with request id "
                  << rid << " (" << attempt << " of " << f.retries << ")\n";
      }
      continue;
    }
    if (Status refused = BrokerError(*reply); !refused.ok()) {
      return ReportFailure({kExitRefused, refused, refused.ToString()});
    }
    if (ctx.options.json) {
      Json frames = Json::array();
      for (const auto& fr : *reply) frames.push_back(PrintableFrame(fr));
      Print(std::cout, Json{{"service", f.service},
                            {"request_id", rid},
                            {"attempts", attempt},
                            {"frames", std::move(frames)}});
    } else {
      for (const auto& fr : *reply) std::cout << PrintableFrame(fr) << '\n';
    }
    return kExitOk;
  }
  return ReportFailure({kExitNoReply, last,
                        last.message() + " (after " + std::to_string(f.retries + 1) +
                            " attempts with request id " + rid + ")"});
}

}  // namespace

std::string PrintableFrame(const std::string& frame) {
  if (IsValidUtf8(frame)) return frame;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "0x";
  for (unsigned char c : frame) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

Action SetUpCall(CLI::App& sub) {
  auto f = std::make_shared<CallFlags>();
  sub.add_option("SERVICE", f->service, "The worker service, e.g. echo")->required();
  sub.add_option("FRAME", f->frames, "The request's body frames, as given");
  sub.add_option("--request-id", f->request_id,
                 "The request's id (1..64 of [A-Za-z0-9._-]); default: a random one. A request "
                 "sent again with the same id runs once and gets the first answer");
  sub.add_option("--retries", f->retries,
                 "Sends again (same request id, new connection) this many times when no reply "
                 "comes within --timeout")
      ->capture_default_str()
      ->check(CLI::Range(0, 100));
  return [f](const Context& ctx) { return RunCall(ctx, *f); };
}

}  // namespace duban::ctl
