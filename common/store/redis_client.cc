#include "common/store/redis_client.h"

#include <hiredis/hiredis.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstring>

#include "common/log.h"

namespace duban::store {
namespace {

Reply Convert(const redisReply* r) {
  Reply out;
  switch (r->type) {
    case REDIS_REPLY_STRING:
      out.type = Reply::Type::kString;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = Reply::Type::kStatus;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ERROR:
      out.type = Reply::Type::kError;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = Reply::Type::kInteger;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = Reply::Type::kArray;
      out.elements.reserve(r->elements);
      for (size_t i = 0; i < r->elements; ++i) out.elements.push_back(Convert(r->element[i]));
      break;
    default:
      out.type = Reply::Type::kNil;
  }
  return out;
}

void Append(redisContext* ctx, const Command& cmd) {
  std::vector<const char*> argv;
  std::vector<size_t> lens;
  argv.reserve(cmd.size());
  lens.reserve(cmd.size());
  for (const auto& a : cmd) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  redisAppendCommandArgv(ctx, static_cast<int>(cmd.size()), argv.data(), lens.data());
}

}  // namespace

namespace {

// %XX in the user and password of a URL.
Result<std::string> PercentDecode(const std::string& s, const std::string& url) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      return InvalidArgument("redis url '" + url + "': bad %-escape in the user or password");
    }
    out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
    i += 2;
  }
  return out;
}

}  // namespace

Result<RedisEndpoint> ParseRedisUrl(const std::string& url) {
  RedisEndpoint ep;
  if (url.rfind("unix://", 0) == 0) {
    std::string rest = url.substr(7);
    auto q = rest.find("?db=");
    if (q != std::string::npos) {
      ep.db = std::atoi(rest.c_str() + q + 4);
      rest = rest.substr(0, q);
    }
    if (rest.empty()) return InvalidArgument("redis url '" + url + "' has no socket path");
    ep.unix_path = rest;
    return ep;
  }
  if (url.rfind("rediss://", 0) == 0) {
    return InvalidArgument("redis url: rediss:// (TLS) is not supported by this build (Debian 12's "
                           "hiredis 0.14 has no TLS); use redis:// over a local TLS tunnel or a "
                           "unix:// socket");
  }
  if (url.rfind("redis://", 0) != 0) {
    return InvalidArgument("redis url must start with redis:// or unix://");
  }
  std::string rest = url.substr(8);
  auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  // The password is never echoed in a message: the URL is reported without it.
  auto at = authority.rfind('@');
  const std::string shown = at == std::string::npos ? url : "redis://…@" + rest.substr(at + 1);
  if (at != std::string::npos) {
    std::string userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    auto colon = userinfo.find(':');
    std::string user = colon == std::string::npos ? "" : userinfo.substr(0, colon);
    std::string password = colon == std::string::npos ? userinfo : userinfo.substr(colon + 1);
    DUBAN_ASSIGN_OR_RETURN(ep.user, PercentDecode(user, shown));
    DUBAN_ASSIGN_OR_RETURN(ep.password, PercentDecode(password, shown));
    if (ep.password.empty()) {
      return InvalidArgument("redis url '" + shown + "': a user needs a password");
    }
  }
  if (slash != std::string::npos && slash + 1 < rest.size()) {
    const std::string db = rest.substr(slash + 1);
    if (db.size() > 5 || db.find_first_not_of("0123456789") != std::string::npos) {
      return InvalidArgument("redis url '" + shown + "': database must be a number");
    }
    ep.db = std::stoi(db);
  }
  auto colon = authority.rfind(':');
  if (colon == std::string::npos) {
    ep.host = authority;
    ep.port = 6379;
  } else {
    ep.host = authority.substr(0, colon);
    const std::string port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) {
      return InvalidArgument("redis url '" + shown + "': bad port");
    }
    ep.port = std::stoi(port);
  }
  if (ep.host.empty() || ep.port <= 0 || ep.port > 65535) {
    return InvalidArgument("redis url '" + shown + "': bad host or port");
  }
  return ep;
}

std::string RedactedRedisUrl(const std::string& url) {
  if (url.rfind("redis://", 0) != 0) return url;
  auto end = url.find('/', 8);
  auto at = url.rfind('@', end);
  if (at == std::string::npos || at < 8) return url;
  auto colon = url.find(':', 8);
  std::string user = colon != std::string::npos && colon < at ? url.substr(8, colon - 8) : "";
  return "redis://" + user + ":***" + url.substr(at);
}

Status ScriptErrorToStatus(const std::string& error) {
  // Lua errors arrive as "DUBAN CODE message" possibly prefixed by "ERR " and suffixed by script
  // location details, depending on how the script raised them.
  if (error.rfind("OOM", 0) == 0) {
    return ResourceExhausted("redis is out of memory (maxmemory reached): nothing was written (" +
                             error + ")");
  }
  if (error.rfind("LOADING", 0) == 0 || error.rfind("BUSY", 0) == 0 ||
      error.rfind("MASTERDOWN", 0) == 0 || error.rfind("TRYAGAIN", 0) == 0) {
    return Unavailable("redis is not ready (" + error + "); retry later");
  }
  auto pos = error.find("DUBAN ");
  if (pos == std::string::npos) return Internal("redis: " + error);
  std::string rest = error.substr(pos + 6);
  auto space = rest.find(' ');
  std::string code = rest.substr(0, space);
  std::string message = space == std::string::npos ? "" : rest.substr(space + 1);
  auto script_info = message.find(" script:");
  if (script_info != std::string::npos) message = message.substr(0, script_info);
  StatusCode c = StatusCodeFromName(code);
  if (c == StatusCode::kOk) c = StatusCode::kInternal;
  return Status(c, message);
}

RedisClient::RedisClient(RedisEndpoint ep, std::int64_t connect_timeout_ms,
                         std::int64_t reconnect_max_ms, ScriptLibrary library)
    : endpoint_(std::move(ep)),
      connect_timeout_ms_(connect_timeout_ms),
      reconnect_max_ms_(reconnect_max_ms),
      library_(std::move(library)) {}

RedisClient::~RedisClient() {
  if (ctx_ != nullptr) redisFree(ctx_);
}

Result<std::unique_ptr<RedisClient>> RedisClient::Create(const std::string& url,
                                                         std::int64_t connect_timeout_ms,
                                                         std::int64_t reconnect_max_ms,
                                                         ScriptLibrary library) {
  DUBAN_ASSIGN_OR_RETURN(RedisEndpoint ep, ParseRedisUrl(url));
  return std::unique_ptr<RedisClient>(
      new RedisClient(std::move(ep), connect_timeout_ms, reconnect_max_ms, std::move(library)));
}

void RedisClient::Disconnect(const std::string& why) {
  last_error_ = why;
  if (ctx_ != nullptr) {
    Logger("store.redis")->warn("redis connection lost: {}", why);
    redisFree(ctx_);
    ctx_ = nullptr;
  }
  backoff_ms_ = backoff_ms_ == 0 ? 100 : std::min<std::int64_t>(backoff_ms_ * 2, reconnect_max_ms_);
  next_attempt_ms_ = real_clock_.NowMs() + backoff_ms_;
}

Status RedisClient::EnsureConnected() {
  if (ctx_ != nullptr) return Status::Ok();
  if (real_clock_.NowMs() < next_attempt_ms_) {
    return Unavailable("redis is unavailable" +
                       (last_error_.empty() ? std::string() : " (" + last_error_ + ")") +
                       "; retry later");
  }
  timeval tv{static_cast<time_t>(connect_timeout_ms_ / 1000),
             static_cast<suseconds_t>((connect_timeout_ms_ % 1000) * 1000)};
  redisContext* c = endpoint_.unix_path.empty()
                        ? redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port, tv)
                        : redisConnectUnixWithTimeout(endpoint_.unix_path.c_str(), tv);
  if (c == nullptr || c->err) {
    std::string err = c ? c->errstr : "allocation failed";
    if (c) redisFree(c);
    Disconnect("connect: " + err);
    return Unavailable("redis is unavailable (" + err + "); retry later");
  }
  // Commands must not hang the loop forever if Redis stops answering.
  timeval io{5, 0};
  redisSetTimeout(c, io);
  ctx_ = c;
  if (!endpoint_.password.empty()) {
    Command auth{"AUTH"};
    if (!endpoint_.user.empty()) auth.push_back(endpoint_.user);
    auth.push_back(endpoint_.password);
    auto r = Run(auth);
    if (!r.ok()) return r.status();
    if (r->is_error()) {
      Disconnect("redis refused the credentials of the url: " + r->str);
      return Unavailable("redis refused the credentials of the url (" + r->str + ")");
    }
  }
  if (endpoint_.db != 0) {
    auto r = Run({"SELECT", std::to_string(endpoint_.db)});
    if (!r.ok()) return r.status();
    if (r->is_error()) {
      Disconnect("SELECT refused: " + r->str);
      return Unavailable("redis refused database " + std::to_string(endpoint_.db) + " (" + r->str +
                         ")");
    }
  }
  if (require_durable_) {
    Status check = CheckServer();
    if (check.code() == StatusCode::kFailedPrecondition) {
      if (allow_unsafe_) {
        Logger("store.redis")->warn("{} — accepted because unsafe Redis settings are allowed",
                                    check.message());
      } else {
        refusal_ = check.message();
        Logger("store.redis")->error("{}", refusal_);
        Disconnect(refusal_);
        return Unavailable(refusal_);
      }
    } else if (!check.ok()) {
      return check;
    }
    refusal_.clear();
  }
  Status s = LoadScripts();
  if (!s.ok()) {
    Disconnect("loading scripts: " + s.message());
    return s.code() == StatusCode::kUnavailable ? s : Unavailable(s.message());
  }
  Logger("store.redis")->info("connected to redis, script library {} loaded ({} functions)",
                              library_.name, library_.functions.size());
  if (on_connect_) {
    // Runs with the connection up (its own calls do not come back here); a failure drops the
    // connection, so every call answers Unavailable until a later connect gets through it.
    Status hook = on_connect_();
    if (!hook.ok()) {
      Logger("store.redis")->error("after connecting: {}", hook.message());
      Disconnect("after connecting: " + hook.message());
      return hook.code() == StatusCode::kUnavailable ? hook : Unavailable(hook.message());
    }
  }
  backoff_ms_ = 0;
  return Status::Ok();
}

namespace {
// The value of `field:` in an INFO reply, "" when absent.
std::string InfoField(const std::string& info, const std::string& field) {
  const std::string key = field + ":";
  for (std::size_t at = 0; at < info.size();) {
    std::size_t end = info.find('\n', at);
    if (end == std::string::npos) end = info.size();
    if (info.compare(at, key.size(), key) == 0) {
      std::string v = info.substr(at + key.size(), end - at - key.size());
      if (!v.empty() && v.back() == '\r') v.pop_back();
      return v;
    }
    at = end + 1;
  }
  return "";
}
}  // namespace

Status RedisClient::CheckServer() {
  // Two settings make an acknowledged write durable and keep it: the AOF (with appendfsync the
  // operator's choice, docs/redis-schema.md#durability) and no eviction (an evicting Redis drops
  // keys, tasks and timers included, to make room). Read from INFO, not CONFIG GET, so that the
  // broker's least-privilege ACL user needs no CONFIG (docs/redis-schema.md#the-brokers-redis-user).
  struct Wanted {
    const char* setting;  // as redis.conf names it
    const char* section;
    const char* field;    // as INFO names it
    const char* want;
  };
  const Wanted wanted[] = {{"appendonly", "persistence", "aof_enabled", "1"},
                           {"maxmemory-policy", "memory", "maxmemory_policy", "noeviction"}};
  for (const Wanted& w : wanted) {
    DUBAN_ASSIGN_OR_RETURN(Reply r, Run({"INFO", w.section}));
    if (r.is_error()) {
      return FailedPrecondition("redis refused INFO " + std::string(w.section) + " (" + r.str +
                                "): Duban cannot check that it keeps what it acknowledges");
    }
    std::string got = InfoField(r.str, w.field);
    if (got != w.want) {
      auto shown = [&](const std::string& v) {
        if (std::string(w.field) == "aof_enabled") return v == "1" ? std::string("yes") : "no";
        return v.empty() ? std::string("(not set)") : v;
      };
      return FailedPrecondition("redis has " + std::string(w.setting) + " '" + shown(got) +
                                "': Duban needs '" + shown(w.want) +
                                "' so that nothing it acknowledged is lost (set it in "
                                "redis.conf, or allow unsafe Redis settings explicitly)");
    }
  }
  return Status::Ok();
}

Status RedisClient::LoadScripts() {
  // Bypass Pipeline()'s EnsureConnected recursion: ctx_ is set. A library of this name is this
  // very source (the name carries its digest), so one that is there needs no load: FUNCTION LIST
  // is a read, answered even at maxmemory, where FUNCTION LOAD would be refused (-OOM) and the
  // broker could not connect to a full Redis to ack and drain.
  if (library_.source.empty()) return Status::Ok();  // a client for plain commands only
  auto exchange = [this](const Command& cmd) -> Result<Reply> {
    Append(ctx_, cmd);
    void* raw = nullptr;
    if (redisGetReply(ctx_, &raw) != REDIS_OK || raw == nullptr) {
      return Unavailable("redis connection failed while loading the script library");
    }
    Reply r = Convert(static_cast<redisReply*>(raw));
    freeReplyObject(raw);
    ++round_trips_;
    return r;
  };
  DUBAN_ASSIGN_OR_RETURN(Reply listed, exchange({"FUNCTION", "LIST", "LIBRARYNAME", library_.name}));
  if (listed.type == Reply::Type::kArray && !listed.elements.empty()) return Status::Ok();
  DUBAN_ASSIGN_OR_RETURN(Reply r, exchange({"FUNCTION", "LOAD", library_.source}));
  if (r.is_error() && r.str.find("already exists") == std::string::npos) {
    return Internal("script library '" + library_.name + "' did not load: " + r.str);
  }
  return Status::Ok();
}

Result<std::vector<Reply>> RedisClient::Pipeline(const std::vector<Command>& commands) {
  DUBAN_RETURN_IF_ERROR(EnsureConnected());
  auto started = std::chrono::steady_clock::now();
  for (const auto& c : commands) Append(ctx_, c);
  std::vector<Reply> out;
  out.reserve(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) {
    void* raw = nullptr;
    if (redisGetReply(ctx_, &raw) != REDIS_OK || raw == nullptr) {
      std::string err = ctx_->errstr;
      Disconnect(err);
      return Unavailable("redis is unavailable (" + err + "); retry later");
    }
    out.push_back(Convert(static_cast<redisReply*>(raw)));
    freeReplyObject(raw);
  }
  ++round_trips_;
  if (rtt_us_.size() < 4096) {
    rtt_us_.push_back(std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count());
  }
  return out;
}

Result<Reply> RedisClient::Run(const Command& command) {
  DUBAN_ASSIGN_OR_RETURN(auto replies, Pipeline({command}));
  return std::move(replies[0]);
}

Result<Reply> RedisClient::Eval(const std::string& script, const std::vector<std::string>& keys,
                                const std::vector<std::string>& args) {
  DUBAN_RETURN_IF_ERROR(EnsureConnected());
  if (std::find(library_.functions.begin(), library_.functions.end(), script) ==
      library_.functions.end()) {
    return Internal("unknown script '" + script + "'");
  }
  for (int attempt = 0; attempt < 2; ++attempt) {
    Command cmd;
    cmd.reserve(3 + keys.size() + args.size());
    cmd.push_back("FCALL");
    cmd.push_back(library_.name + "_" + script);
    cmd.push_back(std::to_string(keys.size()));
    cmd.insert(cmd.end(), keys.begin(), keys.end());
    cmd.insert(cmd.end(), args.begin(), args.end());
    DUBAN_ASSIGN_OR_RETURN(Reply r, Run(cmd));
    if (r.is_error() && r.str.find("Function not found") != std::string::npos && attempt == 0) {
      DUBAN_RETURN_IF_ERROR(LoadScripts());
      continue;
    }
    if (r.is_error()) return ScriptErrorToStatus(r.str);
    return r;
  }
  return Internal("script library '" + library_.name + "' could not be loaded");
}

}  // namespace duban::store
