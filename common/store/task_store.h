// TaskStore: the typed interface to Duban's Redis state (queues, leases, timers, dead letters,
// suggestions and their audit trail). Each call is one EVALSHA over a batch, so the broker loop
// pays one round trip per kind of work per turn, whatever the number of tasks.
//
// Thread rules: belongs to the thread that owns its RedisClient (the broker loop).
// Every call returns Unavailable when Redis cannot be reached; nothing is half-applied then,
// because every script is atomic.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/key_prefix.h"
#include "common/protocol/limits.h"
#include "common/protocol/messages.h"
#include "common/store/redis_client.h"
#include "common/store/stored_suggestion.h"

namespace duban::store {

struct RetryPolicy {
  std::int64_t backoff_base_ms = 1000;
  std::int64_t backoff_max_ms = 60000;
  std::int64_t max_attempts = 5;
  std::int64_t dead_letter_max = 100000;
};

struct NewTask {
  std::string service;
  std::string kind;    // "mdp" for opaque client requests, else the role's task kind
  std::string client;  // routing id of the client to answer ("" for internal tasks)
  std::string code;    // suggestion code, "" when none
  Millis priority = 0; // lower first (enqueue time, or a deadline)
  std::string body;    // opaque: the request's body frames, encoded by the broker
  // Opaque requests: a worker serves the service now. Only then may a service name the store
  // does not know yet be added (up to max_services); otherwise the name must be known.
  bool live = true;
  // Opaque requests that named a request id (docs/protocol.md, "Request ids of 7/MDP clients"):
  // the id, and the fingerprint of the service and body, to tell a retry from a conflict.
  std::string request_id, fingerprint;
};

// What Enqueue did with one NewTask.
struct EnqueueResult {
  enum class Kind {
    kQueued,    // a new task: id
    kUnknown,   // no worker serves the service and the store does not know it: not queued
    kFull,      // a new service name over max_services: not queued
    kAttached,  // its request id names a task still queued or leased: id; its answer now goes to
                // this client, no longer to `client` (the one that sent it before)
    kReplied,   // its request id was answered: `reply` is the recorded body (EncodeFrames)
    kDead,      // its request id names a dead letter: `reply` is the reason
    kConflict,  // its request id was used for another service or body: nothing was written
  };
  Kind kind = Kind::kQueued;
  std::string id, client, reply;
};

// The suggestion snapshot (SuggestionFields, stored_suggestion.h) when the task names one; its
// doc is "" when the suggestion no longer exists.
struct LeasedTask : SuggestionFields {
  std::string service, id;
  std::string fence;  // a random token of this lease (32 hex digits), never reused or guessable
  std::int64_t attempt = 0;
  std::string kind, client, code, body;
  std::string request_id;  // opaque requests: the client's request id, "" when it named none
};

struct SubmitItem {
  std::string request_id, session, doc, actor;
  std::string deputy;  // the lead deputy's id: the suggestion goes into its index (duban.list)
};
struct SubmitResult {
  std::string code;
  bool duplicate = false;
  bool conflict = false;  // the request id was used for other content: nothing was written
  std::string state;
};

struct Completion {
  std::string service, id, fence;
  std::string code;  // Update only: the suggestion; Complete takes it from the stored task
  std::int64_t expect_version = 0;
  std::string to_state, units, deadline, lead, unit_list, action, note, actor;
  std::string effects;  // EncodeOutcomeEffects(outcome): timers, cancellations, notices
  std::string record;   // Update only: the new handling record, "" = unchanged
  std::string committee;  // the supervising committee to set (分工督办), "" = unchanged
};
// kMismatch: Complete was asked to apply an outcome to an opaque task (or one without a
// suggestion); nothing changed and the lease is kept.
enum class CompletionResult { kApplied, kStale, kSuperseded, kInvalidTransition, kMismatch };

struct Failure {
  std::string service, id, fence, reason;
  bool permanent = false;
};
enum class FailureResult { kRetry, kDead, kStale };

struct TaskRef {
  std::string service, id, fence;
};

struct AckResult {
  enum class Kind { kDone, kStale, kMismatch };  // kMismatch: a role task, not an opaque one
  Kind kind = Kind::kStale;
  std::string client;  // kDone: the routing id of the client to answer ("" for none)
};

// A leased task as stored: what a REPLY from an unknown worker is matched against.
struct PeekedTask {
  std::string kind, code, request_id;
};

// An opaque request that became a dead letter: its client is owed an error answer.
struct DeadRequest {
  std::string service, id, client, reason;
};

struct ReapResult {
  std::int64_t retried = 0, dead = 0;
  std::vector<DeadRequest> dead_requests;
};

struct PumpResult {
  std::int64_t moved = 0;
  Millis next_due_ms = -1;  // -1 when no timer is pending
  std::vector<std::string> services;  // services that received tasks
  std::vector<std::int64_t> lateness_ms;  // for each moved entry: now - its due time
  std::int64_t dropped = 0;  // due timer members without a readable index field (not fired)
};

// A suggestion as TaskStore::Get reads it: its fields (DecodeSuggestion makes the message) and a
// page of its timeline.
struct StoredSuggestion : SuggestionFields {
  std::vector<std::string> audit;  // msgpack maps, oldest first: one page of the timeline
  std::int64_t audit_total = 0;    // entries in the whole timeline
  std::int64_t audit_start = 0;    // index of audit[0] in it: the `before` of the older page
};

struct InboxPage {
  std::int64_t total = 0;   // notices in the outbox
  std::int64_t unread = 0;  // of those, not marked read
  std::vector<std::pair<std::string, std::string>> entries;  // {msgpack OutboxEntry, its id}
};

struct ListRow {
  std::string code, doc, state, lead, deadline;
};
struct ListResult {
  std::int64_t total = 0;
  std::vector<ListRow> rows;
};

struct QueueDepth {
  std::string service;
  std::int64_t queued = 0, inflight = 0, dead = 0;
  bool paused = false;
};
struct QueueDepths {
  std::int64_t timers = 0;
  Millis next_timer_due_ms = -1;
  std::vector<QueueDepth> services;
};

struct DeadLetterRow {
  std::string service, id, reason;
  std::int64_t attempts = 0;
  Millis at_ms = 0;
};

class TaskStore {
 public:
  // `prefix` is the key prefix, KeyPrefix(redis.key_prefix): "{duban}" by default.
  TaskStore(RedisClient& redis, std::string prefix, RetryPolicy retry, std::int64_t lease_ms);

  Result<std::vector<SubmitResult>> Submit(Millis now, std::int64_t ttl_s,
                                           const std::vector<SubmitItem>& items);
  // Per task what happened (EnqueueResult): queued, refused ("unknown" service, "full" service
  // table), or, for a request id seen before, attached / replied / dead / conflict. Request ids
  // are remembered for record_ttl_s.
  Result<std::vector<EnqueueResult>> Enqueue(Millis now, const std::vector<NewTask>& tasks,
                                             std::int64_t max_services = 1000,
                                             std::int64_t record_ttl_s = 86400);
  // Leases up to `count` tasks per service. Tasks of one service come lowest priority first.
  // Each lease gets a fresh random fencing token (libsodium's randombytes).
  Result<std::vector<LeasedTask>> Dispatch(
      Millis now, const std::vector<std::pair<std::string, std::int64_t>>& wants);
  // Finishes opaque tasks whose lease is still held; per ref what happened (see AckResult).
  // replies[i] (EncodeFrames of the reply body) is kept for record_ttl_s when the task named a
  // request id; replies may be empty when none did.
  Result<std::vector<AckResult>> Ack(const std::vector<TaskRef>& refs,
                                     const std::vector<std::string>& replies = {},
                                     std::int64_t record_ttl_s = 86400);
  // Per ref: the stored kind and code when the lease is held under that fence, else nullopt.
  Result<std::vector<std::optional<PeekedTask>>> Peek(const std::vector<TaskRef>& refs);
  // Leases still held under their fence run until now + lease_ms; per ref true, or false (lost).
  Result<std::vector<bool>> Extend(Millis now, const std::vector<TaskRef>& refs);
  // Applies role outcomes to the suggestion each stored task names (c.code is not used).
  Result<std::vector<CompletionResult>> Complete(Millis now, const std::vector<Completion>& items);
  // A broker-decided change (duban.sign, duban.decide...) applied only if the suggestion is still
  // at c.expect_version (c.service, c.id and c.fence are unused).
  Result<CompletionResult> Update(Millis now, const Completion& c);
  // A suggestion returned for rework (RETURNED_FOR_REWORK) resubmitted with the revised draft
  // `doc`: SUBMITTED again, its text and digest replaced, one `resubmitted` timeline entry, and
  // the assignment role's state-entry task queued — only if it is still at `expect_version`
  // (kSuperseded otherwise; kInvalidTransition when it is in another state). NotFound.
  Result<CompletionResult> Rework(Millis now, const std::string& code, std::int64_t expect_version,
                                  const std::string& doc, const std::string& actor,
                                  const std::string& note);
  // Opaque requests that became dead letters are added to *dead_requests when it is given.
  Result<std::vector<FailureResult>> Fail(Millis now, const std::vector<Failure>& items,
                                          std::vector<DeadRequest>* dead_requests = nullptr);
  // Puts back tasks whose lease expired; returns {retried, dead}.
  Result<ReapResult> Reap(Millis now, std::int64_t limit);
  // Moves due entries of the timer set ("timers", domain time) or of the retry set ("retries",
  // real time: backoff is a protocol delay, not a domain one) into their queues.
  Result<PumpResult> Pump(Millis now, std::int64_t limit, const std::string& which);

  // Staff assignment. NotFound, FailedPrecondition (wrong state). Returns {state, version}.
  Result<std::pair<std::string, std::int64_t>> Assign(Millis now, const std::string& code,
                                                      const std::string& units,
                                                      const std::string& deadline,
                                                      const std::string& lead,
                                                      const std::string& unit_list,
                                                      const std::string& actor,
                                                      const std::string& note,
                                                      const std::string& committee = "");
  // The suggestion as stored; with_audit false leaves `audit` empty (a snapshot to decide a change
  // on needs no timeline, and a long one would be read for nothing). With it, one page of the
  // timeline: the entries just before index `before` (0: the newest), at most `limit` of them and
  // at most protocol::kTimelinePageBytes stored bytes (at least one entry). NotFound.
  Result<StoredSuggestion> Get(const std::string& code, bool with_audit = true,
                               std::int64_t before = 0,
                               std::int64_t limit = protocol::kTimelinePageDefault);
  // The suggestions in every index named (state, unit, committee, lead deputy; "" = not a
  // filter).
  Result<ListResult> List(const std::string& state, const std::string& unit, std::int64_t limit,
                          const std::string& committee = "", const std::string& deputy = "");
  Result<QueueDepths> Queues();
  Result<std::vector<DeadLetterRow>> DeadLetters(const std::string& service, std::int64_t limit);
  Status Replay(Millis now, const std::string& service, const std::string& id);  // NotFound
  // Pauses or resumes dispatching for a service; returns the paused services after the change.
  // Pausing a service the store does not know needs `exists` (a worker or the config names it):
  // NotFound otherwise, ResourceExhausted beyond max_services names.
  Result<std::vector<std::string>> SetPaused(const std::string& service, bool paused,
                                             bool exists = true, std::int64_t max_services = 1000);
  Result<std::vector<std::string>> Paused();
  // Sets timers of one suggestion (the same rules as an outcome's timers). Returns how many.
  Result<std::int64_t> SetTimers(Millis now, const std::string& code,
                                 const std::vector<protocol::TimerSpec>& timers);
  // Every timer of a suggestion (duban.timers): the pending ones by due time, then the fired and
  // the unreadable ones by name. NotFound for an unknown code.
  Result<std::vector<protocol::TimerRow>> Timers(const std::string& code);
  // A recipient's outbox, newest first, filtered (kind, code: "" = any; only_unread).
  Result<InboxPage> Inbox(const std::string& recipient, std::int64_t limit,
                          const std::string& kind = "", const std::string& code = "",
                          bool only_unread = false);
  // Marks the recipient's notices `ids` read (a `notice_read` timeline entry on each one's
  // suggestion, the first time); returns how many of the ids are in the outbox.
  Result<std::int64_t> InboxRead(const std::string& recipient, Millis now,
                                 const std::string& actor, const std::vector<std::string>& ids);

  RedisClient& redis() { return redis_; }
  std::int64_t lease_ms() const { return lease_ms_; }
  // The key prefix, "{NAME}" (KeyPrefix): every key starts with it.
  const std::string& prefix() const { return prefix_; }
  // FCALL of the library's function `script` with the key prefix as its one key (the slot every
  // key of the deployment is in) and `args`: for this store's siblings (AuditStore, ...).
  Result<Reply> Call(const std::string& script, std::vector<std::string> args);

 private:

  RedisClient& redis_;
  std::string prefix_;
  RetryPolicy retry_;
  std::int64_t lease_ms_;
};

}  // namespace duban::store
