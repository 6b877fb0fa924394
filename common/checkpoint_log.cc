#include "common/checkpoint_log.h"

#include <sstream>

namespace duban {

namespace {

bool IsLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Status LineError(std::size_t line, const std::string& why) {
  return InvalidArgument("checkpoint file line " + std::to_string(line) + ": " + why);
}

// Applies one leaf to the log's leaves.
void Apply(CheckpointLog* log, const CheckpointLeaf& leaf) {
  auto [it, added] = log->index.emplace(leaf.code, log->leaves.size());
  if (added) {
    log->leaves.push_back(leaf);
    log->leaf_hashes.push_back(LeafHash(leaf));
  } else {
    log->leaves[it->second] = leaf;
    log->leaf_hashes[it->second] = LeafHash(leaf);
  }
}

}  // namespace

bool IsLeafCode(std::string_view code) {
  if (code.empty() || code.size() > 200) return false;
  for (unsigned char c : code) {
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return true;
}

bool IsLeafHead(std::string_view head) { return head.size() == 40 && IsLowerHex(head); }

std::string FormatLeafLine(const CheckpointLeaf& leaf) {
  return "leaf " + leaf.code + " " + std::to_string(leaf.entries) + " " + leaf.head;
}

namespace {

// The offset of the '\n' ending the last line that parses as a checkpoint line (npos: none). A bad
// line before it is a file changed in its middle; after it, the torn end of a write.
std::size_t LastCheckpointLineEnd(std::string_view text) {
  std::size_t last = std::string_view::npos, pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) break;
    std::string_view line = text.substr(pos, end - pos);
    if (line.rfind("duban-checkpoint ", 0) == 0 && ParseCheckpointLine(line).ok()) last = end;
    pos = end + 1;
  }
  return last;
}

}  // namespace

Result<CheckpointLog> ReadCheckpointLog(std::string_view text, const std::string& public_key,
                                        bool with_history) {
  CheckpointLog log;
  log.keep_all = with_history;
  const std::size_t last_end = LastCheckpointLineEnd(text);
  auto torn_from = [&](std::size_t end) {
    return last_end == std::string_view::npos || end > last_end;
  };
  std::vector<CheckpointLeaf> pending;
  std::string pending_text;
  std::size_t pos = 0, line_no = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) break;  // a last line cut short: ignored
    ++line_no;
    std::string_view line = text.substr(pos, end - pos);
    if (line.rfind("leaf ", 0) == 0) {
      std::istringstream in{std::string(line.substr(5))};
      CheckpointLeaf leaf;
      std::string extra;
      if (!(in >> leaf.code >> leaf.entries >> leaf.head) || (in >> extra) ||
          !IsLeafCode(leaf.code) || !IsLeafHead(leaf.head) || leaf.entries < 0) {
        if (torn_from(end)) break;  // the torn end of a write
        return LineError(line_no, "not a leaf line: 'leaf CODE ENTRIES HEAD'");
      }
      pending.push_back(std::move(leaf));
      pending_text.append(line.data(), line.size()).push_back('\n');
    } else {
      auto c = ParseCheckpointLine(line);
      if (!c.ok()) {
        if (torn_from(end)) break;  // the torn end of a write
        return LineError(line_no, c.status().message());
      }
      if (c->changes != Sha256(pending_text)) {
        return LineError(line_no, "the leaf lines before this checkpoint are not the ones it "
                                  "signed (changed, added or removed)");
      }
      const std::string prev = log.last_line.empty() ? std::string(32, '\0')
                                                     : Sha256(log.last_line);
      if (c->prev != prev) {
        return LineError(line_no, "this checkpoint does not follow the one before it in the file "
                                  "(a checkpoint was removed, added or moved)");
      }
      if (with_history || end == last_end) {
        if (Status s = VerifyCheckpoint(*c, public_key); !s.ok()) {
          return Status(s.code(), "checkpoint file line " + std::to_string(line_no) + ": " +
                                      s.message());
        }
      }
      if (log.count > 0 && c->at_ms < log.checkpoints.back().at_ms) {
        return LineError(line_no, "this checkpoint's time is before the one before it");
      }
      const std::size_t k = log.count;
      for (auto& leaf : pending) {
        if (with_history) {
          auto& h = log.history[leaf.code];
          if (h.empty() || h.back().entries != leaf.entries || h.back().head != leaf.head) {
            h.push_back({k, leaf.entries, leaf.head});
          }
        }
        Apply(&log, leaf);
      }
      if (static_cast<std::int64_t>(log.leaves.size()) != c->count) {
        return LineError(line_no, "this checkpoint signed " + std::to_string(c->count) +
                                      " suggestions but its leaf lines make " +
                                      std::to_string(log.leaves.size()));
      }
      pending.clear();
      pending_text.clear();
      log.last_line = std::string(line);
      if (!log.keep_all) log.checkpoints.clear();
      log.checkpoints.push_back(std::move(*c));
      ++log.count;
      log.complete_bytes = end + 1;
    }
    pos = end + 1;
  }
  if (log.count > 0 && MerkleRoot(log.leaf_hashes) != log.checkpoints.back().root) {
    return InvalidArgument("checkpoint file: the leaves do not make the last checkpoint's root");
  }
  return log;
}

Result<PendingCheckpoint> SignNextCheckpoint(const CheckpointLog& log,
                                             std::vector<CheckpointLeaf> changed, Millis at_ms,
                                             const std::string& secret_key) {
  PendingCheckpoint p;
  std::vector<std::string> hashes = log.leaf_hashes;
  std::unordered_map<std::string, std::size_t> added;  // codes new to the log, by position
  for (const auto& leaf : changed) {
    if (!IsLeafCode(leaf.code) || !IsLeafHead(leaf.head) || leaf.entries < 0) {
      return InvalidArgument("not a leaf a checkpoint can sign: '" + leaf.code + "'");
    }
    p.text += FormatLeafLine(leaf);
    p.text += '\n';
    auto known = log.index.find(leaf.code);
    if (known != log.index.end()) {
      hashes[known->second] = LeafHash(leaf);
    } else if (auto a = added.find(leaf.code); a != added.end()) {
      hashes[a->second] = LeafHash(leaf);
    } else {
      added.emplace(leaf.code, hashes.size());
      hashes.push_back(LeafHash(leaf));
    }
  }
  Checkpoint c;
  c.at_ms = log.count > 0 ? std::max(at_ms, log.checkpoints.back().at_ms) : at_ms;
  c.count = static_cast<std::int64_t>(hashes.size());
  c.root = MerkleRoot(hashes);
  c.changes = Sha256(p.text);
  c.prev = log.last_line.empty() ? std::string(32, '\0') : Sha256(log.last_line);
  DUBAN_ASSIGN_OR_RETURN(p.checkpoint, SignCheckpoint(std::move(c), secret_key));
  p.line = FormatCheckpointLine(p.checkpoint);
  p.text += p.line;
  p.text += '\n';
  p.changed = std::move(changed);
  return p;
}

void ApplyCheckpoint(CheckpointLog* log, PendingCheckpoint pending) {
  for (const auto& leaf : pending.changed) Apply(log, leaf);
  log->last_line = std::move(pending.line);
  if (!log->keep_all) log->checkpoints.clear();
  log->checkpoints.push_back(std::move(pending.checkpoint));
  ++log->count;
}

Result<std::string> NextCheckpoint(CheckpointLog* log, const std::vector<CheckpointLeaf>& changed,
                                   Millis at_ms, const std::string& secret_key) {
  DUBAN_ASSIGN_OR_RETURN(PendingCheckpoint p, SignNextCheckpoint(*log, changed, at_ms, secret_key));
  std::string text = p.text;
  ApplyCheckpoint(log, std::move(p));
  return text;
}

std::vector<LeafFinding> CompareWithStore(
    const CheckpointLog& log,
    const std::function<const std::vector<std::string>*(const std::string&)>& heads_of) {
  std::vector<LeafFinding> found;
  for (const auto& leaf : log.leaves) {  // tree order: submission order, as the broker saw it
    auto h = log.history.find(leaf.code);
    if (h == log.history.end()) continue;
    const std::vector<std::string>* heads = heads_of(leaf.code);
    for (const auto& s : h->second) {
      LeafFinding f{leaf.code, "", s.checkpoint, s.entries,
                    heads ? static_cast<std::int64_t>(heads->size()) : -1};
      if (heads == nullptr) {
        f.problem = "deleted";
      } else if (static_cast<std::int64_t>(heads->size()) < s.entries) {
        f.problem = "truncated";
      } else if (s.entries > 0 && (*heads)[s.entries - 1] != s.head) {
        f.problem = "rewritten";
      } else {
        continue;
      }
      found.push_back(std::move(f));
      break;
    }
  }
  return found;
}

}  // namespace duban
