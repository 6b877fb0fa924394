#include "dubanctl/broker_client.h"

#include <iostream>

namespace duban::ctl {

const char* const kExitCodesHelp =
    "Exit codes:\n"
    "  0  ok\n"
    "  1  the broker refused the request (\"error: CODE: message\" on stderr, its Chinese\n"
    "     words on the next line), or answered\n"
    "     something dubanctl cannot read; submit: at least one item failed; verify: an audit\n"
    "     chain failed verification; check: a stuck suggestion was found\n"
    "  2  usage error (unknown command or option, missing argument)\n"
    "  3  the broker is unreachable or did not answer within --timeout\n"
    "  4  an input file (--file, --config) could not be read or parsed\n";

std::string Context::UnitLabel(const std::string& id) const {
  auto it = unit_names.find(id);
  if (it == unit_names.end() || it->second.empty()) return id;
  return it->second + " (" + id + ")";
}

int ReportFailure(const CallFailure& f) {
  std::cerr << "error: " << f.text << '\n';
  // The broker's Chinese words for a refusal, on a line of their own (scripts match the first).
  if (f.exit_code == kExitRefused && !f.status.zh().empty()) {
    std::cerr << "       " << f.status.zh() << '\n';
  }
  return f.exit_code;
}

Result<std::unique_ptr<BrokerClient>> BrokerClient::Create(
    const std::string& endpoint, std::int64_t timeout_ms,
    const std::optional<transport::ClientCurve>& curve, const std::string& on_behalf) {
  DUBAN_ASSIGN_OR_RETURN(auto client, transport::MdpClient::Create(endpoint, curve));
  return std::unique_ptr<BrokerClient>(
      new BrokerClient(endpoint, timeout_ms, std::move(client), on_behalf));
}

CallFailure BrokerClient::TransportFailure(const Status& s) const {
  if (s.code() == StatusCode::kDeadlineExceeded) {
    return {kExitNoReply, s,
            "no reply from the broker at " + endpoint_ + " within " + std::to_string(timeout_ms_) +
                " ms — is duban-broker running? (scripts/run starts it)"};
  }
  if (s.code() == StatusCode::kPermissionDenied) return {kExitRefused, s, s.ToString()};
  if (s.code() == StatusCode::kUnavailable) {
    return {kExitNoReply, s, "cannot talk to the broker at " + endpoint_ + ": " + s.message()};
  }
  return UnreadableReply(s.ToString());
}

CallFailure BrokerClient::ClassifyDecodeFailure(const std::string& body, const Status& s) {
  auto reader = protocol::MapReader::Parse(body);
  bool ok = true;
  if (reader.ok() && reader->Bool("ok", &ok).ok() && !ok) {
    return {kExitRefused, s, s.ToString()};
  }
  return UnreadableReply(s.ToString());
}

CallFailure BrokerClient::UnreadableReply(const std::string& why) {
  Status s = ProtocolError("cannot read the broker's reply (" + why +
                           "); are dubanctl and duban-broker the same version?");
  return {kExitRefused, s, s.ToString()};
}

}  // namespace duban::ctl
