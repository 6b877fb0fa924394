#include "services/audit_api.h"

#include <memory>

#include "common/audit_chain.h"
#include "common/protocol/codec.h"
#include "common/store/audit_store.h"

namespace duban::services {

using namespace duban::protocol;

namespace {

class AuditApi {
 public:
  AuditApi(store::TaskStore& store, Counters& counters) : store_(store), counters_(counters) {}

  Result<VerifyReply> Verify(const VerifyRequest& req) {
    VerifyReply reply;
    if (!req.all) {
      auto trail = store_.Trail(req.code);
      if (!trail.ok()) return trail.status();
      reply.results.push_back(
          VerifyAuditChain(trail->code, trail->entries, trail->head, &trail->record));
      reply.total = 1;
    } else {
      auto page = store_.Trails(req.cursor, req.limit);
      if (!page.ok()) return page.status();
      for (const auto& t : page->trails) {
        reply.results.push_back(VerifyAuditChain(t.code, t.entries, t.head, &t.record));
      }
      reply.cursor = page->next_cursor;
      reply.total = page->total;
      if (req.cursor == 0 && req.heads) {
        auto lines = store_.Checkpoints();
        if (!lines.ok()) return lines.status();
        reply.checkpoints = std::move(*lines);
      }
    }
    for (auto& r : reply.results) {
      if (!req.heads) r.heads.clear();
      counters_.Increment(r.ok ? "api.verified_ok" : "api.verified_failed");
    }
    return reply;
  }

  Result<CheckReply> Check(const CheckRequest& req) {
    auto page = store_.Stuck(req.cursor, req.limit);
    if (!page.ok()) return page.status();
    CheckReply reply;
    reply.cursor = page->next_cursor;
    reply.total = page->total;
    reply.scanned = page->scanned;
    for (const auto& row : page->rows) {
      StuckSuggestion s;
      s.code = row.code;
      s.state = row.state;
      if (!row.last_entry.empty()) {
        // A tampered entry must not hide a stuck suggestion: report it, unreadable.
        if (auto e = DecodeBare<AuditEntry>(row.last_entry); e.ok()) {
          s.last_action = e->action;
          s.last_at_ms = e->at_ms;
        } else {
          s.last_action = "(unreadable entry)";
        }
      }
      if (!row.dead_task.empty()) {
        s.why = "dead letter: " + row.dead_reason;
        s.dead_service = row.dead_service;
        s.dead_task = row.dead_task;
      } else {
        s.why = "no task, no timer";
      }
      reply.stuck.push_back(std::move(s));
    }
    counters_.Increment("api.checked", static_cast<std::uint64_t>(page->scanned));
    return reply;
  }

 private:
  store::AuditStore store_;
  Counters& counters_;
};

}  // namespace

void RegisterAuditApi(store::TaskStore& store, Counters& counters, ApiTable& table) {
  auto api = std::make_shared<AuditApi>(store, counters);
  table.Bind<svc::Verify>([api](const VerifyRequest& req, Millis) { return api->Verify(req); });
  table.Bind<svc::Check>([api](const CheckRequest& req, Millis) { return api->Check(req); });
}

}  // namespace duban::services
