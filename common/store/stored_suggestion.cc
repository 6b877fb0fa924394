#include "common/store/stored_suggestion.h"

#include "common/protocol/codec.h"

namespace duban::store {

namespace {

std::int64_t ToInt(const std::string& s) {
  try {
    return s.empty() ? 0 : std::stoll(s);
  } catch (...) {
    return 0;
  }
}

}  // namespace

Result<protocol::Suggestion> DecodeSuggestion(const std::string& code, const SuggestionFields& f) {
  protocol::Suggestion s;
  s.code = code;
  DUBAN_ASSIGN_OR_RETURN(s.draft, protocol::DecodeBare<protocol::SuggestionDraft>(f.doc));
  DUBAN_ASSIGN_OR_RETURN(s.state, protocol::ParseState(f.state));
  s.version = ToInt(f.version);
  s.submitted_ms = ToInt(f.submitted);
  s.assigned_ms = ToInt(f.assigned);
  s.committee = f.committee;
  DUBAN_ASSIGN_OR_RETURN(s.units, protocol::DecodeUnits(f.units));
  if (!f.deadline.empty()) {
    DUBAN_ASSIGN_OR_RETURN(protocol::Deadline d,
                           protocol::DecodeBare<protocol::Deadline>(f.deadline));
    s.deadline = d;
  }
  if (!f.record.empty()) {
    DUBAN_ASSIGN_OR_RETURN(s.record, protocol::DecodeBare<protocol::HandlingRecord>(f.record));
  }
  return s;
}

}  // namespace duban::store
