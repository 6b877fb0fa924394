#include "common/transport/zmq_frames.h"

#include "common/transport/curve_keys.h"

namespace duban::transport {

Result<std::optional<Received>> RecvFrames(zmq::socket_t& socket, std::size_t max_frames,
                                           std::size_t max_bytes) {
  constexpr std::size_t kKeptHeaderFrames = 4;
  constexpr std::size_t kKeptHeaderBytes = 256;
  Received out;
  std::size_t total = 0;
  try {
    zmq::message_t msg;
    auto first = socket.recv(msg, zmq::recv_flags::dontwait);
    if (!first) return std::optional<Received>();
    std::size_t index = 0;
    while (true) {
      total += msg.size();
      if (index >= max_frames || total > max_bytes) out.oversized = true;
      bool keep = !out.oversized || (index < kKeptHeaderFrames && msg.size() <= kKeptHeaderBytes);
      if (keep && out.frames.size() == index) {
        out.frames.emplace_back(static_cast<const char*>(msg.data()), msg.size());
      }
      ++index;
      // The ZAP User-Id travels on the parts the peer sent (not on the routing id a ROUTER
      // puts first): read it from the last part.
      if (!msg.more()) {
        out.user_id = UserIdOf(msg);
        break;
      }
      if (!socket.recv(msg, zmq::recv_flags::none)) break;
    }
  } catch (const zmq::error_t& e) {
    return Unavailable(std::string("zmq recv: ") + e.what());
  }
  if (out.oversized && out.frames.size() > kKeptHeaderFrames) out.frames.resize(kKeptHeaderFrames);
  return std::optional<Received>(std::move(out));
}

Status SendFrames(zmq::socket_t& socket, const protocol::Frames& frames) {
  try {
    for (std::size_t i = 0; i < frames.size(); ++i) {
      auto flags = i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none;
      flags = flags | zmq::send_flags::dontwait;
      if (!socket.send(zmq::buffer(frames[i]), flags)) {
        return Unavailable("zmq send would block (peer slow or gone)");
      }
    }
  } catch (const zmq::error_t& e) {
    // ROUTER_MANDATORY: the peer this reply is for has gone (a client that disconnected).
    if (e.num() == EHOSTUNREACH) return NotFound("peer is gone (" + std::string(e.what()) + ")");
    return Unavailable(std::string("zmq send: ") + e.what());
  }
  return Status::Ok();
}

}  // namespace duban::transport
