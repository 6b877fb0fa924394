#include "common/transport/mdp_client.h"

#include "common/transport/zmq_frames.h"

namespace duban::transport {

MdpClient::MdpClient(std::string endpoint)
    : endpoint_(std::move(endpoint)), context_(1), socket_(context_, zmq::socket_type::dealer) {}

Result<std::unique_ptr<MdpClient>> MdpClient::Create(const std::string& endpoint) {
  std::unique_ptr<MdpClient> c(new MdpClient(endpoint));
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
    return DeadlineExceeded("no reply from the broker at " + endpoint_ + " within " +
                            std::to_string(timeout_ms) + " ms (is duban-broker running?)");
  }
  DUBAN_ASSIGN_OR_RETURN(auto received, RecvFrames(socket_, 1024, 64 << 20));
  if (!received) return DeadlineExceeded("no reply");
  if (received->oversized) return ResourceExhausted("reply larger than 64 MiB");
  return protocol::ParseClientInbound(received->frames);
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
