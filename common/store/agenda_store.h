// AgendaStore: the typed interface to the agenda's Redis state (agenda_scripts.h): agenda items,
// meeting dates set by staff, hot marks, bundles, and the scan the hot rules read. One EVALSHA per
// call; every change is one atomic script that also writes the audit entries it owes.
//
// Thread rules: belongs to the thread that owns its RedisClient (the broker loop).
// Every call returns Unavailable when Redis cannot be reached; domain refusals come back as the
// script raised them (NotFound, FailedPrecondition, AlreadyExists).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/protocol/messages.h"
#include "common/store/redis_client.h"

namespace duban::store {

// An agenda item as stored; `meetings` of the protocol item is left 0 for the caller to count.
struct AgendaItemRow {
  protocol::AgendaItem item;  // title and lead_unit filled for bundles only (topic, lead)
};

// A suggestion as the hot rules see it.
struct HotScanRow {
  std::string code, state, session, title, category;
  std::int64_t co_signers = 0;
  std::vector<std::string> keywords;
};

class AgendaStore {
 public:
  AgendaStore(RedisClient& redis, std::string prefix) : redis_(redis), prefix_(std::move(prefix)) {}

  // Open items (or every item with `all`), newest placement first, at most `limit`.
  Result<std::vector<AgendaItemRow>> Items(bool all, std::int64_t limit);
  // action "lead" (arg: the director) or "resolve" (arg: the note). NotFound: no such item;
  // FailedPrecondition: not OPEN. Returns the item's state afterwards.
  Result<std::string> Act(Millis now, const std::string& action, const std::string& id,
                          const std::string& actor, const std::string& arg);
  // action list | add (AlreadyExists) | remove (NotFound). Returns the staff-set dates.
  Result<std::vector<std::string>> Meetings(const std::string& action, const std::string& date);
  // Marks `code` hot and places it on the agenda. NotFound, FailedPrecondition (already marked).
  // Returns {item id, "new"|"reopened"|"added"|"known"}.
  Result<std::pair<std::string, std::string>> MarkHot(Millis now, const std::string& code,
                                                      const std::string& actor,
                                                      const std::string& reason,
                                                      Millis next_check_ms);
  Status UnmarkHot(Millis now, const std::string& code, const std::string& actor);  // NotFound
  // A committee's proposal for the agenda of a suggestion it supervises. NotFound,
  // PermissionDenied (another committee supervises it). Returns as MarkHot.
  Result<std::pair<std::string, std::string>> Propose(Millis now, const std::string& code,
                                                      const std::string& committee,
                                                      const std::string& committee_name,
                                                      const std::string& actor,
                                                      const std::string& reason,
                                                      Millis next_check_ms);
  Result<std::vector<protocol::HotMark>> HotMarks();
  // The newest `limit` suggestions for the hot rules.
  Result<std::vector<HotScanRow>> HotScan(std::int64_t limit);
  // action create | add | remove; returns the bundle id. NotFound (suggestion, bundle, member),
  // FailedPrecondition (already in a bundle).
  Result<std::string> ChangeBundle(Millis now, const std::string& action, const std::string& id,
                                   const std::string& actor, const protocol::BundleRequest& req,
                                   Millis next_check_ms);
  // One bundle (NotFound), or every bundle with id "".
  Result<std::vector<protocol::Bundle>> Bundles(const std::string& id);

 private:
  Result<Reply> Call(const std::string& script, std::vector<std::string> args);

  RedisClient& redis_;
  std::string prefix_;
};

}  // namespace duban::store
