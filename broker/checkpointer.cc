#include "broker/checkpointer.h"

#include <fcntl.h>
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

// Appends `text` in one write and fsyncs; on any failure cuts the file back to where it was.
Status AppendDurably(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Unavailable("cannot open '" + path + "': " + std::strerror(errno));
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
  ::close(fd);
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
  std::string text;  // none yet: the first checkpoint starts it
  struct stat st {};
  if (::stat(file.c_str(), &st) == 0) {
    std::ifstream in{file, std::ios::binary};
    std::ostringstream all;
    if (!in || !(all << in.rdbuf())) {
      if (st.st_size > 0) return Unavailable("checkpoint file '" + file + "' cannot be read");
    }
    text = all.str();
  } else if (errno != ENOENT) {
    return Unavailable("checkpoint file '" + file + "': " + std::strerror(errno));
  }
  auto log = ReadCheckpointLog(text, key.public_key, /*with_history=*/false);
  if (!log.ok()) {
    return Status(log.status().code(),
                  "'" + file + "' " + log.status().message() +
                      " (was it signed with another key, or changed?)");
  }
  if (log->complete_bytes < text.size()) {
    if (::truncate(file.c_str(), static_cast<off_t>(log->complete_bytes)) != 0) {
      return Unavailable("cannot cut the unfinished end of '" + file + "': " +
                         std::strerror(errno));
    }
    Logger("checkpoint")->warn("{}: cut {} bytes of a checkpoint write that did not finish", file,
                               text.size() - log->complete_bytes);
  }
  return std::unique_ptr<Checkpointer>(new Checkpointer(std::move(key), file, interval_ms, store,
                                                        counters, std::move(log).value(), now));
}

Checkpointer::Checkpointer(SigningKey key, std::string file, Millis interval_ms,
                           store::TaskStore& store, Counters& counters, CheckpointLog log,
                           Millis now)
    : key_(std::move(key)),
      file_(std::move(file)),
      interval_ms_(interval_ms),
      store_(store),
      counters_(counters),
      log_(std::move(log)),
      next_due_ms_(now) {}

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
  for (const auto& h : page->heads) {
    if (h.head.ahash.empty() && h.head.alen.empty()) continue;  // no record: missing, if signed
    std::int64_t entries = -1;
    const std::string& alen = h.head.alen;
    auto [end, ec] = std::from_chars(alen.data(), alen.data() + alen.size(), entries);
    if (!IsLeafCode(h.code) || !IsLeafHead(h.head.ahash) || ec != std::errc() ||
        end != alen.data() + alen.size() || entries < 0) {
      counters_.Increment("checkpoint.leaves_unreadable");
      seen_.insert(h.code);  // its signed leaf, if any, stays; not also counted missing
      regressed_.push_back(h.code);
      continue;
    }
    seen_.insert(h.code);
    auto it = log_.index.find(h.code);
    if (it == log_.index.end()) {
      changed_.push_back({h.code, entries, h.head.ahash});
      continue;
    }
    const CheckpointLeaf& signed_leaf = log_.leaves[it->second];
    if (entries == signed_leaf.entries && h.head.ahash == signed_leaf.head) continue;
    if (entries > signed_leaf.entries) {
      changed_.push_back({h.code, entries, h.head.ahash});
    } else {
      counters_.Increment("checkpoint.leaves_regressed");
      regressed_.push_back(h.code);
    }
  }
  if (page->next_cursor != 0 && page->next_cursor > cursor_) {
    cursor_ = page->next_cursor;
    return;  // the next page at the next turn
  }
  Finish(now);
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
  CheckpointLog next = log_;
  auto text = NextCheckpoint(&next, changed_, now, key_.secret_key);
  if (!text.ok()) return Fail("signing", text.status(), now);
  if (Status s = AppendDurably(file_, *text); !s.ok()) return Fail("writing the file", s, now);
  log_ = std::move(next);
  counters_.Increment("checkpoint.signed");
  next_due_ms_ = now + interval_ms_;
  log->info("checkpoint {} signed: {} suggestions, {} new or grown", log_.checkpoints.size(),
            log_.leaves.size(), changed_.size());
  if (Status s = store_.AppendCheckpoint(log_.last_line); !s.ok()) {
    counters_.Increment("checkpoint.redis_copy_failed");
    log->warn("checkpoint {} is in {} but not copied to Redis: {}", log_.checkpoints.size(),
              file_, s.ToString());
  }
  seen_.clear();
  changed_.clear();
  regressed_.clear();
}

}  // namespace duban::broker
