// SuggestionView: the parts of a suggestion's page that every person sees the same way — its
// heading (code, title, state, deadline), its full text, the units and their tasks, the replies
// in full (class, text, signer, commitments, the evaluation), the contact records and opinions,
// and the timeline — rendered from what duban.get returned for that person (the broker already
// left out what their role may not read). Names of units, result classes and satisfaction levels
// come from the Vocabulary (the config), never from ids alone.
//
// Thread rules: pure functions; a Vocabulary is immutable after start (shared by the handlers).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/protocol/messages.h"
#include "web/words.h"

namespace duban::web {

// What the config names, for people. Without a config: ids, and the default classes and levels.
struct Vocabulary {
  std::map<std::string, std::string> unit_names;              // "jyj" -> "市教育局"
  std::vector<std::pair<std::string, std::string>> classes;   // ("A", "已解决或基本解决"), in order
  std::vector<std::pair<std::string, std::string>> levels;    // ("satisfied", "满意"), in order
  std::int64_t utc_offset_minutes = 480;
  std::int64_t staff_decision_days = 7;  // [jurisdiction]: calendar days staff have to decide

  // "市教育局 (jyj)", or the id when the config does not name it.
  std::string UnitLabel(const std::string& id) const;
  // "A 已解决或基本解决", or the code alone.
  std::string ClassLabel(const std::string& code) const;
  // "满意", or the code alone.
  std::string LevelLabel(const std::string& code) const;
};

// The defaults of config/config.cc (A–D, 满意/基本满意/不满意), for a server without --config.
Vocabulary DefaultVocabulary();

// "2026-03-10 14:05" in the jurisdiction's time zone.
std::string LocalTime(std::int64_t ms, std::int64_t utc_offset_minutes);

// <h1> and the facts line: code, state, deadline.
std::string SuggestionHeading(Lang lang, const protocol::Suggestion& s, const Vocabulary& v);
// The suggestion's text, its lead deputy's name, its units and their task states.
std::string SuggestionBody(Lang lang, const protocol::Suggestion& s, const Vocabulary& v);
// Every reply round in full, with its evaluation; "" when there is none.
std::string RepliesSection(Lang lang, const protocol::Suggestion& s, const Vocabulary& v);
// The opinions (协办意见) and contact records (见面沟通); "" when there is none.
std::string NotesSection(Lang lang, const protocol::Suggestion& s, const Vocabulary& v);
// The page of the timeline duban.get returned, newest last.
std::string TimelineSection(Lang lang, const std::vector<protocol::AuditEntry>& timeline,
                            const Vocabulary& v);

}  // namespace duban::web
