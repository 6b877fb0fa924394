#include "common/protocol/mdp.h"

namespace duban::protocol {
namespace {

std::string CommandFrame(WorkerCommand c) {
  return std::string(1, static_cast<char>(c));
}

Result<WorkerCommand> ParseCommand(const std::string& frame) {
  if (frame.size() != 1) return ProtocolError("worker command frame must be one byte");
  auto v = static_cast<std::uint8_t>(frame[0]);
  if (v < 0x01 || v > 0x05) return ProtocolError("unknown worker command " + std::to_string(v));
  return static_cast<WorkerCommand>(v);
}

}  // namespace

bool IsNameChars(std::string_view s) {
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool IsValidServiceName(std::string_view name) {
  return !name.empty() && name.size() <= 64 && IsNameChars(name);
}

bool IsValidRequestId(std::string_view id) { return IsValidServiceName(id); }

std::string_view WorkerCommandName(WorkerCommand c) {
  switch (c) {
    case WorkerCommand::kReady: return "READY";
    case WorkerCommand::kRequest: return "REQUEST";
    case WorkerCommand::kReply: return "REPLY";
    case WorkerCommand::kHeartbeat: return "HEARTBEAT";
    case WorkerCommand::kDisconnect: return "DISCONNECT";
  }
  return "?";
}

Result<BrokerInbound> ParseBrokerInbound(const Frames& f) {
  if (f.size() < 3) return ProtocolError("too few frames for 7/MDP");
  if (!f[1].empty()) return ProtocolError("missing empty delimiter frame");
  const std::string& sender = f[0];
  if (f[2] == kClientHeader) {
    if (f.size() < 4) return ProtocolError("client request without service frame");
    if (f[3].empty()) return ProtocolError("client request with empty service name");
    ClientRequest r{sender, f[3], Frames(f.begin() + 4, f.end())};
    return BrokerInbound(std::move(r));
  }
  if (f[2] != kWorkerHeader) return ProtocolError("unknown protocol header");
  if (f.size() < 4) return ProtocolError("worker message without command frame");
  DUBAN_ASSIGN_OR_RETURN(WorkerCommand cmd, ParseCommand(f[3]));
  WorkerMessage m;
  m.sender = sender;
  m.command = cmd;
  switch (cmd) {
    case WorkerCommand::kReady:
      if (f.size() != 5 || f[4].empty()) return ProtocolError("READY needs exactly one service frame");
      m.service = f[4];
      break;
    case WorkerCommand::kReply:
      if (f.size() < 6 || !f[5].empty()) {
        return ProtocolError("REPLY needs client address and empty delimiter");
      }
      m.client_address = f[4];
      m.body.assign(f.begin() + 6, f.end());
      break;
    case WorkerCommand::kHeartbeat:
    case WorkerCommand::kDisconnect:
      if (f.size() != 4) return ProtocolError("HEARTBEAT/DISCONNECT take no further frames");
      break;
    case WorkerCommand::kRequest:
      return ProtocolError("REQUEST is sent by the broker, not by workers");
  }
  return BrokerInbound(std::move(m));
}

Frames BrokerToClient(const std::string& client, const std::string& service, Frames body) {
  Frames f;
  f.reserve(4 + body.size());
  f.push_back(client);
  f.emplace_back();
  f.emplace_back(kClientHeader);
  f.push_back(service);
  for (auto& b : body) f.push_back(std::move(b));
  return f;
}

Frames BrokerToWorkerRequest(const std::string& worker, const std::string& client_address,
                             Frames body) {
  Frames f;
  f.reserve(6 + body.size());
  f.push_back(worker);
  f.emplace_back();
  f.emplace_back(kWorkerHeader);
  f.push_back(CommandFrame(WorkerCommand::kRequest));
  f.push_back(client_address);
  f.emplace_back();
  for (auto& b : body) f.push_back(std::move(b));
  return f;
}

Frames BrokerToWorkerHeartbeat(const std::string& worker) {
  return {worker, "", std::string(kWorkerHeader), CommandFrame(WorkerCommand::kHeartbeat)};
}

Frames BrokerToWorkerDisconnect(const std::string& worker) {
  return {worker, "", std::string(kWorkerHeader), CommandFrame(WorkerCommand::kDisconnect)};
}

Result<BrokerCommand> ParseWorkerInbound(const Frames& f) {
  if (f.size() < 3) return ProtocolError("too few frames from broker");
  if (!f[0].empty()) return ProtocolError("missing empty delimiter frame");
  if (f[1] != kWorkerHeader) return ProtocolError("expected MDPW01 header");
  DUBAN_ASSIGN_OR_RETURN(WorkerCommand cmd, ParseCommand(f[2]));
  BrokerCommand c;
  c.command = cmd;
  if (cmd == WorkerCommand::kRequest) {
    if (f.size() < 5 || !f[4].empty()) {
      return ProtocolError("REQUEST needs client address and empty delimiter");
    }
    c.client_address = f[3];
    c.body.assign(f.begin() + 5, f.end());
  } else if (cmd != WorkerCommand::kHeartbeat && cmd != WorkerCommand::kDisconnect) {
    return ProtocolError("unexpected command from broker: " +
                         std::string(WorkerCommandName(cmd)));
  }
  return c;
}

Frames WorkerReady(const std::string& service) {
  return {"", std::string(kWorkerHeader), CommandFrame(WorkerCommand::kReady), service};
}

Frames WorkerReply(const std::string& client_address, Frames body) {
  Frames f{"", std::string(kWorkerHeader), CommandFrame(WorkerCommand::kReply), client_address,
           ""};
  for (auto& b : body) f.push_back(std::move(b));
  return f;
}

Frames WorkerHeartbeat() {
  return {"", std::string(kWorkerHeader), CommandFrame(WorkerCommand::kHeartbeat)};
}

Frames WorkerDisconnect() {
  return {"", std::string(kWorkerHeader), CommandFrame(WorkerCommand::kDisconnect)};
}

Frames ClientToBroker(const std::string& service, Frames body) {
  Frames f{"", std::string(kClientHeader), service};
  for (auto& b : body) f.push_back(std::move(b));
  return f;
}

Result<ClientReply> ParseClientInbound(const Frames& f) {
  if (f.size() < 3) return ProtocolError("too few frames in reply");
  if (!f[0].empty()) return ProtocolError("missing empty delimiter frame");
  if (f[1] != kClientHeader) return ProtocolError("expected MDPC01 header");
  return ClientReply{f[2], Frames(f.begin() + 3, f.end())};
}

}  // namespace duban::protocol
