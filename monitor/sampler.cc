#include "monitor/sampler.h"

#include "common/calendar.h"
#include "common/log.h"

namespace duban::monitor {
namespace {

using namespace protocol;

inline constexpr char kEscalationsRecipient[] = "office:supervision";
inline constexpr char kAgendaRecipient[] = "agenda:directors";

template <typename T>
Part<T> PartOf(Result<T> r) {
  if (r.ok()) return {std::move(r).value(), ""};
  return {std::nullopt, r.status().ToString()};
}

}  // namespace

Sampler::Sampler(BrokerLink& link, const Clock& wall, const Clock& domain, SamplerOptions options)
    : link_(link),
      wall_(wall),
      domain_(domain),
      options_(options),
      series_(options.window_ms, options.interval_ms) {
  auto first = std::make_shared<Snapshot>();
  first->broker_status = Unavailable("not sampled yet");
  first->broker_endpoint = link.endpoint();
  first->sample_interval_ms = options.interval_ms;
  latest_ = std::move(first);
}

Sampler::~Sampler() { Stop(); }

void Sampler::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void Sampler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Sampler::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    lock.unlock();
    SampleOnce();
    lock.lock();
    wake_.wait_for(lock, std::chrono::milliseconds(options_.interval_ms),
                   [this] { return stop_ || refresh_; });
    refresh_ = false;
  }
}

bool Sampler::RefreshNow(Millis max_wait_ms) {
  std::unique_lock<std::mutex> lock(mu_);
  if (!thread_.joinable()) return false;
  const std::int64_t want = started_ + 1;
  refresh_ = true;
  wake_.notify_all();
  return published_.wait_for(lock, std::chrono::milliseconds(max_wait_ms), [&] {
    return generation_ >= want || stop_;
  }) && generation_ >= want;
}

std::shared_ptr<Snapshot> Sampler::Collect() {
  auto s = std::make_shared<Snapshot>();
  s->sampled_at_ms = wall_.NowMs();
  s->sample_interval_ms = options_.interval_ms;
  s->broker_endpoint = link_.endpoint();

  auto queues = link_.Call<svc::Queues>(QueuesRequest{});
  if (!queues.ok()) {
    s->broker_status = queues.status();
    return s;
  }
  auto stats = link_.Call<svc::Stats>(StatsRequest{});
  if (!stats.ok()) {
    s->broker_status = stats.status();
    return s;
  }
  s->broker_up = true;
  s->queues = std::move(queues).value();
  for (auto& [name, value] : stats->counters) s->counters[name] = value;

  s->workers = PartOf(link_.Call<svc::Workers>(WorkersRequest{}));

  // Overdue: every suggestion in a state that still owes the reply, up to the list limit each.
  std::vector<SuggestionSummary> owed;
  bool capped = false;
  std::string list_error;
  for (std::string_view state : kOwedStates) {
    auto list =
        link_.Call<svc::List>(ListRequest{std::string(state), "", kMaxListLimit});
    if (!list.ok()) {
      list_error = list.status().ToString();
      break;
    }
    capped = capped || list->total > static_cast<std::int64_t>(list->items.size());
    for (auto& item : list->items) owed.push_back(std::move(item));
  }
  if (list_error.empty()) {
    std::string today = FormatDate(LocalDateOf(domain_.NowMs(), options_.utc_offset_minutes));
    s->overdue.value = GroupOverdue(owed, today, capped);
  } else {
    s->overdue.error = list_error;
  }

  s->escalations = PartOf(link_.Call<svc::Inbox>(InboxRequest{kEscalationsRecipient, options_.notices_limit}));
  s->agenda = PartOf(link_.Call<svc::Inbox>(InboxRequest{kAgendaRecipient, options_.notices_limit}));
  s->dead_letters = PartOf(
      link_.Call<svc::Dlq>(DlqRequest{"list", "", "", options_.dead_letters_limit}));
  s->calendar = PartOf(link_.Call<svc::Calendar>(CalendarRequest{}));
  return s;
}

void Sampler::SampleOnce() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++started_;
  }
  std::shared_ptr<Snapshot> s = Collect();
  std::lock_guard<std::mutex> lock(mu_);
  ++rounds_;
  if (s->broker_up) {
    last_up_ms_ = s->sampled_at_ms;
    series_.Record(s->sampled_at_ms, TotalsFrom(s->counters));
  } else {
    ++failed_rounds_;
    series_.Gap();
    // Say so once per outage, not once per round.
    if (latest_->broker_up || latest_->rounds == 0) {
      Logger("monitor")->warn("broker not answering: {}", s->broker_status.ToString());
    }
  }
  if (s->broker_up && !latest_->broker_up && latest_->rounds > 0) {
    Logger("monitor")->info("broker answering again at {}", s->broker_endpoint);
  }
  s->last_up_ms = last_up_ms_;
  s->rounds = rounds_;
  s->failed_rounds = failed_rounds_;
  latest_ = std::move(s);
  ++generation_;
  published_.notify_all();
}

std::shared_ptr<const Snapshot> Sampler::Latest() const {
  std::lock_guard<std::mutex> lock(mu_);
  return latest_;
}

std::vector<ThroughputPoint> Sampler::Throughput() const {
  std::lock_guard<std::mutex> lock(mu_);
  return series_.Points(wall_.NowMs());
}

}  // namespace duban::monitor
