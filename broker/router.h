// Router: the broker's ROUTER socket. Receives whole messages in batches (one turn of the
// loop), parses them as 7/MDP, and sends. Bad frames are logged, counted
// ("broker.bad_frames") and dropped here; RFC 7 defines no error reply for them.
//
// With a server key the socket speaks CURVE (RFC 26) and every client is authenticated by the
// KeyGate's ZAP handler; each message then carries its key's name (ClientRequest::user,
// WorkerMessage::user). An optional second socket, the public endpoint, takes clients without
// keys: their requests come marked via_public (the loop lets them call the services whose callers list public: duban.status, duban.request), and
// worker commands there are dropped and counted (broker.public_worker_messages). Replies find
// their socket by the sender: a public client's routing id is prefixed with kPublicTag.
//
// Thread rules: the sockets and their context live on the broker loop thread; the KeyGate's ZAP
// socket lives in the same context on the gate's own thread (stopped after the sockets close).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "common/counters.h"
#include "common/protocol/mdp.h"
#include "common/result.h"
#include "common/transport/curve_keys.h"

namespace duban::broker {

// What one peer may make the broker buffer, in bytes, at the message limit (256 MiB).
inline constexpr std::size_t kBufferedBytesPerPeer = std::size_t{256} << 20;
// The ROUTER's receive high-water mark (messages per peer) for a message limit:
// kBufferedBytesPerPeer / max_message_bytes, between 64 and 100000 (1 MiB: 256).
int HighWaterMark(std::size_t max_message_bytes);

class KeyGate;

// True for an endpoint only this machine reaches: tcp:// on 127.0.0.0/8, localhost or [::1]
// (with a port), ipc:// and inproc://. tcp://*, 0.0.0.0, an interface name or any other
// address is not: the broker binds those only with keys.
bool IsLoopbackEndpoint(const std::string& endpoint);

struct RouterSecurity {
  const transport::CurveKey* server_key = nullptr;  // CURVE on the main socket when set
  KeyGate* gate = nullptr;                          // answers ZAP; required with server_key
  std::string public_endpoint;                      // "" = no public socket
};

// Starts the sender of a message that came in on the public socket, which is then at least 6
// bytes long. libzmq's own routing ids have exactly 5 bytes, the first zero; a main-socket peer
// that names itself an id starting with a zero byte (the range libzmq reserves, which it does not
// enforce) is dropped (ReceiveOne), so no main-socket id can pass for a public one.
inline constexpr std::string_view kPublicTag{"\0pub:", 5};
// The largest message the public endpoint takes (a duban.status request is a few hundred bytes),
// and the messages one anonymous peer may have waiting: at most 256 KiB buffered per peer.
inline constexpr std::size_t kPublicMaxMessageBytes = 4096;
inline constexpr int kPublicReceiveHighWaterMark = 64;

class Router {
 public:
  ~Router();
  // Binds the endpoint(s). InvalidArgument when zmq refuses one (bad syntax, address in use).
  static Result<std::unique_ptr<Router>> Create(const std::string& endpoint,
                                                std::size_t max_message_bytes, Counters& counters,
                                                const RouterSecurity& security = {});

  // Waits up to timeout_ms for input; true when something is readable.
  bool Poll(std::int64_t timeout_ms);
  // Up to `max` parsed messages, without blocking. A client request over the size limit is not
  // returned: its sender gets a RESOURCE_EXHAUSTED error reply at once.
  std::vector<protocol::BrokerInbound> ReceiveBatch(std::size_t max);
  // Sends; a failure (peer gone) is logged and counted, never fatal.
  void Send(const protocol::Frames& frames);
  const std::string& endpoint() const { return endpoint_; }
  // The socket's context: peers in the same process (the story tests, over inproc://) open their
  // sockets on it.
  zmq::context_t& context() { return context_; }

 private:
  Router(std::string endpoint, std::size_t max_message_bytes, Counters& counters);

  std::string endpoint_;
  std::size_t max_message_bytes_;
  Counters& counters_;
  // Reads one message from `socket` into `out`; false when none was waiting.
  bool ReceiveOne(zmq::socket_t& socket, bool is_public, std::vector<protocol::BrokerInbound>* out);

  KeyGate* gate_ = nullptr;  // its ZAP socket lives in context_: stopped first
  zmq::context_t context_;
  zmq::socket_t socket_;
  std::optional<zmq::socket_t> public_;
};

}  // namespace duban::broker
