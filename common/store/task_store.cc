#include "common/store/task_store.h"

#include <sodium.h>

#include <algorithm>
#include <string>

#include "common/protocol/mdp.h"
#include "common/store/reply_fields.h"
#include "common/timer_plan.h"

namespace duban::store {
namespace {

CompletionResult ToCompletion(const Reply& e) {
  const std::string& kind = e.elements.empty() ? e.str : e.elements[0].str;
  return kind == "applied"      ? CompletionResult::kApplied
         : kind == "superseded" ? CompletionResult::kSuperseded
         : kind == "invalid"    ? CompletionResult::kInvalidTransition
         : kind == "mismatch"   ? CompletionResult::kMismatch
                                : CompletionResult::kStale;
}

// 128 random bits as 32 hex digits: a lease's fencing token.
std::string FencingToken() {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char hex[2 * sizeof bytes + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string(hex, 2 * sizeof bytes);
}

std::vector<std::string> RefArgs(std::vector<std::string> head, const std::vector<TaskRef>& refs) {
  head.push_back(std::to_string(refs.size()));
  for (const auto& t : refs) {
    head.push_back(t.service);
    head.push_back(t.id);
    head.push_back(t.fence);
  }
  return head;
}

// A timer's member in P:timers is CODE|NAME, split at the last '|': names must not hold one.
bool IsTimerName(const std::string& s) { return protocol::IsValidServiceName(s); }

}  // namespace

TaskStore::TaskStore(RedisClient& redis, std::string prefix, RetryPolicy retry,
                     std::int64_t lease_ms)
    : redis_(redis), prefix_(std::move(prefix)), retry_(retry), lease_ms_(lease_ms) {
  // Thread-safe and idempotent; randombytes_buf needs it once per process.
  if (sodium_init() < 0) std::abort();
}

Result<Reply> TaskStore::Call(const std::string& script, std::vector<std::string> args) {
  return redis_.Eval(script, {prefix_}, args);
}

Result<std::vector<SubmitResult>> TaskStore::Submit(Millis now, std::int64_t ttl_s,
                                                    const std::vector<SubmitItem>& items) {
  std::vector<std::string> a{std::to_string(now), std::to_string(ttl_s),
                             std::to_string(items.size())};
  for (const auto& it : items) {
    a.push_back(it.request_id);
    a.push_back(it.session);
    a.push_back(it.doc);
    a.push_back(it.actor);
    a.push_back(it.deputy);
  }
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("submit", std::move(a)));
  if (r.elements.size() != items.size()) return Shape("submit");
  std::vector<SubmitResult> out;
  for (const auto& e : r.elements) {
    if (e.elements.size() != 3) return Shape("submit");
    out.push_back({e.elements[0].str, e.elements[1].str == "dup",
                   e.elements[1].str == "conflict", e.elements[2].str});
  }
  return out;
}

Result<std::vector<EnqueueResult>> TaskStore::Enqueue(Millis now,
                                                      const std::vector<NewTask>& tasks,
                                                      std::int64_t max_services,
                                                      std::int64_t record_ttl_s) {
  std::vector<std::string> a{std::to_string(now), std::to_string(max_services),
                             std::to_string(record_ttl_s), std::to_string(tasks.size())};
  for (const auto& t : tasks) {
    a.push_back(t.live ? "1" : "0");
    a.push_back(t.service);
    a.push_back(t.kind);
    a.push_back(t.client);
    a.push_back(t.code);
    a.push_back(std::to_string(t.priority));
    a.push_back(t.body);
    a.push_back(t.request_id);
    a.push_back(t.fingerprint);
  }
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("enqueue", std::move(a)));
  if (r.elements.size() != tasks.size()) return Shape("enqueue");
  std::vector<EnqueueResult> out;
  using K = EnqueueResult::Kind;
  for (auto& e : r.elements) {
    EnqueueResult x;
    if (e.elements.empty()) {
      x.kind = e.str == "unknown" ? K::kUnknown : e.str == "full" ? K::kFull : K::kQueued;
      if (x.kind == K::kQueued) x.id = std::move(e.str);
    } else {
      auto& f = e.elements;
      const std::string& what = f[0].str;
      if (what == "attached" && f.size() == 3) {
        x.kind = K::kAttached;
        x.id = std::move(f[1].str);
        x.client = std::move(f[2].str);
      } else if (what == "replied" && f.size() == 2) {
        x.kind = K::kReplied;
        x.reply = std::move(f[1].str);
      } else if (what == "dead" && f.size() == 2) {
        x.kind = K::kDead;
        x.reply = std::move(f[1].str);
      } else if (what == "conflict") {
        x.kind = K::kConflict;
      } else {
        return Shape("enqueue");
      }
    }
    out.push_back(std::move(x));
  }
  return out;
}

Result<std::vector<LeasedTask>> TaskStore::Dispatch(
    Millis now, const std::vector<std::pair<std::string, std::int64_t>>& wants) {
  std::vector<std::string> a{std::to_string(now), std::to_string(lease_ms_),
                             std::to_string(wants.size())};
  std::int64_t tokens = 0;
  for (const auto& [svc, count] : wants) {
    a.push_back(svc);
    a.push_back(std::to_string(count));
    tokens += count;
  }
  for (std::int64_t i = 0; i < tokens; ++i) a.push_back(FencingToken());
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("dispatch", std::move(a)));
  std::vector<LeasedTask> out;
  out.reserve(r.elements.size());
  for (auto& e : r.elements) {
    if (e.elements.size() != 18) return Shape("dispatch");
    auto& f = e.elements;
    LeasedTask t;
    t.service = std::move(f[0].str);
    t.id = std::move(f[1].str);
    t.fence = std::move(f[2].str);
    t.attempt = Int(f[3]);
    t.kind = std::move(f[4].str);
    t.client = std::move(f[5].str);
    t.code = std::move(f[6].str);
    t.body = std::move(f[7].str);
    t.doc = std::move(f[8].str);
    t.state = std::move(f[9].str);
    t.version = Str(f[10]);
    t.submitted = Str(f[11]);
    t.units = std::move(f[12].str);
    t.deadline = std::move(f[13].str);
    t.assigned = Str(f[14]);
    t.record = std::move(f[15].str);
    t.request_id = std::move(f[16].str);
    t.committee = std::move(f[17].str);
    out.push_back(std::move(t));
  }
  return out;
}

Result<std::vector<AckResult>> TaskStore::Ack(const std::vector<TaskRef>& refs,
                                              const std::vector<std::string>& replies,
                                              std::int64_t record_ttl_s) {
  std::vector<std::string> a{std::to_string(record_ttl_s), std::to_string(refs.size())};
  for (std::size_t i = 0; i < refs.size(); ++i) {
    a.push_back(refs[i].service);
    a.push_back(refs[i].id);
    a.push_back(refs[i].fence);
    a.push_back(i < replies.size() ? replies[i] : std::string());
  }
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("ack", std::move(a)));
  if (r.elements.size() != refs.size()) return Shape("ack");
  std::vector<AckResult> out;
  for (auto& e : r.elements) {
    if (e.elements.empty()) return Shape("ack");
    const std::string& kind = e.elements[0].str;
    AckResult a;
    if (kind == "ok" && e.elements.size() == 2) {
      a.kind = AckResult::Kind::kDone;
      a.client = std::move(e.elements[1].str);
    } else if (kind == "mismatch") {
      a.kind = AckResult::Kind::kMismatch;
    }
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::vector<std::optional<PeekedTask>>> TaskStore::Peek(const std::vector<TaskRef>& refs) {
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("peek", RefArgs({}, refs)));
  if (r.elements.size() != refs.size()) return Shape("peek");
  std::vector<std::optional<PeekedTask>> out;
  for (auto& e : r.elements) {
    if (e.elements.size() == 3) {
      out.push_back(PeekedTask{std::move(e.elements[0].str), std::move(e.elements[1].str),
                               std::move(e.elements[2].str)});
    } else {
      out.emplace_back(std::nullopt);
    }
  }
  return out;
}

Result<std::vector<bool>> TaskStore::Extend(Millis now, const std::vector<TaskRef>& refs) {
  DUBAN_ASSIGN_OR_RETURN(
      Reply r, Call("extend", RefArgs({std::to_string(now), std::to_string(lease_ms_)}, refs)));
  if (r.elements.size() != refs.size()) return Shape("extend");
  std::vector<bool> out;
  for (const auto& e : r.elements) out.push_back(Int(e) == 1);
  return out;
}

Result<std::vector<CompletionResult>> TaskStore::Complete(Millis now,
                                                          const std::vector<Completion>& items) {
  std::vector<std::string> a{std::to_string(now), std::to_string(items.size())};
  for (const auto& c : items) {
    for (const std::string* s : {&c.service, &c.id, &c.fence}) a.push_back(*s);
    a.push_back(std::to_string(c.expect_version));
    for (const std::string* s : {&c.to_state, &c.units, &c.deadline, &c.lead, &c.unit_list,
                                 &c.action, &c.note, &c.actor, &c.effects, &c.committee}) {
      a.push_back(*s);
    }
  }
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("complete", std::move(a)));
  if (r.elements.size() != items.size()) return Shape("complete");
  std::vector<CompletionResult> out;
  for (const auto& e : r.elements) out.push_back(ToCompletion(e));
  return out;
}

Result<CompletionResult> TaskStore::Update(Millis now, const Completion& c) {
  DUBAN_ASSIGN_OR_RETURN(
      Reply r, Call("update", {std::to_string(now), c.code, std::to_string(c.expect_version),
                               c.to_state, c.units, c.deadline, c.lead, c.unit_list, c.action,
                               c.note, c.actor, c.effects, c.record, c.committee}));
  return ToCompletion(r);
}

Result<CompletionResult> TaskStore::Rework(Millis now, const std::string& code,
                                           std::int64_t expect_version, const std::string& doc,
                                           const std::string& actor, const std::string& note) {
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("rework", {std::to_string(now), code,
                                                  std::to_string(expect_version), doc, actor, note}));
  return ToCompletion(r);
}

namespace {

Status ReadDeadRequests(const Reply& list, std::vector<DeadRequest>* out) {
  for (const auto& e : list.elements) {
    if (e.elements.size() != 4) return Internal("dead request of 4 fields expected");
    if (out) out->push_back({e.elements[0].str, e.elements[1].str, e.elements[2].str,
                             e.elements[3].str});
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<FailureResult>> TaskStore::Fail(Millis now, const std::vector<Failure>& items,
                                                   std::vector<DeadRequest>* dead_requests) {
  std::vector<std::string> a{std::to_string(now), std::to_string(retry_.backoff_base_ms),
                             std::to_string(retry_.backoff_max_ms),
                             std::to_string(retry_.max_attempts),
                             std::to_string(retry_.dead_letter_max), std::to_string(items.size())};
  for (const auto& f : items) {
    a.push_back(f.service);
    a.push_back(f.id);
    a.push_back(f.fence);
    a.push_back(f.reason);
    a.push_back(f.permanent ? "1" : "0");
  }
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("fail", std::move(a)));
  if (r.elements.size() != 2 || r.elements[0].elements.size() != items.size()) {
    return Shape("fail");
  }
  if (!ReadDeadRequests(r.elements[1], dead_requests).ok()) return Shape("fail");
  std::vector<FailureResult> out;
  for (const auto& e : r.elements[0].elements) {
    out.push_back(e.str == "retry"  ? FailureResult::kRetry
                  : e.str == "dead" ? FailureResult::kDead
                                    : FailureResult::kStale);
  }
  return out;
}

Result<ReapResult> TaskStore::Reap(Millis now, std::int64_t limit) {
  DUBAN_ASSIGN_OR_RETURN(
      Reply r, Call("reap", {std::to_string(now), std::to_string(retry_.backoff_base_ms),
                             std::to_string(retry_.backoff_max_ms),
                             std::to_string(retry_.max_attempts),
                             std::to_string(retry_.dead_letter_max), std::to_string(limit)}));
  if (r.elements.size() != 3) return Shape("reap");
  ReapResult out;
  out.retried = Int(r.elements[0]);
  out.dead = Int(r.elements[1]);
  if (!ReadDeadRequests(r.elements[2], &out.dead_requests).ok()) return Shape("reap");
  return out;
}

Result<PumpResult> TaskStore::Pump(Millis now, std::int64_t limit, const std::string& which) {
  DUBAN_ASSIGN_OR_RETURN(Reply r,
                         Call("pump", {std::to_string(now), std::to_string(limit), which}));
  if (r.elements.size() != 5) return Shape("pump");
  PumpResult p;
  p.moved = Int(r.elements[0]);
  p.next_due_ms = Int(r.elements[1]);
  for (auto& s : r.elements[2].elements) p.services.push_back(std::move(s.str));
  for (const auto& l : r.elements[3].elements) p.lateness_ms.push_back(Int(l));
  p.dropped = Int(r.elements[4]);
  return p;
}

Result<std::pair<std::string, std::int64_t>> TaskStore::Assign(
    Millis now, const std::string& code, const std::string& units, const std::string& deadline,
    const std::string& lead, const std::string& unit_list, const std::string& actor,
    const std::string& note, const std::string& committee) {
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("assign", {std::to_string(now), code, units, deadline, lead,
                                                  unit_list, actor, note, committee}));
  if (r.elements.size() != 2) return Shape("assign");
  return std::make_pair(r.elements[0].str, Int(r.elements[1]));
}

Result<StoredSuggestion> TaskStore::Get(const std::string& code, bool with_audit,
                                        std::int64_t before, std::int64_t limit) {
  DUBAN_ASSIGN_OR_RETURN(
      Reply r, Call("get", {code, with_audit ? "1" : "0", std::to_string(before),
                            std::to_string(limit), std::to_string(protocol::kTimelinePageBytes)}));
  if (r.elements.size() != 12) return Shape("get");
  StoredSuggestion s{r.elements[0].str, r.elements[1].str, Str(r.elements[2]),
                     Str(r.elements[3]), r.elements[4].str, r.elements[5].str,
                     Str(r.elements[6]), r.elements[8].str, r.elements[11].str, {}};
  for (auto& e : r.elements[7].elements) s.audit.push_back(std::move(e.str));
  s.audit_total = Int(r.elements[9]);
  s.audit_start = Int(r.elements[10]);
  return s;
}

Result<ListResult> TaskStore::List(const std::string& state, const std::string& unit,
                                   std::int64_t limit, const std::string& committee,
                                   const std::string& deputy) {
  DUBAN_ASSIGN_OR_RETURN(Reply r,
                         Call("list", {state, unit, std::to_string(limit), committee, deputy}));
  if (r.elements.empty()) return Shape("list");
  ListResult out;
  out.total = Int(r.elements[0]);
  for (size_t i = 1; i < r.elements.size(); ++i) {
    auto& f = r.elements[i].elements;
    if (f.size() != 5) return Shape("list");
    out.rows.push_back({f[0].str, f[1].str, f[2].str, f[3].str, f[4].str});
  }
  return out;
}

Result<QueueDepths> TaskStore::Queues() {
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("queues", {}));
  if (r.elements.size() < 2) return Shape("queues");
  QueueDepths out;
  out.timers = Int(r.elements[0]);
  out.next_timer_due_ms = Int(r.elements[1]);
  for (size_t i = 2; i < r.elements.size(); ++i) {
    auto& f = r.elements[i].elements;
    if (f.size() != 5) return Shape("queues");
    out.services.push_back({f[0].str, Int(f[1]), Int(f[2]), Int(f[3]), Int(f[4]) == 1});
  }
  return out;
}

Result<std::vector<DeadLetterRow>> TaskStore::DeadLetters(const std::string& service,
                                                          std::int64_t limit) {
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("dlq_list", {service, std::to_string(limit)}));
  std::vector<DeadLetterRow> out;
  for (auto& e : r.elements) {
    auto& f = e.elements;
    if (f.size() != 5) return Shape("dlq_list");
    out.push_back({f[0].str, f[1].str, f[2].str, Int(f[3]), Int(f[4])});
  }
  return out;
}

Result<std::vector<std::string>> TaskStore::SetPaused(const std::string& service, bool paused,
                                                      bool exists, std::int64_t max_services) {
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("pause", {service, paused ? "1" : "0", exists ? "1" : "0",
                                                 std::to_string(max_services)}));
  std::vector<std::string> out;
  for (auto& e : r.elements) out.push_back(std::move(e.str));
  return out;
}

Result<std::vector<std::string>> TaskStore::Paused() {
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("paused", {}));
  std::vector<std::string> out;
  for (auto& e : r.elements) out.push_back(std::move(e.str));
  return out;
}

Result<std::int64_t> TaskStore::SetTimers(Millis now, const std::string& code,
                                          const std::vector<protocol::TimerSpec>& timers) {
  std::vector<std::string> a{std::to_string(now), code, std::to_string(timers.size())};
  for (const auto& t : timers) {
    if (!IsTimerName(t.name)) return InvalidArgument("timer name '" + t.name + "' is not [A-Za-z0-9._-]{1,64}");
    a.push_back(t.name);
    a.push_back(t.service);
    a.push_back(t.kind);
    a.push_back(std::to_string(t.due_ms));
    a.push_back(std::to_string(t.priority_ms));
    a.push_back(t.payload);
    a.push_back(t.plan ? EncodeStoredPlan(*t.plan) : "");
    auto csv = [](const std::vector<std::int64_t>& years) {
      std::string out;
      for (std::int64_t y : years) out += (out.empty() ? "" : ",") + std::to_string(y);
      return out;
    };
    a.push_back(csv(t.plan_years));
    a.push_back(csv(t.assumed_years));
  }
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("set_timers", std::move(a)));
  return Int(r);
}

Result<InboxPage> TaskStore::Inbox(const std::string& recipient, std::int64_t limit,
                                   const std::string& kind, const std::string& code,
                                   bool only_unread) {
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("inbox", {recipient, std::to_string(limit), kind, code,
                                                 only_unread ? "1" : "0"}));
  if (r.elements.size() != 3) return Shape("inbox");
  InboxPage page;
  page.total = Int(r.elements[0]);
  page.unread = Int(r.elements[1]);
  for (auto& e : r.elements[2].elements) {
    if (e.elements.size() != 2) return Shape("inbox");
    page.entries.emplace_back(std::move(e.elements[0].str), std::move(e.elements[1].str));
  }
  return page;
}

Result<std::int64_t> TaskStore::InboxRead(const std::string& recipient, Millis now,
                                          const std::string& actor,
                                          const std::vector<std::string>& ids) {
  std::vector<std::string> a{recipient, std::to_string(now), actor};
  a.insert(a.end(), ids.begin(), ids.end());
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("inbox_read", std::move(a)));
  return Int(r);
}

Result<std::vector<protocol::TimerRow>> TaskStore::Timers(const std::string& code) {
  DUBAN_ASSIGN_OR_RETURN(Reply r, Call("timers", {code}));
  std::vector<protocol::TimerRow> rows;
  for (auto& e : r.elements) {
    if (e.elements.size() != 8) return Shape("timers");
    protocol::TimerRow t;
    t.name = std::move(e.elements[0].str);
    t.service = std::move(e.elements[1].str);
    t.kind = std::move(e.elements[2].str);
    t.state = std::move(e.elements[3].str);
    t.due_ms = Int(e.elements[4]);
    t.planned = e.elements[5].str == "1";
    t.task_id = std::move(e.elements[6].str);
    t.task_state = std::move(e.elements[7].str);
    rows.push_back(std::move(t));
  }
  // The pending ones by due time (then name), then the others by name.
  std::sort(rows.begin(), rows.end(), [](const protocol::TimerRow& a, const protocol::TimerRow& b) {
    bool ap = a.state == "pending", bp = b.state == "pending";
    if (ap != bp) return ap;
    if (ap && a.due_ms != b.due_ms) return a.due_ms < b.due_ms;
    return a.name < b.name;
  });
  return rows;
}

Status TaskStore::Replay(Millis now, const std::string& service, const std::string& id) {
  auto r = Call("dlq_replay", {std::to_string(now), service, id});
  return r.ok() ? Status::Ok() : r.status();
}

}  // namespace duban::store
