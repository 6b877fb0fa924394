// Checkpointer: signs every suggestion's audit head at an interval (security.checkpoint_*;
// docs/security.md "Records that prove themselves"). When due it reads the heads a page per loop
// turn (audit_read 'heads', read-only), compares them with the leaves it signed last
// (common/checkpoint_log.h), signs a checkpoint over the new and grown ones with its Ed25519 key
// (a file, never in Redis), appends the leaf lines and the checkpoint line to its file (O_APPEND,
// fsync) and then the checkpoint line to Redis (P:cp, a copy).
//
// A leaf is only ever replaced by one that extends it: more entries, the entry it signed last
// still there with the same hash (one audit_links call per page that has grown trails). A
// suggestion gone from Redis, or with fewer entries, another history or an unreadable head, keeps
// its signed leaf (logged and counted: checkpoint.leaves_missing, checkpoint.leaves_regressed,
// checkpoint.leaves_unreadable), so later checkpoints go on proving what was there. Nothing
// changed: no checkpoint (the last one still holds). The file is locked (flock) while the broker
// runs and must verify under the key at start (the torn end of a write is cut off); otherwise
// Open fails and the broker does not start. Appending to Redis checks that Redis's copy ended
// with the line signed before; when not (Redis restored from a backup, a copy that failed, the
// file cut short) it logs an error and counts checkpoint.redis_copy_gap.
//
// Counters: checkpoint.signed, checkpoint.failed, checkpoint.leaves_missing,
// checkpoint.leaves_regressed, checkpoint.leaves_unreadable, checkpoint.redis_copy_failed,
// checkpoint.redis_copy_gap.
//
// Thread rules: broker loop thread.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/checkpoint_log.h"
#include "common/counters.h"
#include "common/store/audit_store.h"

namespace duban::broker {

class Checkpointer {
 public:
  // Reads the key and the file; the first checkpoint is due at `now`.
  static Result<std::unique_ptr<Checkpointer>> Open(const std::string& key_path,
                                                    const std::string& file, Millis interval_ms,
                                                    store::TaskStore& store, Counters& counters,
                                                    Millis now);

  // When due, one page of the scan; after the last page, the checkpoint.
  void Step(Millis now);
  // When Step next has work: now while a scan is under way.
  Millis next_due_ms() const { return next_due_ms_; }
  std::size_t checkpoints() const { return log_.count; }
  ~Checkpointer();

 private:
  Checkpointer(SigningKey key, std::string file, int fd, Millis interval_ms,
               store::TaskStore& store, Counters& counters, CheckpointLog log, Millis now);
  // Keeps of `grown` the leaves whose trail still holds the entry signed last.
  Status KeepExtensions(std::vector<CheckpointLeaf> grown);
  void Finish(Millis now);
  void Fail(const std::string& what, const Status& s, Millis now);

  SigningKey key_;
  std::string file_;
  int fd_;  // the file, open for appends and locked
  Millis interval_ms_;
  store::AuditStore store_;
  Counters& counters_;
  CheckpointLog log_;
  Millis next_due_ms_;
  // The scan under way.
  bool scanning_ = false;
  std::int64_t cursor_ = 0;
  std::unordered_set<std::string> seen_;
  std::vector<CheckpointLeaf> changed_;
  std::vector<std::string> regressed_;
};

}  // namespace duban::broker
