#include "common/transport/mdp_client.h"

#include "common/transport/zmq_frames.h"

#include <cstring>

namespace duban::transport {

MdpClient::MdpClient(std::string endpoint)
    : endpoint_(std::move(endpoint)), context_(1), socket_(context_, zmq::socket_type::dealer) {}

Result<std::unique_ptr<MdpClient>> MdpClient::Create(const std::string& endpoint,
                                                     const std::optional<ClientCurve>& curve) {
  std::unique_ptr<MdpClient> c(new MdpClient(endpoint));
  if (curve) {
    DUBAN_RETURN_IF_ERROR(UseClientKey(c->socket_, curve->key, curve->server_public_z85));
    const std::string addr = "inproc://duban-client-monitor";
    if (zmq_socket_monitor(c->socket_.handle(), addr.c_str(),
                           ZMQ_EVENT_HANDSHAKE_FAILED_AUTH | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL |
                               ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL) == 0) {
      c->monitor_.emplace(c->context_, zmq::socket_type::pair);
      c->monitor_->set(zmq::sockopt::linger, 0);
      c->monitor_->connect(addr);
    }
  }
  try {
    c->socket_.set(zmq::sockopt::linger, 0);
    c->socket_.set(zmq::sockopt::sndhwm, 0);
    c->socket_.set(zmq::sockopt::rcvhwm, 0);
    c->socket_.connect(endpoint);
  } catch (const zmq::error_t& e) {
    return InvalidArgument("cannot connect to '" + endpoint + "': " + e.what());
  }
  return c;
}

Status MdpClient::Send(const std::string& service, protocol::Frames body) {
  return SendFrames(socket_, protocol::ClientToBroker(service, std::move(body)));
}

Result<protocol::ClientReply> MdpClient::Receive(std::int64_t timeout_ms) {
  zmq::pollitem_t items[] = {{socket_.handle(), 0, ZMQ_POLLIN, 0}};
  try {
    zmq::poll(items, 1, std::chrono::milliseconds(timeout_ms));
  } catch (const zmq::error_t& e) {
    return Unavailable(std::string("zmq poll: ") + e.what());
  }
  if (!(items[0].revents & ZMQ_POLLIN)) {
    DUBAN_RETURN_IF_ERROR(HandshakeRefusal());
    return DeadlineExceeded("no reply from the broker at " + endpoint_ + " within " +
                            std::to_string(timeout_ms) + " ms (is duban-broker running?)");
  }
  DUBAN_ASSIGN_OR_RETURN(auto received, RecvFrames(socket_, 1024, 64 << 20));
  if (!received) return DeadlineExceeded("no reply");
  if (received->oversized) return ResourceExhausted("reply larger than 64 MiB");
  return protocol::ParseClientInbound(received->frames);
}

Status MdpClient::HandshakeRefusal() {
  if (!monitor_) return Status::Ok();
  Status refusal = Status::Ok();
  while (true) {
    // A monitor event: a frame of 6 bytes (event number, value), then the endpoint.
    zmq::message_t event, where;
    try {
      if (!monitor_->recv(event, zmq::recv_flags::dontwait)) break;
      if (event.more()) (void)monitor_->recv(where, zmq::recv_flags::none);
    } catch (const zmq::error_t&) {
      break;
    }
    if (event.size() < 6) continue;
    std::uint16_t id = 0;
    std::memcpy(&id, event.data(), sizeof id);
    if (id == ZMQ_EVENT_HANDSHAKE_FAILED_AUTH) {
      refusal = PermissionDenied("the broker at " + endpoint_ +
                                 " refused this key at the handshake (unknown to its registry, "
                                 "expired or revoked)");
    } else {
      refusal = Unavailable("the CurveZMQ handshake with " + endpoint_ +
                            " failed: is --server-key the public key of this broker, and does "
                            "it run with keys?");
    }
  }
  return refusal;
}

Result<protocol::Frames> MdpClient::Request(const std::string& service, protocol::Frames body,
                                            std::int64_t timeout_ms) {
  DUBAN_RETURN_IF_ERROR(Send(service, std::move(body)));
  DUBAN_ASSIGN_OR_RETURN(auto reply, Receive(timeout_ms));
  if (reply.service != service) {
    return ProtocolError("reply for service '" + reply.service + "', expected '" + service + "'");
  }
  return std::move(reply.body);
}

}  // namespace duban::transport
