// Words: every text duban-web shows to people, in one table per language (Chinese by default,
// English with ?lang=en or the switch link). Pages name a word by its key ("nav.logout"); nothing
// people read is written anywhere else in web/. tests/web/words_test.cc checks that every key has
// both languages, and the page tests that no page shows a missing key.
//
// Keys by prefix: "state.<SuggestionState>", "unit_state.<unit task state>", "code.<StatusCode
// name>" (what an error means to a person), "bucket.<board group>", "phase.<before|during|after>",
// "notice_kind.<OutboxEntry kind>"; the rest name a page's parts.
//
// Thread rules: constants and pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace duban::web {

enum class Lang { kZh, kEn };

struct Word {
  std::string_view key;
  std::string_view zh;
  std::string_view en;
};

// The whole table, in the order written.
std::span<const Word> AllWords();

// The word of `key` in `lang`. A key the table lacks comes back as "[?key]", so a page test sees it
// (and a person sees a bug report rather than nothing).
std::string Say(Lang lang, std::string_view key);
// Say(lang, prefix + name) when the table has it, else `name` itself (a state or code the table
// does not know yet is shown as the broker names it).
std::string SayOr(Lang lang, std::string_view prefix, std::string_view name);

// "en" -> kEn, anything else -> kZh.
Lang ParseLang(std::string_view text);
std::string_view LangCode(Lang lang);  // "zh-CN" or "en"

}  // namespace duban::web
