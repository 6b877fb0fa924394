#include "monitor/histogram.h"

#include <algorithm>
#include <charconv>

namespace duban::monitor {
namespace {

constexpr std::string_view kBucketInfix = ".le_";

// "5" -> 5.0; nullopt for anything that is not a whole decimal number.
std::optional<double> ParseBound(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<std::int64_t> Find(const CounterMap& counters, const std::string& key) {
  auto it = counters.find(key);
  if (it == counters.end()) return std::nullopt;
  return it->second;
}

}  // namespace

std::optional<Histogram> HistogramFromCounters(const CounterMap& counters, std::string_view name,
                                               double units_per_base) {
  const std::string prefix = std::string(name) + std::string(kBucketInfix);
  std::vector<Bucket> raw;
  std::optional<std::int64_t> inf;
  bool any = false;
  for (auto it = counters.lower_bound(prefix);
       it != counters.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    any = true;
    std::string_view bound = std::string_view(it->first).substr(prefix.size());
    if (bound == "inf") {
      inf = it->second;
      continue;
    }
    if (auto b = ParseBound(bound)) raw.push_back({*b / units_per_base, it->second});
  }
  const auto sum = Find(counters, std::string(name) + ".sum");
  const auto count = Find(counters, std::string(name) + ".count");
  if (!any && !sum && !count) return std::nullopt;

  // The map orders bounds as text ("le_10" < "le_5"): sort numerically, merge equal bounds.
  std::sort(raw.begin(), raw.end(),
            [](const Bucket& a, const Bucket& b) { return a.upper_bound < b.upper_bound; });
  Histogram h;
  for (const Bucket& b : raw) {
    if (!h.buckets.empty() && h.buckets.back().upper_bound == b.upper_bound) {
      h.buckets.back().count = std::max(h.buckets.back().count, b.count);
      continue;
    }
    h.buckets.push_back(b);
  }
  std::int64_t running = 0;
  for (Bucket& b : h.buckets) {
    b.count = std::max(b.count, running);
    running = b.count;
  }
  h.count = std::max(inf.value_or(count.value_or(running)), running);
  h.sum = static_cast<double>(sum.value_or(0)) / units_per_base;
  return h;
}

bool IsHistogramPart(const CounterMap& counters, std::string_view counter) {
  if (counter.find(kBucketInfix) != std::string_view::npos) return true;
  for (std::string_view suffix : {std::string_view(".sum"), std::string_view(".count")}) {
    if (counter.size() > suffix.size() && counter.ends_with(suffix)) {
      std::string prefix(counter.substr(0, counter.size() - suffix.size()));
      prefix += kBucketInfix;
      auto it = counters.lower_bound(prefix);
      if (it != counters.end() && it->first.compare(0, prefix.size(), prefix) == 0) return true;
    }
  }
  return false;
}

}  // namespace duban::monitor
