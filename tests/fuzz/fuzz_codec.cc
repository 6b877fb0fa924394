// Fuzz target: the msgpack codec of every message (common/protocol/codec.h) in its three
// envelopes — Decode<T> (requests and worker messages), DecodeReply<T>, DecodeBare<T> (values stored
// in Redis) — and the other decoders of stored or carried bytes: units, opaque request frames, and
// the timer payloads of staff decisions, unit timers, reply reminders and survey rounds.
// Input: one selector byte (codec_types.h says which decoder), then the bytes to decode.
//
// Invariants checked beyond "no crash, no exception":
//   - whatever decodes re-encodes to bytes that decode again, and encoding is then a fixed point:
//     Encode(Decode(x)) == Encode(Decode(Encode(Decode(x)))) (encoding is deterministic, so equal
//     bytes mean equal values);
//   - nothing the input said is lost or changed on the way: every field of x (recursively, the
//     first of duplicate keys, as the reader takes it) is in Encode(Decode(x)) with the same value,
//     unless it is empty, zero, false or nil — the values the writers leave out as defaults;
//   - an error reply made from any status code and message decodes, for every reply type, to
//     exactly that code and message.
#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <vector>

#include "common/protocol/codec.h"
#include "common/protocol/staff_decision.h"
#include "tests/fuzz/codec_types.h"
#include "tests/fuzz/fuzz_check.h"
#include "workers/reminder/reply_timers.h"
#include "workers/reminder/unit_timers.h"
#include "workers/survey/survey_role.h"

using namespace duban;
using namespace duban::protocol;

namespace {

// An empty string or bin, 0, false, nil or an empty array or map: what a writer may leave out.
bool IsDefault(const msgpack::object& o) {
  switch (o.type) {
    case msgpack::type::NIL: return true;
    case msgpack::type::BOOLEAN: return !o.via.boolean;
    case msgpack::type::POSITIVE_INTEGER: return o.via.u64 == 0;
    case msgpack::type::NEGATIVE_INTEGER: return o.via.i64 == 0;
    case msgpack::type::STR: return o.via.str.size == 0;
    case msgpack::type::BIN: return o.via.bin.size == 0;
    case msgpack::type::ARRAY: return o.via.array.size == 0;
    case msgpack::type::MAP: return o.via.map.size == 0;
    default: return false;
  }
}

std::string_view BytesOf(const msgpack::object& o) {
  return o.type == msgpack::type::STR ? std::string_view(o.via.str.ptr, o.via.str.size)
                                      : std::string_view(o.via.bin.ptr, o.via.bin.size);
}

// Empty when everything `in` says is in `out` with the same value; else the path that differs.
std::string Missing(const msgpack::object& in, const msgpack::object& out, const std::string& at) {
  const bool in_bytes = in.type == msgpack::type::STR || in.type == msgpack::type::BIN;
  const bool out_bytes = out.type == msgpack::type::STR || out.type == msgpack::type::BIN;
  if (in_bytes || out_bytes) {
    return in_bytes && out_bytes && BytesOf(in) == BytesOf(out) ? "" : at;
  }
  if (in.type == msgpack::type::MAP) {
    if (out.type != msgpack::type::MAP) return at;
    std::vector<std::string_view> seen;
    for (std::uint32_t i = 0; i < in.via.map.size; ++i) {
      const auto& kv = in.via.map.ptr[i];
      if (kv.key.type != msgpack::type::STR) return at + "<key>";
      std::string_view k = BytesOf(kv.key);
      if (std::find(seen.begin(), seen.end(), k) != seen.end()) continue;  // readers take the first
      seen.push_back(k);
      if (kv.val.type == msgpack::type::NIL) continue;  // nil means absent: the default is written
      const msgpack::object* match = nullptr;
      for (std::uint32_t j = 0; j < out.via.map.size && match == nullptr; ++j) {
        if (out.via.map.ptr[j].key.type == msgpack::type::STR && BytesOf(out.via.map.ptr[j].key) == k) {
          match = &out.via.map.ptr[j].val;
        }
      }
      const std::string path = at + "." + std::string(k);
      if (match == nullptr) {
        if (!IsDefault(kv.val)) return path;
        continue;
      }
      if (std::string m = Missing(kv.val, *match, path); !m.empty()) return m;
    }
    return "";
  }
  if (in.type == msgpack::type::ARRAY) {
    if (out.type != msgpack::type::ARRAY || out.via.array.size != in.via.array.size) return at;
    for (std::uint32_t i = 0; i < in.via.array.size; ++i) {
      std::string m = Missing(in.via.array.ptr[i], out.via.array.ptr[i], at + "[" + std::to_string(i) + "]");
      if (!m.empty()) return m;
    }
    return "";
  }
  if (in.type == msgpack::type::NIL) return "";
  return in == out ? "" : at;  // integers compare by value, whatever their width
}

void NothingLost(std::string_view in, std::string_view out, const char* what) {
  msgpack::object_handle a = msgpack::unpack(in.data(), in.size());
  msgpack::object_handle b = msgpack::unpack(out.data(), out.size());
  std::string at = Missing(a.get(), b.get(), "");
  FUZZ_CHECK(at.empty(), std::string(what) + ": the round trip lost or changed field '" + at + "'");
}

template <typename Enc, typename Dec>
void FixedPoint(std::string_view bytes, Enc encode, Dec decode, const char* what) {
  auto first = decode(bytes);
  if (!first.ok()) return;
  std::string once = encode(*first);
  NothingLost(bytes, once, what);
  auto second = decode(once);
  FUZZ_CHECK(second.ok(), std::string(what) + ": re-encoded value does not decode: " +
                              second.status().ToString());
  std::string twice = encode(*second);
  FUZZ_CHECK(once == twice, std::string(what) + ": encode(decode(..)) is not a fixed point");
}

template <typename T>
void Message(int envelope, std::string_view bytes, const char* name) {
  switch (envelope) {
    case 0:
      FixedPoint(bytes, [](const T& m) { return Encode(m); },
                    [](std::string_view b) { return Decode<T>(b); }, name);
      break;
    case 1: {
      FixedPoint(bytes, [](const T& m) { return EncodeReply(m); },
                    [](std::string_view b) { return DecodeReply<T>(b); }, name);
      // An error reply carrying these bytes as its message, under a code chosen by the length.
      const auto code = static_cast<StatusCode>(1 + bytes.size() % 10);
      Result<T> err = DecodeReply<T>(EncodeError(Status(code, std::string(bytes))));
      FUZZ_CHECK(!err.ok() && err.status().code() == code && err.status().message() == bytes,
                 std::string(name) + ": an error reply does not decode to its own status");
      break;
    }
    default:
      FixedPoint(bytes, [](const T& m) { return EncodeBare(m); },
                    [](std::string_view b) { return DecodeBare<T>(b); }, name);
  }
}

// The decoders with their own encoders, by Extra.
void ExtraDecoder(fuzz::Extra which, std::string_view bytes) {
  using fuzz::Extra;
  namespace rem = workers::reminder;
  switch (which) {
    case Extra::kUnits:
      FixedPoint(bytes, EncodeUnits, DecodeUnits, "units");
      break;
    case Extra::kFrames:
      FixedPoint(bytes, EncodeFrames, DecodeFrames, "frames");
      break;
    case Extra::kDecisionPayload:
      FixedPoint(bytes, EncodeDecisionPayload, DecodeDecisionPayload, "decision payload");
      break;
    case Extra::kUnitTimerPayload:
      FixedPoint(bytes, rem::EncodeUnitTimerPayload, rem::DecodeUnitTimerPayload,
                      "unit timer payload");
      break;
    case Extra::kReminderPayload:
      FixedPoint(bytes, rem::EncodeReminderPayload, rem::DecodeReminderPayload,
                      "reminder payload");
      break;
    case Extra::kRoundPayload:
      FixedPoint(bytes, workers::survey::EncodeRoundPayload,
                      workers::survey::DecodeRoundPayload, "round payload");
      break;
    case Extra::kCount:
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const int selector = data[0] % fuzz::kCodecCases;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  int index = 0;
#define DUBAN_FUZZ_CASE(T)                                      \
  if (selector / 3 == index) {                                  \
    Message<T>(selector % 3, bytes, #T);                        \
    return 0;                                                   \
  }                                                             \
  ++index;
  DUBAN_FUZZ_MESSAGES(DUBAN_FUZZ_CASE)
#undef DUBAN_FUZZ_CASE
  ExtraDecoder(static_cast<fuzz::Extra>(selector - 3 * fuzz::kMessageTypes), bytes);
  return 0;
}
