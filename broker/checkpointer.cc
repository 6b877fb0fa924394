#include "broker/checkpointer.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/log.h"

namespace duban::broker {

namespace {

constexpr std::int64_t kPage = 500;
constexpr Millis kRetryMs = 5000;

// Up to five codes, for a log line.
std::string Some(const std::vector<std::string>& codes) {
  std::string out;
  for (std::size_t i = 0; i < codes.size() && i < 5; ++i) out += (i ? ", " : "") + codes[i];
  if (codes.size() > 5) out += ", ...";
  return out;
}

// Appends `text` to `fd` (O_APPEND) and fsyncs; on any failure cuts the file back to where it
// was.
Status AppendDurably(int fd, const std::string& path, const std::string& text) {
  struct stat st {};
  const off_t before = ::fstat(fd, &st) == 0 ? st.st_size : -1;
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  const int err = errno;
  bool ok = done == text.size() && ::fsync(fd) == 0;
  if (!ok && before >= 0) (void)::ftruncate(fd, before);
  if (!ok) return Unavailable("cannot append to '" + path + "': " + std::strerror(err));
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Checkpointer>> Checkpointer::Open(const std::string& key_path,
                                                         const std::string& file,
                                                         Millis interval_ms,
                                                         store::TaskStore& store,
                                                         Counters& counters, Millis now) {
  DUBAN_ASSIGN_OR_RETURN(SigningKey key, ReadSigningKeyFile(key_path));
  // Open (made if new) and locked for the broker's life: two signers would interleave chains.
  int fd = ::open(file.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Unavailable("checkpoint file '" + file + "': " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return FailedPrecondition("checkpoint file '" + file +
                              "' is locked by another process (another broker signing into it?)");
  }
  std::string text;  // empty when new: the first checkpoint starts it
  {
    std::ifstream in{file, std::ios::binary};
    std::ostringstream all;
    all << in.rdbuf();
    if (!in.good() && !in.eof()) {
      ::close(fd);
      return Unavailable("checkpoint file '" + file + "' cannot be read");
    }
    text = all.str();
  }
  auto log = ReadCheckpointLog(text, key.public_key, /*with_history=*/false);
  if (!log.ok()) {
    ::close(fd);
    return Status(log.status().code(),
                  "'" + file + "' " + log.status().message() +
                      " (was it signed with another key, or changed?)");
  }
  if (log->complete_bytes < text.size()) {
    if (::ftruncate(fd, static_cast<off_t>(log->complete_bytes)) != 0) {
      ::close(fd);
      return Unavailable("cannot cut the unfinished end of '" + file + "': " +
                         std::strerror(errno));
    }
    Logger("checkpoint")->warn("{}: cut {} bytes of a checkpoint write that did not finish", file,
                               text.size() - log->complete_bytes);
  }
  return std::unique_ptr<Checkpointer>(new Checkpointer(std::move(key), file, fd, interval_ms,
                                                        store, counters, std::move(log).value(),
                                                        now));
}

Checkpointer::Checkpointer(SigningKey key, std::string file, int fd, Millis interval_ms,
                           store::TaskStore& store, Counters& counters, CheckpointLog log,
                           Millis now)
    : key_(std::move(key)),
      file_(std::move(file)),
      fd_(fd),
      interval_ms_(interval_ms),
      store_(store),
      counters_(counters),
      log_(std::move(log)),
      next_due_ms_(now) {}

Checkpointer::~Checkpointer() { ::close(fd_); }

void Checkpointer::Fail(const std::string& what, const Status& s, Millis now) {
  counters_.Increment("checkpoint.failed");
  Logger("checkpoint")->error("checkpoint not signed: {}: {}; trying again in {} s", what,
                              s.ToString(), std::min(interval_ms_, kRetryMs) / 1000);
  scanning_ = false;
  next_due_ms_ = now + std::min(interval_ms_, kRetryMs);
}

void Checkpointer::Step(Millis now) {
  if (now < next_due_ms_) return;
  if (!scanning_) {
    scanning_ = true;
    cursor_ = 0;
    seen_.clear();
    changed_.clear();
    regressed_.clear();
  }
  auto page = store_.Heads(cursor_, kPage);
  if (!page.ok()) return Fail("reading the audit heads", page.status(), now);
  std::vector<CheckpointLeaf> grown;
  for (const auto& h : page->heads) {
    seen_.insert(h.code);  // a signed leaf read back unreadable is kept, not also counted missing
    std::int64_t entries = -1;
    const std::string& alen = h.head.alen;
    auto [end, ec] = std::from_chars(alen.data(), alen.data() + alen.size(), entries);
    if (!IsLeafCode(h.code) || !IsLeafHead(h.head.ahash) || ec != std::errc() ||
        end != alen.data() + alen.size() || entries < 0) {
      // No head (its record deleted, a trail from before chains) or one edited by hand.
      counters_.Increment("checkpoint.leaves_unreadable");
      regressed_.push_back(h.code);
      continue;
    }
    auto it = log_.index.find(h.code);
    if (it == log_.index.end()) {
      changed_.push_back({h.code, entries, h.head.ahash});
      continue;
    }
    const CheckpointLeaf& signed_leaf = log_.leaves[it->second];
    if (entries == signed_leaf.entries && h.head.ahash == signed_leaf.head) continue;
    if (entries > signed_leaf.entries) {
      grown.push_back({h.code, entries, h.head.ahash});
    } else {
      counters_.Increment("checkpoint.leaves_regressed");
      regressed_.push_back(h.code);
    }
  }
  if (Status s = KeepExtensions(std::move(grown)); !s.ok()) {
    return Fail("reading the signed entries of grown trails", s, now);
  }
  if (page->next_cursor != 0 && page->next_cursor > cursor_) {
    cursor_ = page->next_cursor;
    return;  // the next page at the next turn
  }
  Finish(now);
}

Status Checkpointer::KeepExtensions(std::vector<CheckpointLeaf> grown) {
  if (grown.empty()) return Status::Ok();
  std::vector<std::pair<std::string, std::int64_t>> at;
  for (const auto& leaf : grown) {
    const CheckpointLeaf& signed_leaf = log_.leaves[log_.index.at(leaf.code)];
    at.emplace_back(leaf.code, signed_leaf.entries - 1);
  }
  DUBAN_ASSIGN_OR_RETURN(std::vector<std::string> links, store_.Links(at));
  for (std::size_t i = 0; i < grown.size(); ++i) {
    const CheckpointLeaf& signed_leaf = log_.leaves[log_.index.at(grown[i].code)];
    if (signed_leaf.entries == 0 || links[i] == signed_leaf.head) {
      changed_.push_back(std::move(grown[i]));
    } else {  // it grew, but not from what was signed: its history was rewritten
      counters_.Increment("checkpoint.leaves_regressed");
      regressed_.push_back(grown[i].code);
    }
  }
  return Status::Ok();
}

void Checkpointer::Finish(Millis now) {
  scanning_ = false;
  std::vector<std::string> missing;
  for (const auto& leaf : log_.leaves) {
    if (!seen_.count(leaf.code)) missing.push_back(leaf.code);
  }
  auto log = Logger("checkpoint");
  if (!missing.empty()) {
    counters_.Increment("checkpoint.leaves_missing", missing.size());
    log->error("{} signed suggestion(s) no longer in Redis: {} (their signed leaves stay; "
               "dubanctl verify --all --checkpoints names them)",
               missing.size(), Some(missing));
  }
  if (!regressed_.empty()) {
    log->error("{} suggestion(s) hold fewer entries or another head than signed, or an "
               "unreadable one: {} (their signed leaves stay)",
               regressed_.size(), Some(regressed_));
  }
  if (changed_.empty() && log_.count > 0) {  // the last checkpoint still holds
    next_due_ms_ = now + interval_ms_;
    return;
  }
  auto pending = SignNextCheckpoint(log_, std::move(changed_), now, key_.secret_key);
  if (!pending.ok()) return Fail("signing", pending.status(), now);
  if (Status s = AppendDurably(fd_, file_, pending->text); !s.ok()) {
    return Fail("writing the file", s, now);
  }
  const std::string expected_last = log_.last_line;
  const std::size_t changed = pending->changed.size();
  ApplyCheckpoint(&log_, std::move(pending).value());
  counters_.Increment("checkpoint.signed");
  next_due_ms_ = now + interval_ms_;
  log->info("checkpoint {} signed: {} suggestions, {} new or grown", log_.count,
            log_.leaves.size(), changed);
  auto copied = store_.AppendCheckpoint(log_.last_line, expected_last);
  if (!copied.ok()) {
    counters_.Increment("checkpoint.redis_copy_failed");
    log->warn("checkpoint {} is in {} but not copied to Redis: {}", log_.count, file_,
              copied.status().ToString());
  } else if (!*copied) {
    counters_.Increment("checkpoint.redis_copy_gap");
    log->error("Redis's copy of the checkpoints did not end with checkpoint {}, the one signed "
               "before: Redis was restored from a backup, a copy failed, or {} was cut short "
               "(dubanctl verify --all --checkpoints tells which)",
               log_.count - 1, file_);
  }
  seen_.clear();
  changed_.clear();
  regressed_.clear();
}

}  // namespace duban::broker
