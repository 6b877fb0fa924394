#include "services/public_status.h"

#include "common/calendar.h"
#include "common/protocol/labels.h"

namespace duban::services {

bool TitleIsPublic(protocol::SuggestionState s) {
  using protocol::SuggestionState;
  return s != SuggestionState::kSubmitted && s != SuggestionState::kInReview &&
         s != SuggestionState::kReturnedForRework && s != SuggestionState::kWithdrawn &&
         s != SuggestionState::kMerged;
}

protocol::PublicStatus PublicView(const protocol::Suggestion& s,
                                  const std::map<std::string, std::string>& unit_names,
                                  const std::vector<config::ResultClass>& classes,
                                  const std::vector<config::SatisfactionLevel>& levels,
                                  std::int64_t utc_offset_minutes) {
  protocol::PublicStatus p;
  p.code = s.code;
  p.session = s.draft.session;
  p.state = std::string(protocol::StateName(s.state));
  p.state_label = std::string(protocol::StateLabel(s.state));
  for (protocol::UnitRole role : {protocol::UnitRole::kLead, protocol::UnitRole::kCo}) {
    for (const auto& u : s.units) {
      if (u.role != role || u.state == "REASSIGNED") continue;
      auto it = unit_names.find(u.unit);
      p.units.push_back({it == unit_names.end() ? u.unit : it->second,
                         std::string(protocol::RoleName(u.role))});
    }
  }
  // Public on purpose once the suggestion is accepted (立案): the 一事一码 page and the reply
  // letter show it. Before (in review, returned to its deputy) or when it was never accepted
  // (withdrawn, merged into another) it stays private like the rest: codes run in sequence, so
  // anyone could otherwise read every title filed.
  if (TitleIsPublic(s.state)) p.title = s.draft.title;
  if (s.deadline) p.deadline = s.deadline->date;
  p.rounds = static_cast<std::int64_t>(s.record.rounds.size());
  if (!s.record.rounds.empty()) {
    const protocol::ReplyRound& r = s.record.rounds.back();
    p.reply_date = FormatDate(LocalDateOf(r.replied_ms, utc_offset_minutes));
    p.result_class = r.result_class;
    for (const auto& c : classes) {
      if (c.code == r.result_class) p.result_class += " " + c.name;
    }
  }
  for (auto it = s.record.rounds.rbegin(); it != s.record.rounds.rend(); ++it) {
    if (it->satisfaction.empty()) continue;
    p.satisfaction = it->satisfaction;
    for (const auto& l : levels) {
      if (l.code == it->satisfaction) p.satisfaction = l.name;
    }
    break;
  }
  return p;
}

}  // namespace duban::services
