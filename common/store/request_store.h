// RequestStore: the requests from the people (社情民意) in Redis (common/store/lua/request.lua):
// each request's record and history, the lists by arrival and by deputy or station, the due
// acknowledgement reminders, the per-deputy and per-station counts. Every change is one script; a
// change of the record is a compare-and-set on its version.
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

// What a new request needs besides its record.
struct NewRequest {
  std::string year;        // of its code, R<year>-00001-<suffix>
  std::string suffix;      // random letters and digits: a code is not guessed from another
  std::string request_id;  // a retry with it returns the same request
  std::string digest;      // of what was asked: the same request id for another request is refused
  std::int64_t ttl_s = 0;  // how long the request id is remembered
  Millis ack_due_ms = 0;   // the end of its acknowledgement day
  Millis remind_ms = 0;    // when its deputies are reminded (0: not before the due day)
  std::string notice_text, remind_text, overdue_text;
  std::string actor, note;
  std::vector<std::string> recipients;  // deputy:<id>...
  // The mail and SMS channels of each recipient and then of `staff` (who is told when it goes
  // unacknowledged), comma-separated ("mail,sms", "" for none): config::ChannelsFor.
  std::vector<std::string> channels;
};

// A record as read, with its version for a later Update.
struct StoredRequest {
  protocol::PeopleRequest request;  // code and history filled
  std::int64_t version = 0;
};

class RequestStore {
 public:
  explicit RequestStore(TaskStore& store) : store_(store) {}

  // Keeps `r` (its code is made here) unless the request id was seen; {code, "new"|"known"}.
  // FailedPrecondition: the request id was used for another request.
  Result<std::pair<std::string, std::string>> Submit(Millis now, const protocol::PeopleRequest& r,
                                                     const NewRequest& n);
  Result<StoredRequest> Get(const std::string& code);  // NotFound
  // False when the version moved since `expect_version` (nothing written).
  Result<bool> Update(Millis now, const protocol::PeopleRequest& r, std::int64_t expect_version,
                      const std::string& actor, const std::string& action,
                      const std::string& note, Millis acked_ms);
  // The request id the codes are converted under (the first set wins). FailedPrecondition,
  // NotFound.
  Result<std::string> Converting(const std::string& request_id,
                                 const std::vector<std::string>& codes);
  // Newest first; `to` "" = every request.
  Result<std::vector<protocol::PeopleRequest>> List(const std::string& to, Millis from_ms,
                                                    Millis to_ms, std::int64_t limit);
  Result<std::vector<protocol::RequestCount>> Counts(Millis from_ms, Millis to_ms);
  // Sends the acknowledgement reminders and overdue notices due by `now`; how many.
  Result<std::int64_t> Sweep(Millis now, std::int64_t limit);

 private:
  Result<protocol::PeopleRequest> Decode(const std::string& code, const std::string& doc);
  TaskStore& store_;
};

}  // namespace duban::store
