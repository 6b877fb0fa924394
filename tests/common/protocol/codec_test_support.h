// Shared by the codec tests: msgpack built by hand (to feed the decoders exactly the bytes a test
// needs), sample values, field-by-field comparisons and round-trip shorthands.
#pragma once

#include "common/protocol/codec.h"
#include <gtest/gtest.h>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace duban::protocol::codec_test {

using namespace std::string_literals;

// ---- building msgpack by hand ----------------------------------------------------------------

using Packer = msgpack::packer<msgpack::sbuffer>;
using Fields = std::vector<std::pair<std::string, std::string>>;  // key -> packed value

template <typename F>
inline std::string Pack(F&& fill) {
  msgpack::sbuffer sb;
  Packer pk(sb);
  fill(pk);
  return std::string(sb.data(), sb.size());
}
inline std::string S(std::string_view s) {
  return Pack([&](Packer& pk) {
    pk.pack_str(static_cast<std::uint32_t>(s.size()));
    pk.pack_str_body(s.data(), static_cast<std::uint32_t>(s.size()));
  });
}
inline std::string I(std::int64_t v) {
  return Pack([&](Packer& pk) { pk.pack_int64(v); });
}
inline std::string Nil() {
  return Pack([](Packer& pk) { pk.pack_nil(); });
}
inline std::string StrArray(const std::vector<std::string>& items) {
  std::string out =
      Pack([&](Packer& pk) { pk.pack_array(static_cast<std::uint32_t>(items.size())); });
  for (const auto& i : items) out += S(i);
  return out;
}
inline std::string MapOf(const Fields& fields) {
  std::string out =
      Pack([&](Packer& pk) { pk.pack_map(static_cast<std::uint32_t>(fields.size())); });
  for (const auto& [k, v] : fields) out += S(k) + v;
  return out;
}
inline Fields Without(Fields f, const std::string& key) {
  std::erase_if(f, [&](const auto& kv) { return kv.first == key; });
  return f;
}
inline Fields With(Fields f, const std::string& key, std::string value) {
  for (auto& kv : f) {
    if (kv.first == key) {
      kv.second = std::move(value);
      return f;
    }
  }
  f.emplace_back(key, std::move(value));
  return f;
}

inline Fields DeputyFields() { return {{"id", S("D001")}, {"name", S("王小明")}, {"contact", S("138")}}; }
inline Fields DraftFields() {
  return {{"title", S("关于加强社区养老服务的建议")},
          {"content", S("建议在各街道设立日间照料中心。")},
          {"category", S("民生")},
          {"keywords", StrArray({"养老"})},
          {"deputy", MapOf(DeputyFields())},
          {"co_signers", StrArray({})},
          {"session", S("2026")}};
}
inline Fields SubmitFields() {
  return {{"v", I(1)}, {"request_id", S("req-1")}, {"draft", MapOf(DraftFields())}};
}

// "OK" or "CODE: message", so one EXPECT_EQ checks both the code and the exact message.
template <typename T>
inline std::string StatusOf(const Result<T>& r) {
  return r.ok() ? "OK" : r.status().ToString();
}

// ---- sample values ---------------------------------------------------------------------------

inline SuggestionDraft SampleDraft() {
  SuggestionDraft d;
  d.title = "关于加强社区居家养老服务的建议";
  d.content = "建议在各街道设立日间照料中心。\n第二，增加财政投入：每年不少于 500 万元。";
  d.category = "民生";
  d.keywords = {"养老", "社区", "日间照料"};
  d.deputy = {"D001", "王小明", "13800000000"};
  d.co_signers = {"李四", "张三"};
  d.session = "2026";
  return d;
}

// Only required fields set: every optional field is empty.
inline SuggestionDraft MinimalDraft() {
  SuggestionDraft d;
  d.title = "标题";
  d.content = "内容";
  d.deputy = {"D002", "赵六", ""};
  d.session = "2026";
  return d;
}

inline Deadline SampleDeadline() {
  return {"2026-04-30", "答复：交办之日起 3 个自然月", 1'777'564'799'999};
}

inline Suggestion SampleSuggestion() {
  Suggestion s;
  s.code = "S2026-00042";
  s.draft = SampleDraft();
  s.state = SuggestionState::kInHandling;
  s.version = 7;
  s.submitted_ms = 1'767'225'600'000;
  s.units = {{"市民政局", UnitRole::kLead, "SIGNED"}, {"市财政局", UnitRole::kCo, "ISSUED"}};
  s.deadline = SampleDeadline();
  return s;
}

inline Suggestion MinimalSuggestion() {
  Suggestion s;
  s.code = "S2026-00001";
  s.draft = MinimalDraft();
  return s;
}

inline AuditEntry SampleAudit() {
  return {1'767'312'000'000, "staff:王", "assigned", "ACCEPTED", "ASSIGNED", "交民政局主办", "t-9",
          "a9993e364706816aba3e25717850c26c9cd0d89d"};
}

// ---- field-by-field comparisons --------------------------------------------------------------

inline void ExpectSame(const Deputy& a, const Deputy& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.contact, b.contact);
}
inline void ExpectSame(const SuggestionDraft& a, const SuggestionDraft& b) {
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.content, b.content);
  EXPECT_EQ(a.category, b.category);
  EXPECT_EQ(a.keywords, b.keywords);
  ExpectSame(a.deputy, b.deputy);
  EXPECT_EQ(a.co_signers, b.co_signers);
  EXPECT_EQ(a.session, b.session);
}
inline void ExpectSame(const UnitAssignment& a, const UnitAssignment& b) {
  EXPECT_EQ(a.unit, b.unit);
  EXPECT_EQ(a.role, b.role);
  EXPECT_EQ(a.state, b.state);
}
inline void ExpectSame(const Deadline& a, const Deadline& b) {
  EXPECT_EQ(a.date, b.date);
  EXPECT_EQ(a.rule, b.rule);
  EXPECT_EQ(a.due_ms, b.due_ms);
}
inline void ExpectSame(const AuditEntry& a, const AuditEntry& b) {
  EXPECT_EQ(a.at_ms, b.at_ms);
  EXPECT_EQ(a.actor, b.actor);
  EXPECT_EQ(a.action, b.action);
  EXPECT_EQ(a.from, b.from);
  EXPECT_EQ(a.to, b.to);
  EXPECT_EQ(a.note, b.note);
  EXPECT_EQ(a.task, b.task);
  EXPECT_EQ(a.prev, b.prev);
}
inline void ExpectSame(const SuggestionSummary& a, const SuggestionSummary& b) {
  EXPECT_EQ(a.code, b.code);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.lead_unit, b.lead_unit);
  EXPECT_EQ(a.deadline, b.deadline);
}
inline void ExpectSame(const ServiceStats& a, const ServiceStats& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.queued, b.queued);
  EXPECT_EQ(a.inflight, b.inflight);
  EXPECT_EQ(a.dead, b.dead);
  EXPECT_EQ(a.workers, b.workers);
  EXPECT_EQ(a.idle_workers, b.idle_workers);
}
inline void ExpectSame(const DeadLetter& a, const DeadLetter& b) {
  EXPECT_EQ(a.task_id, b.task_id);
  EXPECT_EQ(a.service, b.service);
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.attempts, b.attempts);
  EXPECT_EQ(a.at_ms, b.at_ms);
}
void ExpectSame(const Suggestion& a, const Suggestion& b);
template <typename T>
inline void ExpectSame(const std::vector<T>& a, const std::vector<T>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) ExpectSame(a[i], b[i]);
}
template <typename T>
inline void ExpectSame(const std::optional<T>& a, const std::optional<T>& b) {
  ASSERT_EQ(a.has_value(), b.has_value());
  if (a) ExpectSame(*a, *b);
}
inline void ExpectSame(const Suggestion& a, const Suggestion& b) {
  EXPECT_EQ(a.code, b.code);
  ExpectSame(a.draft, b.draft);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.submitted_ms, b.submitted_ms);
  ExpectSame(a.units, b.units);
  ExpectSame(a.deadline, b.deadline);
}

// Round trips through the three envelopes; each returns the decoded value (or fails the test).
template <typename T>
T ViaRequest(const T& m) {
  Result<T> r = Decode<T>(Encode(m));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r.value() : T{};
}
template <typename T>
T ViaReply(const T& m) {
  Result<T> r = DecodeReply<T>(EncodeReply(m));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r.value() : T{};
}
template <typename T>
T ViaBare(const T& m) {
  Result<T> r = DecodeBare<T>(EncodeBare(m));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r.value() : T{};
}

}  // namespace duban::protocol::codec_test
