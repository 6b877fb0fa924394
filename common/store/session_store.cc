#include "common/store/session_store.h"

#include "common/calendar.h"
#include "common/protocol/codec.h"
#include "common/store/reply_fields.h"

namespace duban::store {

Result<std::pair<std::string, std::string>> SessionStore::Schedule(Millis now,
                                                                   const std::string& request_id,
                                                                   const protocol::Session& s,
                                                                   const std::string& actor) {
  protocol::Session doc = s;
  doc.id.clear();
  doc.items.clear();
  doc.created_by = actor;
  doc.created_ms = now;
  DUBAN_ASSIGN_OR_RETURN(Date date, ParseDate(s.date));
  std::vector<std::string> args{std::to_string(now), "schedule", request_id, s.date,
                                std::to_string(StartOfLocalDay(date, 0) / 86'400'000), actor,
                                protocol::EncodeBare(doc), std::to_string(s.codes.size())};
  args.insert(args.end(), s.codes.begin(), s.codes.end());
  DUBAN_ASSIGN_OR_RETURN(Reply r, store_.Call("session", std::move(args)));
  if (r.elements.size() != 2) return Shape("session");
  return std::make_pair(Str(r.elements[0]), Str(r.elements[1]));
}

Result<protocol::Session> SessionStore::Decode(const Reply& row) {
  if (row.elements.size() != 2) return Shape("session");
  auto s = protocol::DecodeBare<protocol::Session>(row.elements[1].str);
  if (!s.ok()) {
    return Internal("stored session " + Str(row.elements[0]) + " is corrupt: " +
                    s.status().message());
  }
  s->id = Str(row.elements[0]);
  return s;
}

Result<protocol::Session> SessionStore::Get(const std::string& id) {
  DUBAN_ASSIGN_OR_RETURN(Reply r, store_.Call("session_read", {"0", "get", id}));
  return Decode(r);
}

Result<std::vector<protocol::Session>> SessionStore::List(std::int64_t from_day,
                                                          std::int64_t to_day,
                                                          std::int64_t limit) {
  DUBAN_ASSIGN_OR_RETURN(Reply r, store_.Call("session_read", {"0", "list", std::to_string(from_day),
                                                          std::to_string(to_day),
                                                          std::to_string(limit)}));
  std::vector<protocol::Session> out;
  for (const Reply& row : r.elements) {
    DUBAN_ASSIGN_OR_RETURN(protocol::Session s, Decode(row));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace duban::store
