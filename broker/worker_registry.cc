#include "broker/worker_registry.h"

#include <algorithm>

namespace duban::broker {

WorkerRegistry::WorkerRegistry(std::int64_t heartbeat_interval_ms, std::int64_t liveness)
    : expiry_ms_(heartbeat_interval_ms * liveness) {}

Status WorkerRegistry::Ready(const std::string& identity, const std::string& service, Millis now) {
  if (workers_.count(identity) != 0) {
    return FailedPrecondition("worker sent READY twice");
  }
  workers_[identity] = WorkerRecord{identity, service, "", now + expiry_ms_, now, std::nullopt};
  waiting_[service].push_back(identity);
  ++live_[service];
  return Status::Ok();
}

WorkerRecord* WorkerRegistry::Find(const std::string& identity) {
  auto it = workers_.find(identity);
  return it == workers_.end() ? nullptr : &it->second;
}

void WorkerRegistry::Touch(const std::string& identity, Millis now) {
  if (auto* w = Find(identity)) {
    w->expiry_ms = now + expiry_ms_;
    w->last_seen_ms = now;
  }
}

std::optional<std::string> WorkerRegistry::Assign(const std::string& service, HeldTask task) {
  auto it = waiting_.find(service);
  if (it == waiting_.end() || it->second.empty()) return std::nullopt;
  std::string identity = it->second.front();
  it->second.pop_front();
  workers_[identity].task = std::move(task);
  return identity;
}

std::optional<HeldTask> WorkerRegistry::Release(const std::string& identity,
                                                const std::string& service, const std::string& id,
                                                const std::string& fence) {
  auto* w = Find(identity);
  if (w == nullptr || !w->task) return std::nullopt;
  if (w->task->service != service || w->task->id != id || w->task->fence != fence) {
    return std::nullopt;
  }
  std::optional<HeldTask> held = std::move(w->task);
  w->task.reset();
  waiting_[w->service].push_back(identity);
  return held;
}

void WorkerRegistry::RemoveFromWaiting(const std::string& service, const std::string& identity) {
  auto& q = waiting_[service];
  q.erase(std::remove(q.begin(), q.end(), identity), q.end());
}

std::optional<WorkerRecord> WorkerRegistry::Remove(const std::string& identity) {
  auto it = workers_.find(identity);
  if (it == workers_.end()) return std::nullopt;
  WorkerRecord rec = std::move(it->second);
  workers_.erase(it);
  if (!rec.task) RemoveFromWaiting(rec.service, identity);
  if (--live_[rec.service] == 0) {
    live_.erase(rec.service);
    waiting_.erase(rec.service);
  }
  return rec;
}

std::vector<WorkerRecord> WorkerRegistry::Purge(Millis now) {
  std::vector<std::string> dead;
  for (const auto& [id, w] : workers_) {
    if (w.expiry_ms < now && (!w.task || w.task->lease_until_ms < now)) dead.push_back(id);
  }
  std::vector<WorkerRecord> out;
  for (const auto& id : dead) {
    if (auto rec = Remove(id)) out.push_back(std::move(*rec));
  }
  return out;
}

std::size_t WorkerRegistry::IdleCount(const std::string& service) const {
  auto it = waiting_.find(service);
  return it == waiting_.end() ? 0 : it->second.size();
}

std::size_t WorkerRegistry::LiveCount(const std::string& service) const {
  auto it = live_.find(service);
  return it == live_.end() ? 0 : it->second;
}

std::vector<std::pair<std::string, std::int64_t>> WorkerRegistry::IdleByService() const {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& [svc, q] : waiting_) {
    if (!q.empty()) out.emplace_back(svc, static_cast<std::int64_t>(q.size()));
  }
  return out;
}

std::vector<WorkerRecord> WorkerRegistry::Snapshot() const {
  std::vector<WorkerRecord> out;
  out.reserve(workers_.size());
  for (const auto& [id, w] : workers_) out.push_back(w);
  return out;
}

std::vector<std::string> WorkerRegistry::Identities() const {
  std::vector<std::string> out;
  out.reserve(workers_.size());
  for (const auto& [id, w] : workers_) out.push_back(id);
  return out;
}

}  // namespace duban::broker
