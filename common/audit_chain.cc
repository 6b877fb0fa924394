#include "common/audit_chain.h"

#include <charconv>
#include <map>

#include "common/protocol/codec.h"
#include "common/sha1.h"

namespace duban {

std::string AuditGenesis(std::string_view code) { return Sha1Hex(code); }

std::string RecordDigest(const std::vector<std::string>& values) {
  std::string joined;
  for (std::size_t i = 0; i < kRecordStateFieldCount; ++i) {
    const std::string empty;
    const std::string& v = i < values.size() ? values[i] : empty;
    if (i >= kRecordStateAlways && v.empty()) continue;
    if (i > 0) joined += ',';
    joined += std::to_string(v.size());
    joined += ':';
    joined += v;
  }
  return Sha1Hex(joined);
}

namespace {

protocol::ChainResult Bad(protocol::ChainResult r, std::int64_t index, const char* problem,
                          std::string detail) {
  r.ok = false;
  r.bad_index = index;
  r.problem = problem;
  r.detail = std::move(detail);
  return r;
}

}  // namespace

protocol::ChainResult VerifyAuditChain(std::string_view code,
                                       const std::vector<std::string>& entries,
                                       const AuditHead& head, const AuditRecord* record) {
  protocol::ChainResult r;
  r.code = std::string(code);
  const auto n = static_cast<std::int64_t>(entries.size());
  r.entries = n;

  std::int64_t alen = -1;  // -1: the head has no count
  if (!head.alen.empty()) {
    auto [end, ec] = std::from_chars(head.alen.data(), head.alen.data() + head.alen.size(), alen);
    if (ec != std::errc() || end != head.alen.data() + head.alen.size() || alen < 0) {
      return Bad(r, 0, kHeadMismatch, "the head's entry count alen '" + head.alen +
                                          "' is not a number");
    }
  }

  std::vector<std::string> hashes;
  hashes.reserve(entries.size());
  std::map<std::string, std::int64_t> index_of;  // hash -> index, to recognise moved entries
  for (std::int64_t i = 0; i < n; ++i) {
    hashes.push_back(Sha1Hex(entries[i]));
    index_of.emplace(hashes.back(), i);
  }
  const std::string genesis = AuditGenesis(code);
  r.heads = hashes;

  std::string last_rs;  // the last entry's record digest
  for (std::int64_t i = 0; i < n; ++i) {
    auto e = protocol::DecodeBare<protocol::AuditEntry>(entries[i]);
    if (!e.ok()) {
      return Bad(r, i, kEntryChanged, "entry " + std::to_string(i) +
                                          " is not a readable audit entry: " + e.status().message());
    }
    if (e->prev.empty()) {
      return Bad(r, i, kEntryUnchained,
                 "entry " + std::to_string(i) + " carries no prev (written before the chain, or "
                                                "its prev was removed)");
    }
    const std::string& expected = i == 0 ? genesis : hashes[i - 1];
    if (e->prev == expected) {
      last_rs = e->rs;
      continue;
    }
    auto moved = index_of.find(e->prev);
    if (moved != index_of.end() && moved->second != i - 1) {
      return Bad(r, i, kEntriesReordered,
                 "entry " + std::to_string(i) + " was chained after entry " +
                     std::to_string(moved->second) + ", not after entry " + std::to_string(i - 1));
    }
    if (i > 0 && e->prev == genesis) {
      return Bad(r, i, kEntriesReordered,
                 "entry " + std::to_string(i) + " was chained as the first entry");
    }
    if (alen > n) {
      return Bad(r, i, kEntryMissing,
                 "an entry before entry " + std::to_string(i) + " was removed (the list holds " +
                     std::to_string(n) + " of " + std::to_string(alen) + " entries)");
    }
    if (i == 0) {
      return Bad(r, 0, kEntryChanged, "entry 0 does not start from the genesis of " + r.code);
    }
    return Bad(r, i - 1, kEntryChanged,
               "entry " + std::to_string(i - 1) + " no longer hashes to the prev that entry " +
                   std::to_string(i) + " recorded");
  }

  if (head.ahash.empty() && head.alen.empty()) {
    if (n == 0) {
      r.ok = true;
      return r;
    }
    return Bad(r, n - 1, kHeadMismatch, "the suggestion has no audit head (ahash, alen)");
  }
  if (head.ahash.empty() || alen < 0) {
    return Bad(r, 0, kHeadMismatch, "the audit head is incomplete (ahash or alen missing)");
  }
  if (alen > n) {
    return Bad(r, n, kEntryMissing,
               "the last " + std::to_string(alen - n) + " of " + std::to_string(alen) +
                   " entries were removed");
  }
  if (alen < n) {
    return Bad(r, alen, kHeadMismatch,
               "the list holds " + std::to_string(n) + " entries but the head counts " +
                   std::to_string(alen) + ": entries were added outside the scripts");
  }
  if (n > 0 && hashes[n - 1] != head.ahash) {
    return Bad(r, n - 1, kEntryChanged,
               "the last entry does not hash to the head (ahash): it, or the head, was changed");
  }
  if (n == 0 && head.ahash != genesis) {
    return Bad(r, 0, kHeadMismatch, "no entries, and the head is not the genesis");
  }
  if (record != nullptr) {
    const bool whole = record->values.size() == kRecordStateFieldCount;
    const std::string none;
    const std::string& rh = whole ? record->values[kRecordRh] : none;
    const std::string& dh = whole ? record->values[kRecordDh] : none;
    if (!dh.empty() && Sha1Hex(record->doc) != dh) {
      return Bad(r, n > 0 ? n - 1 : 0, kRecordChanged,
                 "the suggestion's text no longer hashes to the dh taken when it was submitted");
    }
    if (!rh.empty() && Sha1Hex(record->rec) != rh) {
      return Bad(r, n > 0 ? n - 1 : 0, kRecordChanged,
                 "the handling record (replies, opinions, evaluation) no longer hashes to the rh "
                 "taken when it was last written");
    }
    if (n > 0 && !last_rs.empty() && RecordDigest(record->values) != last_rs) {
      return Bad(r, n - 1, kRecordChanged,
                 "the record (state, version, units, deadline, lead, replies, evaluation or text "
                 "hash) is not the one entry " + std::to_string(n - 1) +
                     " recorded: it was changed outside the scripts");
    }
  }
  r.ok = true;
  return r;
}

}  // namespace duban
