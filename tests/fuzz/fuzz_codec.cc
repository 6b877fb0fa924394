// Fuzz target: the msgpack codec of every message (common/protocol/codec.h) in its three
// envelopes — Decode<T> (requests and worker messages), DecodeReply<T>, DecodeBare<T> (values stored
// in Redis) — and the other decoders of stored or carried bytes: units, opaque request frames, and
// the timer payloads of staff decisions, unit timers, reply reminders and survey rounds.
// Input: one selector byte (codec_types.h says which decoder), then the bytes to decode.
//
// Invariants checked beyond "no crash, no exception":
//   - whatever decodes re-encodes to bytes that decode again, and encoding is then a fixed point:
//     Encode(Decode(x)) == Encode(Decode(Encode(Decode(x)))) — no field lost, changed or invented
//     by a round trip (encoding is deterministic, so equal bytes mean equal values);
//   - an error reply made from any status code and message decodes, for every reply type, to
//     exactly that code and message.
#include <cstddef>
#include <cstdint>

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

template <typename Enc, typename Dec>
void FixedPoint(std::string_view bytes, Enc encode, Dec decode, const char* what) {
  auto first = decode(bytes);
  if (!first.ok()) return;
  std::string once = encode(*first);
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
