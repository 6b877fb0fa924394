// CurveKeys: CurveZMQ (RFC 26) key pairs on disk and on sockets.
//
// A key file is a few TOML lines, Z85 text as zmq_curve_keypair makes it:
//     # Duban CurveZMQ key 'jyj-clerk': keep this file secret (mode 0600)
//     name = "jyj-clerk"
//     public = "<40 Z85 characters>"
//     secret = "<40 Z85 characters>"
// and its public half (NAME.pub, the same without `secret`) is what the broker's registry and the
// clients' --server-key read. ReadKeyFile reads either.
//
// Thread rules: pure functions, except that the Use* functions set options on a socket the
// calling thread owns.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <zmq.hpp>

#include "common/result.h"

namespace duban::transport {

struct CurveKey {
  std::string name;
  std::string public_z85;
  std::string secret_z85;  // "" when read from a public file
};

// True for 40 Z85 characters that decode to 32 bytes.
bool IsZ85Key(std::string_view text);

// A fresh key pair (libzmq's zmq_curve_keypair). Internal when libzmq has no CURVE.
Result<CurveKey> NewCurveKey(std::string name);

// Reads a key file. NotFound (no such file), PermissionDenied (a secret key file readable by group
// or others), InvalidArgument (not a key file: the line and why).
Result<CurveKey> ReadKeyFile(const std::string& path);
// Writes `key` to `path`: with its secret at mode 0600, else the public half at 0644. Never
// replaces a file: AlreadyExists.
Status WriteKeyFile(const std::string& path, const CurveKey& key, bool with_secret);

// Client side: this socket authenticates with `mine` and accepts only a server holding
// `server_public_z85`. Set before connect.
Status UseClientKey(zmq::socket_t& socket, const CurveKey& mine, const std::string& server_public_z85);
// Server side: CURVE with `mine` (which must hold its secret), every client authenticated by the
// ZAP handler of the socket's context under `zap_domain`, which must be bound before this socket
// binds: without a handler libzmq lets every CURVE client in.
Status UseServerKey(zmq::socket_t& socket, const CurveKey& mine, const std::string& zap_domain);

// What a client (dubanctl, duban-worker, duban-monitor) authenticates with: its key and the
// broker's public key.
struct ClientCurve {
  CurveKey key;
  std::string server_public_z85;
};
// From --key and --server-key (or DUBAN_KEY and DUBAN_SERVER_KEY, which the caller has already
// put in these paths): nullopt when both are "" (no CURVE: a broker without keys); the key files
// read and checked otherwise. InvalidArgument when one is given without the other.
Result<std::optional<ClientCurve>> LoadClientCurve(const std::string& key_path,
                                                   const std::string& server_key_path);

// The ZAP User-Id of a received message part (the authenticated key's name), "" when none.
std::string UserIdOf(zmq::message_t& part);

}  // namespace duban::transport
