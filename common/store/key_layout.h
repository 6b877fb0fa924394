// Key layout: the prefix every Duban key starts with, and the upgrade of keys written by earlier
// versions.
//
// Every key of one deployment starts with its hash tag "{NAME}" (NAME: redis.key_prefix, default
// "duban"), so every key of the deployment is in one Redis Cluster slot and each FCALL names that
// slot in KEYS: a call touches one slot, as Cluster requires. (The queues, the timers set, the
// indexes and the agenda are shared by every suggestion, and most calls touch one suggestion and
// a shared key together, so a tag per suggestion cannot give one slot per call; a deployment
// grows past one Redis by giving each partition, e.g. each congress session, its own NAME.)
//
// Layout 4 (2026-12) replaced four older ones, which UpgradeKeyLayout converts in place:
//   - keys named "NAME:..." (no hash tag) are renamed "{NAME}:...";
//   - timers of the layout before 2026-11 (an index field holding "SERVICE|T<CODE>.<NAME>", that
//     string a member of the timers set, and a task hash in st 'scheduled') become timers of this
//     layout (member "CODE|NAME", the index field holding what firing needs); a fired one keeps
//     the id of its task (docs/redis-schema.md, "Timers");
//   - layout 3: every suggestion is put in the index of its lead deputy, idx:deputy:<id> (what
//     duban.list reads for a deputy), from the id in its stored draft;
//   - layout 4: beside each recipient's outbox, unread:{recipient} counts its unread notices (what
//     duban.inbox answers as `unread` without reading the outbox), counted once from the outbox.
// The upgrade is idempotent and each step is atomic per key or per suggestion, so a broker killed
// half-way finishes it at its next connect; "{NAME}:layout" = "4" marks it done, so later connects
// cost one GET. All brokers of a deployment must be stopped before the first start of this
// version (an older broker would keep writing the old names).
//
// Thread rules: the broker loop, through its RedisClient's OnConnect hook.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/key_prefix.h"
#include "common/result.h"
#include "common/store/redis_client.h"

namespace duban::store {

struct LayoutUpgrade {
  bool already = false;            // the marker was there: nothing was scanned
  std::int64_t renamed = 0;        // "NAME:..." keys renamed "{NAME}:..."
  std::int64_t conflicts = 0;      // left as they were: "{NAME}:..." existed already (logged)
  std::int64_t timers_pending = 0; // old-layout pending timers converted
  std::int64_t timers_fired = 0;   // old-layout index fields of fired timers converted
  std::int64_t unreadable = 0;     // index fields of neither layout, left (dubanctl check)
  std::int64_t deputies_indexed = 0;   // suggestions put in their lead deputy's index
  std::int64_t drafts_unreadable = 0;  // suggestions whose draft names no deputy (left out)
  std::int64_t outboxes_counted = 0;   // outboxes whose unread notices were counted
};

// Brings the deployment NAME to layout 4 (see above). Unavailable when Redis fails half-way (the
// next connect goes on from there); Internal when a step is refused.
Result<LayoutUpgrade> UpgradeKeyLayout(RedisClient& redis, const std::string& name);

}  // namespace duban::store
