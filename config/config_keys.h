// The plain keys of each config section, as data, and the checks the loader (config.cc) and
// Validate (validate.cc) share. Internal to config/: not included outside it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "config/config.h"

namespace duban::config::internal {

// The plain keys of each section, as data: reading them and checking that every integer is
// positive (all are intervals, counts or limits) walk the same tables, so a new key is one line.
template <typename T>
using StrKey = std::pair<std::string_view, std::string T::*>;
template <typename T>
using IntKey = std::pair<std::string_view, std::int64_t T::*>;

inline constexpr auto kBrokerStrs = std::to_array<StrKey<BrokerConfig>>({{"bind", &BrokerConfig::bind}});
inline constexpr auto kBrokerInts = std::to_array<IntKey<BrokerConfig>>({
    {"heartbeat_interval_ms", &BrokerConfig::heartbeat_interval_ms},
    {"heartbeat_liveness", &BrokerConfig::heartbeat_liveness},
    {"lease_ms", &BrokerConfig::lease_ms},
    {"max_lease_ms", &BrokerConfig::max_lease_ms},
    {"max_services", &BrokerConfig::max_services},
    {"client_rate_per_s", &BrokerConfig::client_rate_per_s},
    {"client_burst", &BrokerConfig::client_burst},
    {"client_max_inflight", &BrokerConfig::client_max_inflight},
    {"max_attempts", &BrokerConfig::max_attempts},
    {"backoff_base_ms", &BrokerConfig::backoff_base_ms},
    {"backoff_max_ms", &BrokerConfig::backoff_max_ms},
    {"max_batch", &BrokerConfig::max_batch},
    {"dead_letter_max", &BrokerConfig::dead_letter_max},
    {"request_id_ttl_s", &BrokerConfig::request_id_ttl_s},
    {"reply_record_ttl_s", &BrokerConfig::reply_record_ttl_s},
    {"max_message_bytes", &BrokerConfig::max_message_bytes},
    {"dispatch_poll_ms", &BrokerConfig::dispatch_poll_ms},
});
inline constexpr auto kRedisStrs = std::to_array<StrKey<RedisConfig>>(
    {{"url", &RedisConfig::url}, {"key_prefix", &RedisConfig::key_prefix}});
inline constexpr auto kRedisInts = std::to_array<IntKey<RedisConfig>>({
    {"connect_timeout_ms", &RedisConfig::connect_timeout_ms},
    {"reconnect_max_ms", &RedisConfig::reconnect_max_ms},
});
inline constexpr auto kWorkerStrs =
    std::to_array<StrKey<WorkerConfig>>({{"connect", &WorkerConfig::connect}});
inline constexpr auto kWorkerInts = std::to_array<IntKey<WorkerConfig>>({
    {"heartbeat_interval_ms", &WorkerConfig::heartbeat_interval_ms},
    {"heartbeat_liveness", &WorkerConfig::heartbeat_liveness},
    {"reconnect_initial_ms", &WorkerConfig::reconnect_initial_ms},
    {"reconnect_max_ms", &WorkerConfig::reconnect_max_ms},
});
// utc_offset_minutes is not a key: it is derived from timezone.
inline constexpr auto kJurisdictionStrs = std::to_array<StrKey<Jurisdiction>>(
    {{"name", &Jurisdiction::name},
     {"timezone", &Jurisdiction::timezone},
     {"reply_without_opinions", &Jurisdiction::reply_without_opinions}});
inline constexpr auto kJurisdictionInts = std::to_array<IntKey<Jurisdiction>>({
    {"reply_months", &Jurisdiction::reply_months},
    {"extension_max_months", &Jurisdiction::extension_max_months},
    {"return_window_working_days", &Jurisdiction::return_window_working_days},
    {"agenda_after_overdue_days", &Jurisdiction::agenda_after_overdue_days},
    {"sign_remind_working_days", &Jurisdiction::sign_remind_working_days},
    {"sign_overdue_working_days", &Jurisdiction::sign_overdue_working_days},
    {"opinion_months", &Jurisdiction::opinion_months},
    {"rehandling_months", &Jurisdiction::rehandling_months},
    {"evaluation_remind_working_days", &Jurisdiction::evaluation_remind_working_days},
    {"evaluation_overdue_working_days", &Jurisdiction::evaluation_overdue_working_days},
    {"evaluation_chase_working_days", &Jurisdiction::evaluation_chase_working_days},
    {"commitment_remind_days", &Jurisdiction::commitment_remind_days},
    {"request_ack_working_days", &Jurisdiction::request_ack_working_days},
    {"lookback_months", &Jurisdiction::lookback_months},
    {"staff_decision_days", &Jurisdiction::staff_decision_days},
});
inline constexpr auto kHotInts = std::to_array<IntKey<HotRules>>({
    {"co_signers_min", &HotRules::co_signers_min},
    {"same_topic_min", &HotRules::same_topic_min},
    {"scan_limit", &HotRules::scan_limit},
});
inline constexpr std::int64_t kMaxHotScan = 100000;  // one scan must stay a short Redis call
inline constexpr std::int64_t kMaxReminderDays = 366;  // reminder and agenda day counts stay within a year
inline constexpr std::int64_t kMinutesPerDay = 24 * 60;
inline constexpr std::int64_t kMaxMonths = 120;  // keeps month arithmetic far from int limits

// The UTC offset of a time-zone name: a fixed-offset name ("Asia/Shanghai", ...), or "UTC+HH:MM" /
// "UTC-HH:MM". InvalidArgument listing what is accepted otherwise.
Result<std::int64_t> ZoneOffsetMinutes(std::string_view zone);

// Units and rules, with messages prefixed by `where` (the file they came from).
Status CheckUnitsAndRules(const std::vector<Unit>& units, const std::vector<RoutingRule>& rules,
                          const std::string& where);

}  // namespace duban::config::internal
