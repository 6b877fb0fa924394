#include "common/protocol/staff_decision.h"

#include "common/protocol/timer_names.h"
#include "common/protocol/wire.h"

namespace duban::protocol {

std::string EncodeDecisionPayload(const DecisionPayload& p) {
  MapWriter w;
  w.Str("request", p.request).Str("unit", p.unit).Int("since_ms", p.since_ms);
  return w.Take();
}

Result<DecisionPayload> DecodeDecisionPayload(std::string_view bytes) {
  auto bad = [](const std::string& why) { return InvalidArgument("decision payload: " + why); };
  Result<MapReader> parsed = MapReader::Parse(bytes);
  if (!parsed.ok()) return bad(parsed.status().message());
  DecisionPayload p;
  for (Status s : {parsed->Str("request", &p.request), parsed->Str("unit", &p.unit),
                   parsed->Int("since_ms", &p.since_ms), parsed->Finish()}) {
    if (!s.ok()) return bad(s.message());
  }
  if (p.request != "review" && p.request != "return" && p.request != "extension") {
    return bad("unknown request '" + p.request + "'");
  }
  if (p.request != "review" && p.unit.empty()) {
    return bad(std::string(p.request == "extension" ? "an " : "a ") + p.request +
               " names its unit");
  }
  return p;
}

TimerSpec DecisionTimerFor(const DecisionPayload& p, Millis now, std::int64_t days) {
  constexpr Millis kDayMs = 24 * 3'600'000;
  const std::string name = p.request == "review" ? std::string(kDecisionReviewTimer)
                                                 : DecisionTimer(p.request, p.unit);
  return {name, "reminder", std::string(kStaffDecisionKind), now + days * kDayMs, 0,
          EncodeDecisionPayload(p)};
}

}  // namespace duban::protocol
