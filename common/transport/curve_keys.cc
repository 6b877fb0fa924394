#include "common/transport/curve_keys.h"

#include "common/key_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <sstream>

namespace duban::transport {

bool IsZ85Key(std::string_view text) {
  if (text.size() != 40) return false;
  std::string z(text);
  unsigned char raw[32];
  return zmq_z85_decode(raw, z.c_str()) != nullptr;
}

Result<CurveKey> NewCurveKey(std::string name) {
  char pub[41], sec[41];
  if (zmq_curve_keypair(pub, sec) != 0) {
    return Internal(std::string("zmq_curve_keypair: ") + zmq_strerror(zmq_errno()) +
                    " (libzmq built without CURVE?)");
  }
  return CurveKey{std::move(name), pub, sec};
}

Result<CurveKey> ReadKeyFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return NotFound("key file '" + path + "': " + std::strerror(errno));
  }
  CurveKey key;
  DUBAN_RETURN_IF_ERROR(ReadKeyFileFields(
      path, "key file", "name = \"...\", public = \"...\" or secret = \"...\"",
      [&](const std::string& k, const std::string& v, int n) {
        if (k == "name") {
          key.name = v;
        } else if (k == "public" || k == "secret") {
          if (!IsZ85Key(v)) {
            return InvalidArgument("key file '" + path + "' line " + std::to_string(n) + ": " +
                                   k + " is not a 40-character Z85 CurveZMQ key");
          }
          (k == "public" ? key.public_z85 : key.secret_z85) = v;
        } else {
          return InvalidArgument("key file '" + path + "' line " + std::to_string(n) +
                                 ": unknown field '" + k + "'");
        }
        return Status::Ok();
      }));
  if (key.public_z85.empty()) return InvalidArgument("key file '" + path + "' has no public key");
  if (!key.secret_z85.empty() && (st.st_mode & 077) != 0) {
    return PermissionDenied("key file '" + path + "' holds a secret key and is readable by others "
                            "(chmod 600 it)");
  }
  return key;
}

Status WriteKeyFile(const std::string& path, const CurveKey& key, bool with_secret) {
  std::ostringstream text;
  if (with_secret) {
    text << "# Duban CurveZMQ key '" << key.name << "': keep this file secret (mode 0600)\n";
  } else {
    text << "# Duban CurveZMQ public key '" << key.name << "'\n";
  }
  text << "name = \"" << key.name << "\"\npublic = \"" << key.public_z85 << "\"\n";
  if (with_secret) text << "secret = \"" << key.secret_z85 << "\"\n";
  return WriteNewKeyFile(path, text.str(), with_secret ? 0600 : 0644);
}

Status UseClientKey(zmq::socket_t& socket, const CurveKey& mine,
                    const std::string& server_public_z85) {
  if (mine.secret_z85.empty()) return InvalidArgument("key '" + mine.name + "' has no secret part");
  try {
    socket.set(zmq::sockopt::curve_serverkey, server_public_z85);
    socket.set(zmq::sockopt::curve_publickey, mine.public_z85);
    socket.set(zmq::sockopt::curve_secretkey, mine.secret_z85);
  } catch (const zmq::error_t& e) {
    return InvalidArgument(std::string("CURVE keys refused by libzmq: ") + e.what());
  }
  return Status::Ok();
}

Status UseServerKey(zmq::socket_t& socket, const CurveKey& mine, const std::string& zap_domain) {
  if (mine.secret_z85.empty()) return InvalidArgument("key '" + mine.name + "' has no secret part");
  try {
    socket.set(zmq::sockopt::curve_server, 1);
    socket.set(zmq::sockopt::curve_secretkey, mine.secret_z85);
    // libzmq lets every CURVE client in when no ZAP handler is bound (ZMQ_ZAP_ENFORCE_DOMAIN is
    // a draft option Debian's libzmq lacks): the broker binds its handler before this socket and
    // stops it only after (broker/router.cc).
    socket.set(zmq::sockopt::zap_domain, zap_domain);
  } catch (const zmq::error_t& e) {
    return InvalidArgument(std::string("CURVE server key refused by libzmq: ") + e.what());
  }
  return Status::Ok();
}

Result<std::optional<ClientCurve>> LoadClientCurve(const std::string& key_path,
                                                   const std::string& server_key_path) {
  if (key_path.empty() && server_key_path.empty()) return std::optional<ClientCurve>();
  if (key_path.empty() || server_key_path.empty()) {
    return InvalidArgument("--key and --server-key go together (or DUBAN_KEY and "
                           "DUBAN_SERVER_KEY): the client's key file and the broker's public key");
  }
  DUBAN_ASSIGN_OR_RETURN(CurveKey mine, ReadKeyFile(key_path));
  if (mine.secret_z85.empty()) {
    return InvalidArgument("--key '" + key_path + "' is a public key file; give the secret one");
  }
  DUBAN_ASSIGN_OR_RETURN(CurveKey server, ReadKeyFile(server_key_path));
  return std::optional<ClientCurve>(ClientCurve{std::move(mine), server.public_z85});
}

std::string UserIdOf(zmq::message_t& part) {
  const char* v = zmq_msg_gets(part.handle(), "User-Id");  // NULL (no throw) without ZAP
  return v ? std::string(v) : std::string();
}

}  // namespace duban::transport
