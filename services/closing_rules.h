// ClosingRules: closing the loop on a suggestion (docs/domain.md#closing-the-loop), as pure
// functions like unit_tasks.h — given the suggestion as stored and a request, the change
// to apply (state, units, handling record, audit words, timers to cancel, notices) or a clear
// error. The API handlers apply it with a version check.
//
//   reply (答复):      ASSIGNED | IN_HANDLING | REHANDLING -> REPLIED, by the lead unit only; a new
//                      reply round in the record; every reminder the reply makes pointless is
//                      cancelled. The survey role then asks the deputy (state-entry task).
//   evaluate (测评):   REPLIED -> EVALUATED, by the lead deputy (or staff for them); the level and
//                      reasons go on the round. The survey role then decides what follows.
//   closeout (销号):   FOLLOW_UP: one commitment (or, with none named, every open one) is met, with
//                      the basis; when none is left open -> CLOSED.
//   lookback (回头看): FOLLOW_UP: staff record a look-back round (counted in the record).
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "services/unit_tasks.h"
#include "common/notice_text.h"
#include "common/clock.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "config/config.h"

namespace duban::services {

struct ClosingRules {
  std::int64_t utc_offset_minutes = 480;
  std::vector<config::ResultClass> classes = config::DefaultResultClasses();
  std::vector<config::SatisfactionLevel> levels = config::DefaultSatisfactionLevels();
  // The reply and re-handling reminder figures: their timers are cancelled by name on a reply.
  std::vector<std::int64_t> reply_reminder_days = {30, 15, 5, 1};
  std::vector<std::int64_t> rehandling_reminder_days = {10, 3};
  bool refuse_without_opinions = false;  // jurisdiction.reply_without_opinions == "refuse"
  NoticeTexts notices{config::DefaultNotices()};  // the wording of the notices (config)

  static ClosingRules FromConfig(const config::Config& c);
};

// The level whose code or name (满意) is `text`, or nullptr.
const config::SatisfactionLevel* FindLevel(const ClosingRules& rules, const std::string& text);
const config::ResultClass* FindClass(const ClosingRules& rules, const std::string& code);

// NotFound: the unit has no task on it. FailedPrecondition: the suggestion does not await a reply,
// the unit is a co-handler (it sends an opinion), or its task is not signed. InvalidArgument:
// unknown class, empty text or signer, a class that needs commitments without any, a commitment
// without text or with a bad or past due date.
Result<UnitChange> ApplyReply(const protocol::Suggestion& s, const protocol::ReplyRequest& r,
                              Millis now, const ClosingRules& rules);
// FailedPrecondition: not REPLIED. PermissionDenied: not the lead deputy. InvalidArgument: unknown
// level, or a not-accepted level without reasons.
Result<UnitChange> ApplyEvaluation(const protocol::Suggestion& s,
                                   const protocol::EvaluateRequest& r, Millis now,
                                   const ClosingRules& rules);
// FailedPrecondition: not FOLLOW_UP, or the commitment is already met. NotFound: no such
// commitment. InvalidArgument: empty basis.
Result<UnitChange> ApplyCloseout(const protocol::Suggestion& s, const protocol::CloseoutRequest& r,
                                 Millis now, const ClosingRules& rules = ClosingRules{});
Result<UnitChange> ApplyLookback(const protocol::Suggestion& s, const protocol::CloseoutRequest& r,
                                 Millis now);

}  // namespace duban::services
