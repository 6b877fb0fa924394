#include "broker/key_gate.h"

#include "common/log.h"
#include "common/transport/zmq_frames.h"

namespace duban::broker {

Result<std::unique_ptr<KeyGate>> KeyGate::Create(std::string path, std::int64_t utc_offset_minutes,
                                                 const Clock& clock, Counters& counters) {
  std::unique_ptr<KeyGate> g(new KeyGate(std::move(path), utc_offset_minutes, clock, counters));
  DUBAN_RETURN_IF_ERROR(g->Reload());
  return g;
}

KeyGate::~KeyGate() { Stop(); }

void KeyGate::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

Status KeyGate::Reload() {
  auto loaded = config::KeyRegistry::Load(path_, utc_offset_minutes_);
  if (!loaded.ok()) return loaded.status();
  auto fresh = std::make_shared<const config::KeyRegistry>(std::move(loaded).value());
  std::lock_guard<std::mutex> lock(mu_);
  registry_ = std::move(fresh);
  return Status::Ok();
}

std::shared_ptr<const config::KeyRegistry> KeyGate::Current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return registry_;
}

std::size_t KeyGate::size() const { return Current()->size(); }

Result<protocol::Caller> KeyGate::Resolve(const std::string& user) const {
  if (user.empty()) return PermissionDenied("the connection carries no key");
  auto slash = user.find('/');
  if (slash == std::string::npos) return PermissionDenied("the connection carries no key");
  const std::string name = user.substr(0, slash), key = user.substr(slash + 1);
  auto reg = Current();
  const config::KeyEntry* e = reg->FindKey(key);
  if (e == nullptr || e->name != name) {
    return PermissionDenied("the key of this connection is no longer '" + name +
                            "' in the key registry");
  }
  return reg->Resolve(name, clock_.NowMs());
}

Status KeyGate::Start(zmq::context_t& context) {
  zmq::socket_t socket(context, zmq::socket_type::rep);
  try {
    socket.set(zmq::sockopt::linger, 0);
    socket.bind("inproc://zeromq.zap.01");
  } catch (const zmq::error_t& e) {
    return Internal(std::string("cannot bind the ZAP handler: ") + e.what());
  }
  thread_ = std::thread([this, s = std::move(socket)]() mutable { Serve(std::move(s)); });
  return Status::Ok();
}

std::pair<std::string, std::string> KeyGate::Decide(const std::string& mechanism,
                                                    const std::string& key) {
  if (mechanism != "CURVE" || key.size() != 32) return {"400", "CURVE required"};
  char z85[41];
  if (zmq_z85_encode(z85, reinterpret_cast<const std::uint8_t*>(key.data()), key.size()) == nullptr) {
    return {"400", "bad key"};
  }
  auto reg = Current();
  const config::KeyEntry* e = reg->FindKey(z85);
  if (e == nullptr) {
    counters_.Increment("broker.keys_refused");
    Logger("broker.keys")->warn("refused an unknown key {} at the handshake", z85);
    return {"400", "unknown key"};
  }
  if (auto who = reg->Resolve(e->name, clock_.NowMs()); !who.ok()) {
    counters_.Increment("broker.keys_refused");
    Logger("broker.keys")->warn("refused key '{}' at the handshake: {}", e->name, who.status().message());
    return {"400", "expired key"};
  }
  Logger("broker.keys")->info("key '{}' connected", e->name);
  // The name and the key: a name given another key later (a key rotated after a leak) no longer
  // resolves for connections made with the old one.
  return {"200", e->name + "/" + z85};
}

void KeyGate::Serve(zmq::socket_t socket) {
  while (!stop_) {
    zmq::pollitem_t items[] = {{socket.handle(), 0, ZMQ_POLLIN, 0}};
    try {
      zmq::poll(items, 1, std::chrono::milliseconds(100));
    } catch (const zmq::error_t& e) {
      if (e.num() == ETERM) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));  // EINTR and the like: no spin
      continue;
    }
    if (!(items[0].revents & ZMQ_POLLIN)) continue;
    auto got = transport::RecvFrames(socket, 16, 4096);
    if (!got.ok() || !got->has_value()) continue;
    const protocol::Frames& f = (*got)->frames;
    // RFC 27: version, request id, domain, address, routing id, mechanism, credentials...
    protocol::Frames reply = {"1.0", f.size() > 1 ? f[1] : "", "500", "bad ZAP request", "", ""};
    if (f.size() >= 6 && f[0] == "1.0") {
      auto [code, text] = Decide(f[5], f.size() > 6 ? f[6] : "");
      reply[2] = code;
      reply[3] = code == "200" ? "OK" : text;
      reply[4] = code == "200" ? text : "";
    }
    if (Status s = transport::SendFrames(socket, reply); !s.ok()) {
      Logger("broker.keys")->error("ZAP reply not sent: {}", s.ToString());
    }
  }
}

}  // namespace duban::broker
