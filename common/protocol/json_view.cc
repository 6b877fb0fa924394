#include "common/protocol/json_view.h"

#include <cstdio>
#include <optional>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "common/calendar.h"
#include "common/protocol/describe.h"

namespace duban::protocol {

namespace {

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && (a < 0)); }

// The wire names of a message, to tell whether an instant's text name is free.
struct NameCollector {
  std::set<std::string_view> names;
  template <typename X>
  void operator()(std::string_view key, X&, unsigned = kRequired, std::string_view = {}) {
    names.insert(key);
  }
};

class JsonWriter {
 public:
  JsonWriter(Json& out, const JsonOptions& options, std::set<std::string_view> names)
      : out_(out), options_(options), names_(std::move(names)) {}

  template <typename X>
  void operator()(std::string_view key, const X& value, unsigned flags = kRequired,
                  std::string_view = {}) {
    if ((flags & kNotOnWire) != 0) return;
    if ((flags & kPrivate) != 0 && options_.drop_private) return;
    out_[std::string(key)] = Value(value);
    if constexpr (std::is_same_v<X, std::int64_t>) {
      if ((flags & kTime) != 0 && key.size() > 3 && key.substr(key.size() - 3) == "_ms") {
        std::string_view text_key = key.substr(0, key.size() - 3);
        if (value > 0 && names_.count(text_key) == 0) {
          out_[std::string(text_key)] = FormatLocalIso(value, options_.utc_offset_minutes);
        }
      }
    }
  }

 private:
  Json Value(const std::string& v) { return v; }
  Json Value(std::int64_t v) { return v; }
  Json Value(bool v) { return v; }
  Json Value(const std::vector<std::string>& v) { return v; }
  Json Value(const std::vector<std::int64_t>& v) { return v; }
  // A map whose keys are data: an object (jq '.counters["api.submitted"]').
  Json Value(const std::vector<std::pair<std::string, std::int64_t>>& v) {
    Json j = Json::object();
    for (const auto& [k, n] : v) j[k] = n;
    return j;
  }
  template <WireEnum E>
  Json Value(E v) {
    return std::string(WireName(v));
  }
  template <Described T>
  Json Value(const T& v) {
    return ToJson(v, options_);
  }
  template <Described T>
  Json Value(const std::optional<T>& v) {
    return v ? ToJson(*v, options_) : Json(nullptr);
  }
  template <Described T>
  Json Value(const std::vector<T>& v) {
    Json j = Json::array();
    for (const T& item : v) j.push_back(ToJson(item, options_));
    return j;
  }

  Json& out_;
  const JsonOptions& options_;
  std::set<std::string_view> names_;
};

template <Described T>
Json DescribedToJson(const T& m, const JsonOptions& options) {
  NameCollector names;
  Describe(names, m);
  Json j = Json::object();
  JsonWriter w(j, options, std::move(names.names));
  Describe(w, m);
  return j;
}

}  // namespace

std::string FormatLocalIso(Millis ms, std::int64_t utc_offset_minutes) {
  // An instant near INT64_MAX in a broker reply (a corrupt stored value) overflowed `ms + offset`
  // below: UBSan reports it in tests/fuzz/fuzz_monitor (corpus regress-instant-int64-max). ISO
  // text has four-digit years anyway.
  if (ms < kMinIsoMs || ms > kMaxIsoMs || utc_offset_minutes < -kMaxOffsetMinutes ||
      utc_offset_minutes > kMaxOffsetMinutes) {
    return "";
  }
  const std::int64_t local_ms = ms + utc_offset_minutes * 60000;
  const std::int64_t day_ms = 86400000;
  std::int64_t of_day = local_ms - FloorDiv(local_ms, day_ms) * day_ms;
  std::string date = FormatDate(LocalDateOf(ms, utc_offset_minutes));
  std::int64_t seconds = of_day / 1000;
  std::int64_t off = utc_offset_minutes < 0 ? -utc_offset_minutes : utc_offset_minutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d%c%02d:%02d", int(seconds / 3600),
                int(seconds / 60 % 60), int(seconds % 60), utc_offset_minutes < 0 ? '-' : '+',
                int(off / 60), int(off % 60));
  return date + buf;
}

#define DUBAN_DEFINE_TO_JSON(T) \
  Json ToJson(const T& m, const JsonOptions& options) { return DescribedToJson(m, options); }
DUBAN_MESSAGES(DUBAN_DEFINE_TO_JSON)
#undef DUBAN_DEFINE_TO_JSON

}  // namespace duban::protocol
