// StoredSuggestion fields: the parts of a suggestion's hash s:{CODE} that make its Suggestion
// message (docs/redis-schema.md), as the scripts return them, and their one decoder. Every store
// call that hands out a suggestion (TaskStore::Get, a leased task's snapshot, a report page)
// carries these fields; DecodeSuggestion turns them into the protocol's type.
//
// Thread rules: plain values and a pure function.
#pragma once

#include <string>

#include "common/protocol/messages.h"
#include "common/result.h"

namespace duban::store {

struct SuggestionFields {
  std::string doc;        // the draft (msgpack SuggestionDraft)
  std::string state;      // e.g. "ASSIGNED"
  std::string version;    // decimal
  std::string submitted;  // ms, decimal
  std::string units;      // msgpack {"units": [...]}
  std::string deadline;   // msgpack Deadline, "" before the assignment
  std::string assigned;   // ms, decimal, "" before the assignment
  std::string record;     // msgpack HandlingRecord, "" before the first reply or note
  std::string committee;  // the supervising committee's id, "" when none
};

// The Suggestion the fields hold. A field that does not decode is an error naming it (a corrupt
// record must be reported, never shown as something else); a number that is not one reads 0.
Result<protocol::Suggestion> DecodeSuggestion(const std::string& code, const SuggestionFields& f);

}  // namespace duban::store
