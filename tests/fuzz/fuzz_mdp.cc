// Fuzz target: the 7/MDP frame decoders of common/protocol/mdp.h, as each peer sees its socket.
// Input: the frames of one ZeroMQ message, separated by fuzz_check.h's kPartSeparator.
//
// Invariants checked beyond "no crash":
//   - every parse that succeeds is exact: building the same message again with the builders of
//     mdp.h gives back the input frames, frame for frame (nothing dropped, nothing invented);
//   - ParseBrokerInbound and ParseWorkerInbound refuse any message whose delimiter is not empty;
//   - what the broker builds for a client or a worker from the parsed values parses on the other
//     side to the same service, address and body.
#include <cstddef>
#include <cstdint>
#include <variant>

#include "common/protocol/mdp.h"
#include "tests/fuzz/fuzz_check.h"

using namespace duban;
using namespace duban::protocol;
using duban::fuzz::SplitInput;

namespace {

std::string Show(const Frames& f) {
  std::string out = std::to_string(f.size()) + " frames:";
  for (const auto& s : f) out += " [" + std::to_string(s.size()) + "B]";
  return out;
}

Frames WithId(const std::string& id, Frames rest) {
  rest.insert(rest.begin(), id);
  return rest;
}

void CheckBrokerSide(const Frames& in) {
  Result<BrokerInbound> r = ParseBrokerInbound(in);
  if (!r.ok()) return;
  FUZZ_CHECK(in.size() >= 3 && in[1].empty(), "accepted without an empty delimiter: " + Show(in));
  if (const auto* c = std::get_if<ClientRequest>(&*r)) {
    FUZZ_CHECK(!c->service.empty(), "client request with an empty service");
    FUZZ_CHECK(WithId(c->sender, ClientToBroker(c->service, c->body)) == in,
               "client request not exact: " + Show(in));
    // The broker answers with the same service and body; the client must read them back.
    Frames reply = BrokerToClient(c->sender, c->service, c->body);
    Result<ClientReply> back = ParseClientInbound(Frames(reply.begin() + 1, reply.end()));
    FUZZ_CHECK(back.ok() && back->service == c->service && back->body == c->body,
               "client cannot read the broker's reply");
    return;
  }
  const auto& w = std::get<WorkerMessage>(*r);
  Frames rebuilt;
  switch (w.command) {
    case WorkerCommand::kReady: rebuilt = WorkerReady(w.service); break;
    case WorkerCommand::kReply: rebuilt = WorkerReply(w.client_address, w.body); break;
    case WorkerCommand::kHeartbeat: rebuilt = WorkerHeartbeat(); break;
    case WorkerCommand::kDisconnect: rebuilt = WorkerDisconnect(); break;
    case WorkerCommand::kRequest:
      FUZZ_CHECK(false, "the broker accepted a REQUEST from a worker");
  }
  FUZZ_CHECK(WithId(w.sender, rebuilt) == in,
             std::string(WorkerCommandName(w.command)) + " not exact: " + Show(in));
  if (w.command == WorkerCommand::kReply) {
    // The broker hands the reply's body on to a worker request of the same address: a worker must
    // read the same address and body.
    Frames req = BrokerToWorkerRequest(w.sender, w.client_address, w.body);
    Result<BrokerCommand> back = ParseWorkerInbound(Frames(req.begin() + 1, req.end()));
    FUZZ_CHECK(back.ok() && back->command == WorkerCommand::kRequest &&
                   back->client_address == w.client_address && back->body == w.body,
               "worker cannot read the broker's request");
  }
}

void CheckWorkerSide(const Frames& in) {
  Result<BrokerCommand> r = ParseWorkerInbound(in);
  if (!r.ok()) return;
  FUZZ_CHECK(in.size() >= 3 && in[0].empty(), "accepted without an empty delimiter: " + Show(in));
  switch (r->command) {
    case WorkerCommand::kRequest: {
      Frames rebuilt = BrokerToWorkerRequest("id", r->client_address, r->body);
      FUZZ_CHECK(Frames(rebuilt.begin() + 1, rebuilt.end()) == in, "REQUEST not exact: " + Show(in));
      break;
    }
    case WorkerCommand::kHeartbeat:
    case WorkerCommand::kDisconnect: {
      // The worker side ignores frames after the command (the broker side refuses them); the
      // first three must still be the command itself.
      Frames head(in.begin(), in.begin() + 3);
      FUZZ_CHECK(head == (r->command == WorkerCommand::kHeartbeat ? WorkerHeartbeat()
                                                                   : WorkerDisconnect()),
                 "HEARTBEAT/DISCONNECT not exact: " + Show(in));
      break;
    }
    default:
      FUZZ_CHECK(false, "a worker accepted " + std::string(WorkerCommandName(r->command)));
  }
}

void CheckClientSide(const Frames& in) {
  Result<ClientReply> r = ParseClientInbound(in);
  if (!r.ok()) return;
  FUZZ_CHECK(ClientToBroker(r->service, r->body) == in, "client reply not exact: " + Show(in));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Frames frames = SplitInput({reinterpret_cast<const char*>(data), size}, 64);
  CheckBrokerSide(frames);
  CheckWorkerSide(frames);
  CheckClientSide(frames);
  return 0;
}
