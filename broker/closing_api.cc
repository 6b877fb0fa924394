// Closing the loop through the API: duban.reply, duban.evaluate, duban.closeout and
// duban.lookback (closing_rules.h decides; ApiHandlers::ApplyChange applies with a version check).
#include "broker/api_handlers.h"
#include "broker/dispatcher.h"
#include "broker/public_status.h"
#include "common/protocol/codec.h"

namespace duban::broker {

using namespace duban::protocol;

void ApiHandlers::RegisterClosing() {
  handlers_["duban.reply"] = [this](const std::string& body, Millis now) { return Reply(body, now); };
  handlers_["duban.evaluate"] = [this](const std::string& body, Millis now) {
    return Evaluate(body, now);
  };
  handlers_["duban.status"] = [this](const std::string& body, Millis now) {
    return PublicStatusOf(body, now);
  };
  for (const char* name : {"duban.closeout", "duban.lookback"}) {
    std::string service = name;
    handlers_[service] = [this, service](const std::string& body, Millis now) {
      return Closeout(service, body, now);
    };
  }
}

namespace {

std::int64_t LastRound(const UnitChange& c) {
  return c.record && !c.record->rounds.empty() ? c.record->rounds.back().round : 0;
}

}  // namespace

std::string ApiHandlers::Reply(const std::string& body, Millis now) {
  auto req = Decode<ReplyRequest>(body);
  if (!req.ok()) return Error("duban.reply", req.status());
  auto applied = ApplyChange(req->code, "unit:" + req->unit + "/" + req->actor, now,
                             [&](const Suggestion& s) {
                               return ApplyReply(s, *req, now, closing_rules_);
                             });
  if (!applied.ok()) return Error("duban.reply", applied.status());
  return EncodeReply(
      HandlingReply{req->code, applied->state, applied->version, LastRound(applied->change)});
}

std::string ApiHandlers::Evaluate(const std::string& body, Millis now) {
  auto req = Decode<EvaluateRequest>(body);
  if (!req.ok()) return Error("duban.evaluate", req.status());
  const std::string actor = req->actor.empty() ? "deputy:" + req->deputy : req->actor;
  auto applied = ApplyChange(req->code, actor, now, [&](const Suggestion& s) {
    return ApplyEvaluation(s, *req, now, closing_rules_);
  });
  if (!applied.ok()) return Error("duban.evaluate", applied.status());
  return EncodeReply(
      HandlingReply{req->code, applied->state, applied->version, LastRound(applied->change)});
}

std::string ApiHandlers::PublicStatusOf(const std::string& body, Millis) {
  auto req = Decode<PublicStatusRequest>(body);
  if (!req.ok()) return Error("duban.status", req.status());
  auto stored = store_.Get(req->code, /*with_audit=*/false);
  if (!stored.ok()) return Error("duban.status", stored.status());
  auto s = SuggestionFromStored(req->code, *stored);
  if (!s.ok()) {
    return Error("duban.status", Internal("stored suggestion is corrupt: " + s.status().message()));
  }
  counters_.Increment("api.public_status");
  return EncodeReply(PublicView(*s, unit_names_, config_.result_classes,
                                config_.satisfaction_levels,
                                config_.jurisdiction.utc_offset_minutes));
}

std::string ApiHandlers::Closeout(const std::string& service, const std::string& body, Millis now) {
  auto req = Decode<CloseoutRequest>(body);
  if (!req.ok()) return Error(service, req.status());
  const bool lookback = service == "duban.lookback";
  auto applied = ApplyChange(req->code, "staff:" + req->actor, now, [&](const Suggestion& s) {
    return lookback ? ApplyLookback(s, *req, now) : ApplyCloseout(s, *req, now);
  });
  if (!applied.ok()) return Error(service, applied.status());
  return EncodeReply(
      HandlingReply{req->code, applied->state, applied->version, LastRound(applied->change)});
}

}  // namespace duban::broker
