// BrokerClient: how dubanctl talks to the broker's duban.* services. A request is one 7/MDP
// message with ONE body frame, Encode(request); the reply's body frame 0 decodes with
// DecodeReply<ReplyType>. Also the exit codes every command shares, and the options given before
// (or after) any command.
//
// A failed call is one of three things, and the exit code says which, so scripts can branch:
//   - the broker refused ({"ok":false,"code":...}): exit 1, "error: CODE: message";
//   - the broker's answer could not be read (version skew, not a broker): exit 1, PROTOCOL_ERROR;
//   - no answer within --timeout, or the socket failed: exit 3, with a hint to start the broker.
//
// Thread rules: a BrokerClient owns a ZeroMQ socket and is used on the thread that created it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "common/protocol/codec.h"
#include "common/protocol/services.h"
#include "common/transport/mdp_client.h"

namespace duban::ctl {

// Exit codes (`dubanctl --help` lists them; keep kExitCodesHelp in step).
inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;  // the broker refused, or answered something unreadable
inline constexpr int kExitUsage = 2;    // bad command line
inline constexpr int kExitNoReply = 3;  // broker unreachable or no reply within --timeout
inline constexpr int kExitBadFile = 4;  // an input file could not be read or parsed
extern const char* const kExitCodesHelp;

inline constexpr char kDefaultBroker[] = "tcp://127.0.0.1:5555";
inline constexpr std::int64_t kDefaultTimeoutMs = 5000;
inline constexpr std::int64_t kDefaultUtcOffsetMinutes = 480;  // Asia/Shanghai (UTC+8, no DST)

struct GlobalOptions {
  std::string broker = kDefaultBroker;  // --broker, else $DUBAN_BROKER
  std::int64_t timeout_ms = kDefaultTimeoutMs;
  bool json = false;   // machine output: the reply as JSON on stdout
  std::string config;  // optional duban.toml: unit names and the jurisdiction's time zone
  std::string key;         // --key, else $DUBAN_KEY, else ./var/keys/dubanctl.key if present
  std::string server_key;  // --server-key, else $DUBAN_SERVER_KEY, else ./var/keys/broker.pub
  std::string as;          // --as NAME: the key NAME.key of the local key set
  std::string on_behalf;   // --on-behalf ROLE/PERSON: a delegate key acting for a person
  bool no_key = false;     // --no-key: no CURVE (a broker without keys, its public endpoint)
  std::optional<transport::ClientCurve> curve;  // read from the two above (none: no CURVE)
};

// What every command receives: the options, plus what --config added for display.
struct Context {
  GlobalOptions options;
  std::map<std::string, std::string> unit_names;  // unit id -> name (empty without --config)
  std::int64_t utc_offset_minutes = kDefaultUtcOffsetMinutes;

  // "市教育局 (jyj)" when the name is known, else the id.
  std::string UnitLabel(const std::string& id) const;
};

// Why a call failed. exit_code is kExitRefused or kExitNoReply.
struct CallFailure {
  int exit_code = kExitRefused;
  Status status;     // the broker's status (refused), or the local/transport one
  std::string text;  // the line to print after "error: "
};

template <typename T>
struct Answer {
  std::optional<T> reply;  // set on success
  CallFailure failure;     // meaningful when !ok()
  bool ok() const { return reply.has_value(); }
};

// Prints "error: <text>" on stderr and returns the failure's exit code.
int ReportFailure(const CallFailure& f);

class BrokerClient {
 public:
  // InvalidArgument for an endpoint ZeroMQ refuses (a usage error: exit 2). Connects lazily, so an
  // absent broker shows up only as a timeout on the first call.
  // `on_behalf` ("unit:jyj/张三", a delegate key only): every request acts for that person.
  static Result<std::unique_ptr<BrokerClient>> Create(
      const std::string& endpoint, std::int64_t timeout_ms,
      const std::optional<transport::ClientCurve>& curve = std::nullopt,
      const std::string& on_behalf = "");

  // One request, one reply, within the timeout.
  template <typename Reply, typename Request>
  Answer<Reply> Call(const std::string& service, const Request& request) {
    auto frames = client_->Request(service, Body(protocol::Encode(request)), timeout_ms_);
    if (!frames.ok()) return {std::nullopt, TransportFailure(frames.status())};
    return Decode<Reply>(*frames);
  }

  // The same for the service S of the table of services (common/protocol/services.h).
  template <typename S>
  Answer<typename S::Reply> Call(const typename S::Request& request) {
    return Call<typename S::Reply>(std::string(S::kName), request);
  }

  // Pipelined use: send several requests now, collect the replies in order later. The broker
  // answers one client's requests of one service in the order they were sent (see submit.cc for
  // why that holds for duban.submit). Send fails only when the socket does (exit 3).
  template <typename Request>
  std::optional<CallFailure> Send(const std::string& service, const Request& request) {
    Status s = client_->Send(service, Body(protocol::Encode(request)));
    if (!s.ok()) return TransportFailure(s);
    return std::nullopt;
  }
  template <typename S>
  std::optional<CallFailure> Send(const typename S::Request& request) {
    return Send(std::string(S::kName), request);
  }
  // The next reply, which must be from `service`; a kExitNoReply failure after the timeout.
  template <typename Reply>
  Answer<Reply> Receive(const std::string& service) {
    auto reply = client_->Receive(timeout_ms_);
    if (!reply.ok()) return {std::nullopt, TransportFailure(reply.status())};
    if (reply->service != service) {
      return {std::nullopt, UnreadableReply("reply for service '" + reply->service +
                                            "', expected '" + service + "'")};
    }
    return Decode<Reply>(reply->body);
  }

  template <typename S>
  Answer<typename S::Reply> Receive() {
    return Receive<typename S::Reply>(std::string(S::kName));
  }

  const std::string& endpoint() const { return endpoint_; }
  std::int64_t timeout_ms() const { return timeout_ms_; }

 private:
  BrokerClient(std::string endpoint, std::int64_t timeout_ms,
               std::unique_ptr<transport::MdpClient> client, std::string on_behalf)
      : endpoint_(std::move(endpoint)), timeout_ms_(timeout_ms), client_(std::move(client)),
        on_behalf_(std::move(on_behalf)) {}

  // The body frames of one request: the delegation's two frames first when there is one.
  protocol::Frames Body(std::string encoded) const {
    if (on_behalf_.empty()) return {std::move(encoded)};
    return {std::string(protocol::kOnBehalfFrame), on_behalf_, std::move(encoded)};
  }

  template <typename Reply>
  Answer<Reply> Decode(const protocol::Frames& body) {
    if (body.size() != 1) {
      return {std::nullopt, UnreadableReply("the reply has " + std::to_string(body.size()) +
                                            " body frames, expected 1")};
    }
    auto decoded = protocol::DecodeReply<Reply>(body[0]);
    if (decoded.ok()) return {std::move(decoded).value(), {}};
    return {std::nullopt, ClassifyDecodeFailure(body[0], decoded.status())};
  }

  // DeadlineExceeded / Unavailable -> no reply (exit 3); anything else -> unreadable (exit 1).
  CallFailure TransportFailure(const Status& s) const;
  // A reply that says {"ok":false} is a refusal; any other decode failure is an unreadable reply.
  static CallFailure ClassifyDecodeFailure(const std::string& body, const Status& s);
  static CallFailure UnreadableReply(const std::string& why);

  std::string endpoint_;
  std::int64_t timeout_ms_;
  std::unique_ptr<transport::MdpClient> client_;
  std::string on_behalf_;
};

}  // namespace duban::ctl
