// Closing the loop through the API: duban.reply, duban.evaluate, duban.closeout,
// duban.lookback and duban.status (closing_rules.h decides; ApiHandlers::ApplyChange applies with a version check).
#include "services/api_handlers.h"
#include "broker/dispatcher.h"
#include "services/public_status.h"
#include "common/protocol/codec.h"

namespace duban::services {

using namespace duban::protocol;
using namespace duban::broker;  // the core: calendar, outcome helpers, stored suggestions

void ApiHandlers::RegisterClosing() {
  table_.Bind<svc::UnitReply>([this](const ReplyRequest& req, Millis now) { return Reply(req, now); });
  table_.Bind<svc::Evaluate>(
      [this](const EvaluateRequest& req, Millis now) { return Evaluate(req, now); });
  table_.Bind<svc::StatusByCode>(
      [this](const PublicStatusRequest& req, Millis now) { return PublicStatusOf(req, now); });
  table_.Bind<svc::Closeout>(
      [this](const CloseoutRequest& req, Millis now) { return Closeout(false, req, now); });
  table_.Bind<svc::Lookback>(
      [this](const CloseoutRequest& req, Millis now) { return Closeout(true, req, now); });
}

namespace {

std::int64_t LastRound(const UnitChange& c) {
  return c.record && !c.record->rounds.empty() ? c.record->rounds.back().round : 0;
}

}  // namespace

Result<HandlingReply> ApiHandlers::Reply(const ReplyRequest& req, Millis now) {
  DUBAN_ASSIGN_OR_RETURN(Applied applied,
                         ApplyChange(req.code, "unit:" + req.unit + "/" + req.actor, now,
                                     [&](const Suggestion& s) {
                                       return ApplyReply(s, req, now, closing_rules_);
                                     }));
  return HandlingReply{req.code, applied.state, applied.version, LastRound(applied.change),
                       applied.change.warnings};
}

Result<HandlingReply> ApiHandlers::Evaluate(const EvaluateRequest& req, Millis now) {
  const std::string actor = req.actor.empty() ? "deputy:" + req.deputy : req.actor;
  DUBAN_ASSIGN_OR_RETURN(Applied applied, ApplyChange(req.code, actor, now, [&](const Suggestion& s) {
                           return ApplyEvaluation(s, req, now, closing_rules_);
                         }));
  return HandlingReply{req.code, applied.state, applied.version, LastRound(applied.change)};
}

Result<PublicStatus> ApiHandlers::PublicStatusOf(const PublicStatusRequest& req, Millis) {
  DUBAN_ASSIGN_OR_RETURN(store::StoredSuggestion stored, store_.Get(req.code, /*with_audit=*/false));
  auto s = store::DecodeSuggestion(req.code, stored);
  if (!s.ok()) return Internal("stored suggestion is corrupt: " + s.status().message());
  counters_.Increment("api.public_status");
  return PublicView(*s, unit_names_, config_.result_classes, config_.satisfaction_levels,
                    config_.jurisdiction.utc_offset_minutes);
}

Result<HandlingReply> ApiHandlers::Closeout(bool lookback, const CloseoutRequest& req, Millis now) {
  DUBAN_ASSIGN_OR_RETURN(Applied applied,
                         ApplyChange(req.code, "staff:" + req.actor, now, [&](const Suggestion& s) {
                           return lookback ? ApplyLookback(s, req, now) : ApplyCloseout(s, req, now, closing_rules_);
                         }));
  return HandlingReply{req.code, applied.state, applied.version, LastRound(applied.change)};
}

}  // namespace duban::services
