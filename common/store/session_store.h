// SessionStore: the 代表·局长面对面 sessions in Redis (common/store/lua/session.lua): each session's
// description under f2f:{ID}, the ids by date in f2f:all, the request ids seen. The outcomes are
// not here: they are in the discussed suggestions' handling records (services/session_api.cc).
//
// Thread rules: belongs to the thread that owns the TaskStore (the broker loop).
// Every call returns Unavailable when Redis cannot be reached.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/protocol/messages.h"
#include "common/store/task_store.h"

namespace duban::store {

class SessionStore {
 public:
  explicit SessionStore(TaskStore& store) : store_(store) {}

  // Keeps `s` (its id is made here) unless `request_id` was seen; returns {id, "new"|"known"}.
  // NotFound: a code that does not exist (nothing written).
  Result<std::pair<std::string, std::string>> Schedule(Millis now, const std::string& request_id,
                                                       const protocol::Session& s,
                                                       const std::string& actor);
  // NotFound: no such session.
  Result<protocol::Session> Get(const std::string& id);
  // Sessions dated from `from_day` to `to_day` (days since 1970-01-01), by date, at most `limit`.
  Result<std::vector<protocol::Session>> List(std::int64_t from_day, std::int64_t to_day,
                                              std::int64_t limit);

 private:
  Result<protocol::Session> Decode(const Reply& row);
  TaskStore& store_;
};

}  // namespace duban::store
