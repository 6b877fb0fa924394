#include "common/store/key_layout.h"

#include <algorithm>
#include <vector>

#include "common/log.h"
#include "common/store/reply_fields.h"

namespace duban::store {
namespace {

constexpr std::string_view kLayout = "4";
constexpr std::int64_t kIndexPage = 500;  // suggestions per layout_deputies call
constexpr int kScanCount = 1000;  // keys per SCAN page (a hint to Redis)
constexpr std::size_t kOutboxesPerCall = 4;  // outboxes counted per layout_unread call

// One SCAN page: {next cursor, keys}. Unavailable/Internal as the client says.
Result<std::pair<std::string, std::vector<std::string>>> ScanPage(RedisClient& redis,
                                                                  const std::string& cursor,
                                                                  const std::string& match) {
  DUBAN_ASSIGN_OR_RETURN(Reply r, redis.Run({"SCAN", cursor, "MATCH", match, "COUNT",
                                             std::to_string(kScanCount)}));
  if (r.is_error()) return Internal("SCAN refused: " + r.str);
  if (r.elements.size() != 2) return Internal("unexpected reply shape from SCAN");
  std::vector<std::string> keys;
  for (auto& k : r.elements[1].elements) keys.push_back(std::move(k.str));
  return std::make_pair(r.elements[0].str, std::move(keys));
}

// One SCAN page of the keys "HEAD<tag>}" (HEAD ends with '{'): {next cursor, the tags}.
Result<std::pair<std::string, std::vector<std::string>>> ScanTags(RedisClient& redis,
                                                                  const std::string& cursor,
                                                                  const std::string& head) {
  DUBAN_ASSIGN_OR_RETURN(auto page, ScanPage(redis, cursor, head + "*"));
  std::vector<std::string> tags;
  for (const std::string& k : page.second) {
    if (k.size() > head.size() && k.back() == '}') {
      tags.push_back(k.substr(head.size(), k.size() - head.size() - 1));
    }
  }
  return std::make_pair(page.first, std::move(tags));
}

}  // namespace

Result<LayoutUpgrade> UpgradeKeyLayout(RedisClient& redis, const std::string& name) {
  if (!IsValidKeyPrefixName(name)) return InvalidArgument("bad key prefix name '" + name + "'");
  const std::string prefix = KeyPrefix(name);
  const std::string marker = prefix + ":layout";
  LayoutUpgrade up;
  DUBAN_ASSIGN_OR_RETURN(Reply m, redis.Run({"GET", marker}));
  if (m.is_error()) return Internal("GET " + marker + " refused: " + m.str);
  if (m.type == Reply::Type::kString && m.str == kLayout) {
    up.already = true;
    return up;
  }
  auto log = Logger("store.layout");

  // 1. NAME:rest -> {NAME}:rest. The pattern needs no escaping: NAME has no glob character.
  constexpr std::int64_t kReportEvery = 100000;  // keys renamed between progress lines
  std::int64_t next_report = kReportEvery;
  std::string cursor = "0";
  do {
    DUBAN_ASSIGN_OR_RETURN(auto page, ScanPage(redis, cursor, name + ":*"));
    cursor = page.first;
    if (page.second.empty()) continue;
    std::vector<Command> renames;
    for (const std::string& k : page.second) {
      renames.push_back({"RENAMENX", k, prefix + k.substr(name.size())});
    }
    DUBAN_ASSIGN_OR_RETURN(auto replies, redis.Pipeline(renames));
    for (std::size_t i = 0; i < replies.size(); ++i) {
      const Reply& r = replies[i];
      if (r.type == Reply::Type::kInteger && r.integer == 1) {
        ++up.renamed;
      } else if (r.type == Reply::Type::kInteger) {
        ++up.conflicts;
        log->error("key {} not renamed: {} exists already; both are left for an operator",
                   page.second[i], renames[i][2]);
      } else if (r.is_error() && r.str.find("no such key") == std::string::npos) {
        return Internal("RENAMENX " + page.second[i] + " refused: " + r.str);
      }  // "no such key": gone since the SCAN (expired): nothing to move
    }
    if (up.renamed >= next_report) {  // progress on a large store
      log->info("key layout: {} keys renamed so far", up.renamed);
      next_report = up.renamed + kReportEvery;
    }
  } while (cursor != "0");

  // 2. Timers of the layout before 2026-11, suggestion by suggestion.
  const std::string tm_head = prefix + ":tm:{";
  cursor = "0";
  do {
    DUBAN_ASSIGN_OR_RETURN(auto page, ScanTags(redis, cursor, tm_head));
    cursor = page.first;
    const std::vector<std::string>& codes = page.second;
    if (codes.empty()) continue;
    DUBAN_ASSIGN_OR_RETURN(Reply r, redis.Eval("layout_timers", {prefix}, codes));
    if (r.elements.size() != 3) return Shape("layout_timers");
    up.timers_pending += Int(r.elements[0]);
    up.timers_fired += Int(r.elements[1]);
    up.unreadable += Int(r.elements[2]);
  } while (cursor != "0");

  // 3. The index of each lead deputy (layout 3), a page of suggestions at a time, oldest first.
  const std::string all = prefix + ":idx:all";
  for (std::int64_t start = 0;; start += kIndexPage) {
    DUBAN_ASSIGN_OR_RETURN(Reply page, redis.Run({"ZRANGE", all, std::to_string(start),
                                                  std::to_string(start + kIndexPage - 1)}));
    if (page.is_error()) return Internal("ZRANGE " + all + " refused: " + page.str);
    if (page.elements.empty()) break;
    std::vector<std::string> codes;
    for (auto& e : page.elements) codes.push_back(std::move(e.str));
    DUBAN_ASSIGN_OR_RETURN(Reply r, redis.Eval("layout_deputies", {prefix}, codes));
    if (r.elements.size() != 2) return Shape("layout_deputies");
    up.deputies_indexed += Int(r.elements[0]);
    up.drafts_unreadable += Int(r.elements[1]);
  }
  // 4. The unread count beside each outbox (layout 4), a SCAN page of outboxes at a time.
  const std::string ob_head = prefix + ":outbox:{";
  cursor = "0";
  do {
    DUBAN_ASSIGN_OR_RETURN(auto page, ScanTags(redis, cursor, ob_head));
    cursor = page.first;
    const std::vector<std::string>& recipients = page.second;
    // A few outboxes per call: each may hold 10 000 notices, and Redis serves nothing else
    // while a script runs.
    for (std::size_t at = 0; at < recipients.size(); at += kOutboxesPerCall) {
      std::vector<std::string> some(
          recipients.begin() + static_cast<std::ptrdiff_t>(at),
          recipients.begin() +
              static_cast<std::ptrdiff_t>(std::min(recipients.size(), at + kOutboxesPerCall)));
      DUBAN_ASSIGN_OR_RETURN(Reply r, redis.Eval("layout_unread", {prefix}, some));
      if (r.type != Reply::Type::kInteger) return Shape("layout_unread");
      up.outboxes_counted += r.integer;
    }
  } while (cursor != "0");

  if (up.drafts_unreadable > 0) {
    log->error("key layout: {} suggestions whose draft names no readable deputy were left out of "
               "the deputies' index (dubanctl verify checks their trails)", up.drafts_unreadable);
  }

  if (up.unreadable > 0) {
    log->error("key layout: {} timer index fields of neither layout left as they are "
               "(dubanctl check lists their suggestions)", up.unreadable);
  }
  if (up.conflicts > 0) {
    // Not marked done: the next connect looks again, and says so again.
    log->error("key layout: {} keys could not be renamed (see above); the upgrade is not marked "
               "done", up.conflicts);
    return up;
  }
  DUBAN_ASSIGN_OR_RETURN(Reply set, redis.Run({"SET", marker, std::string(kLayout)}));
  if (set.is_error()) return Internal("SET " + marker + " refused: " + set.str);
  if (up.renamed + up.timers_pending + up.timers_fired + up.deputies_indexed +
          up.outboxes_counted > 0) {
    log->info("key layout {}: {} keys renamed to {}:..., {} pending and {} fired timers of the "
              "older timer layout converted, {} suggestions indexed by lead deputy, the unread "
              "notices of {} outboxes counted", kLayout, up.renamed, prefix, up.timers_pending,
              up.timers_fired, up.deputies_indexed, up.outboxes_counted);
  }
  return up;
}

}  // namespace duban::store
