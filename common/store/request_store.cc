#include "common/store/request_store.h"

#include "common/protocol/codec.h"
#include "common/store/reply_fields.h"

namespace duban::store {

namespace {
std::string Bare(protocol::PeopleRequest r) {
  r.code.clear();
  r.history.clear();
  return protocol::EncodeBare(r);
}
}  // namespace

Result<protocol::PeopleRequest> RequestStore::Decode(const std::string& code,
                                                     const std::string& doc) {
  auto r = protocol::DecodeBare<protocol::PeopleRequest>(doc);
  if (!r.ok()) return Internal("stored request " + code + " is corrupt: " + r.status().message());
  r->code = code;
  return r;
}

Result<std::pair<std::string, std::string>> RequestStore::Submit(Millis now,
                                                                 const protocol::PeopleRequest& r,
                                                                 const NewRequest& n) {
  std::vector<std::string> args{std::to_string(now), "submit", n.year, n.suffix, n.request_id,
                                n.digest, std::to_string(n.ttl_s), r.to,
                                Bare(r), std::to_string(n.ack_due_ms), std::to_string(n.remind_ms),
                                n.notice_text, n.remind_text, n.overdue_text, n.actor, n.note,
                                std::to_string(n.recipients.size())};
  args.insert(args.end(), n.recipients.begin(), n.recipients.end());
  for (std::size_t k = 0; k <= n.recipients.size(); ++k) {
    args.push_back(k < n.channels.size() ? n.channels[k] : "");
  }
  DUBAN_ASSIGN_OR_RETURN(Reply reply, store_.Call("request", std::move(args)));
  if (reply.elements.size() != 2) return Shape("request");
  return std::make_pair(Str(reply.elements[0]), Str(reply.elements[1]));
}

Result<StoredRequest> RequestStore::Get(const std::string& code) {
  DUBAN_ASSIGN_OR_RETURN(Reply reply, store_.Call("request_read", {"0", "get", code}));
  if (reply.elements.size() != 3) return Shape("request");
  StoredRequest out;
  DUBAN_ASSIGN_OR_RETURN(out.request, Decode(code, reply.elements[0].str));
  out.version = Int(reply.elements[1]);
  for (const Reply& e : reply.elements[2].elements) {
    // cmsgpack maps written by request.lua: {at_ms, actor, action, note}.
    auto ev = protocol::DecodeBare<protocol::RequestEvent>(e.str);
    if (!ev.ok()) {
      return Internal("request " + code + ": an unreadable history entry (" +
                      ev.status().message() + ")");
    }
    out.request.history.push_back(std::move(*ev));
  }
  return out;
}

Result<bool> RequestStore::Update(Millis now, const protocol::PeopleRequest& r,
                                  std::int64_t expect_version, const std::string& actor,
                                  const std::string& action, const std::string& note,
                                  Millis acked_ms) {
  DUBAN_ASSIGN_OR_RETURN(
      Reply reply, store_.Call("request", {std::to_string(now), "update", r.code,
                                           std::to_string(expect_version), r.state, Bare(r),
                                           actor, action, note, std::to_string(acked_ms)}));
  return Int(reply) == 1;
}

Result<std::string> RequestStore::Converting(const std::string& request_id,
                                             const std::vector<std::string>& codes) {
  std::vector<std::string> args{"0", "converting", request_id, std::to_string(codes.size())};
  args.insert(args.end(), codes.begin(), codes.end());
  DUBAN_ASSIGN_OR_RETURN(Reply reply, store_.Call("request", std::move(args)));
  return Str(reply);
}

Result<std::vector<protocol::PeopleRequest>> RequestStore::List(const std::string& to,
                                                                Millis from_ms, Millis to_ms,
                                                                std::int64_t limit) {
  DUBAN_ASSIGN_OR_RETURN(
      Reply reply, store_.Call("request_read", {"0", "list", to, std::to_string(from_ms),
                                           std::to_string(to_ms), std::to_string(limit)}));
  std::vector<protocol::PeopleRequest> out;
  for (const Reply& row : reply.elements) {
    if (row.elements.size() != 2) return Shape("request");
    DUBAN_ASSIGN_OR_RETURN(protocol::PeopleRequest r,
                           Decode(Str(row.elements[0]), row.elements[1].str));
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<protocol::RequestCount>> RequestStore::Counts(Millis from_ms, Millis to_ms) {
  DUBAN_ASSIGN_OR_RETURN(Reply reply, store_.Call("request_read", {"0", "counts",
                                                              std::to_string(from_ms),
                                                              std::to_string(to_ms)}));
  std::vector<protocol::RequestCount> out;
  for (const Reply& row : reply.elements) {
    const auto& f = row.elements;
    if (f.size() != 7) return Shape("request");
    out.push_back({Str(f[0]), Int(f[1]), Int(f[2]), Int(f[3]), Int(f[4]), Int(f[5]), Int(f[6])});
  }
  return out;
}

Result<std::int64_t> RequestStore::Sweep(Millis now, std::int64_t limit) {
  DUBAN_ASSIGN_OR_RETURN(Reply reply,
                         store_.Call("request", {std::to_string(now), "sweep",
                                                 std::to_string(limit)}));
  return Int(reply);
}

}  // namespace duban::store
