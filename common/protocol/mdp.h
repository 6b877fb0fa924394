// ZeroMQ RFC 7/MDP v0.1 framing: the only place that knows the layout of Majordomo frames.
// Everything else handles typed values (ClientRequest, WorkerMessage, ...).
//
// Broker view (ROUTER): every message starts with the peer's routing id, then an empty delimiter.
//   client -> broker: [id]["" ]["MDPC01"][service][body...]
//   broker -> client: [id]["" ]["MDPC01"][service][body...]
//   worker -> broker: [id]["" ]["MDPW01"][cmd] + READY: [service] | REPLY: [client][""][body...]
//                     | HEARTBEAT | DISCONNECT
//   broker -> worker: [id]["" ]["MDPW01"][cmd] + REQUEST: [client][""][body...] | HEARTBEAT
//                     | DISCONNECT
// Peer view (DEALER): the same without the routing id.
//
// Thread rules: pure functions, no state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/protocol/caller.h"
#include "common/result.h"

namespace duban::protocol {

// [A-Za-z0-9._-] only: the characters of service, timer and task names, which become parts of
// Redis keys and of the task address handed to workers, where '{', '}', ':' and '|' have meanings.
bool IsNameChars(std::string_view s);
// A service (or timer) name: 1..64 of IsNameChars.
bool IsValidServiceName(std::string_view name);

// Duban's request ids for 7/MDP clients (docs/protocol.md, "Request ids of 7/MDP clients"): a
// client request whose body starts with the frame kRequestIdFrame and then the id names its
// request; the broker takes both frames off before a worker sees the body, keeps the id with the
// reply, and answers a retry with the same id from that record instead of running it again.
inline constexpr std::string_view kRequestIdFrame = "duban.rid";
// Delegation (docs/security.md, "Attribution"): a program holding a key with the delegate role
// (a web front end) acts for a person by starting the body with the frame kOnBehalfFrame and then
// "ROLE/PERSON" ("unit:jyj/张三"): the request then has exactly that role, and its actor is
// "<key>(as unit:jyj/张三)". The broker takes both frames off before anything else reads the body.
inline constexpr std::string_view kOnBehalfFrame = "duban.as";
// A request id: 1..64 of IsNameChars (a UUID, say).
bool IsValidRequestId(std::string_view id);

inline constexpr std::string_view kClientHeader = "MDPC01";
inline constexpr std::string_view kWorkerHeader = "MDPW01";

enum class WorkerCommand : std::uint8_t {
  kReady = 0x01,
  kRequest = 0x02,
  kReply = 0x03,
  kHeartbeat = 0x04,
  kDisconnect = 0x05,
};
std::string_view WorkerCommandName(WorkerCommand c);

using Frames = std::vector<std::string>;

// A client request as the broker's ROUTER saw it.
struct ClientRequest {
  std::string sender;  // routing id
  std::string service;
  Frames body;
  std::string user;         // the ZAP User-Id "<key name>/<Z85 public key>"; "" without keys
  bool via_public = false;  // came in on the broker's public endpoint (no keys, duban.status)
  Caller caller;            // who it is: set by the broker's loop from `user` and `via_public`
};

// A worker command as the broker's ROUTER saw it.
struct WorkerMessage {
  std::string sender;  // routing id
  std::string user;    // the ZAP User-Id "<key name>/<Z85 public key>"; "" without keys
  WorkerCommand command = WorkerCommand::kHeartbeat;
  std::string service;         // READY only
  std::string client_address;  // REPLY only: the address the broker put in the REQUEST
  Frames body;                 // REPLY only
};

using BrokerInbound = std::variant<ClientRequest, WorkerMessage>;

// Parses what the broker's ROUTER received. ProtocolError (with the reason) when the frames are
// not 7/MDP v0.1: missing delimiter, unknown header, unknown command, missing service, etc.
Result<BrokerInbound> ParseBrokerInbound(const Frames& frames);

// Broker side builders (with the routing id first).
Frames BrokerToClient(const std::string& client, const std::string& service, Frames body);
Frames BrokerToWorkerRequest(const std::string& worker, const std::string& client_address,
                             Frames body);
Frames BrokerToWorkerHeartbeat(const std::string& worker);
Frames BrokerToWorkerDisconnect(const std::string& worker);

// Worker side (DEALER). What a worker receives from the broker.
struct BrokerCommand {
  WorkerCommand command = WorkerCommand::kHeartbeat;
  std::string client_address;  // REQUEST only
  Frames body;                 // REQUEST only
};
Result<BrokerCommand> ParseWorkerInbound(const Frames& frames);
Frames WorkerReady(const std::string& service);
Frames WorkerReply(const std::string& client_address, Frames body);
Frames WorkerHeartbeat();
Frames WorkerDisconnect();

// Client side (DEALER).
struct ClientReply {
  std::string service;
  Frames body;
};
Frames ClientToBroker(const std::string& service, Frames body);
Result<ClientReply> ParseClientInbound(const Frames& frames);

}  // namespace duban::protocol
