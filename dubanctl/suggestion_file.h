// SuggestionFile: reads the suggestions of `dubanctl submit --file` into submit requests.
//
// Two formats, chosen by the file's extension:
//   .json  an array of objects, the format of config/demo/suggestions.json:
//          {"request_id", "title", "content", "category", "keywords": [..],
//           "deputy": {"id", "name", "contact"}, "co_signers": [..], "session"}
//   .csv   UTF-8, RFC 4180 (quoted fields may hold commas, newlines and doubled quotes), with a
//          header row naming the columns (any order): request_id, title, content, category,
//          keywords, deputy_id, deputy_name, deputy_contact, co_signers, session. keywords and
//          co_signers are lists separated by ';' (or the full-width '；').
//
// What is a file error (the whole file is refused, nothing is sent, exit 4) and what is left to
// the item (sent, or refused for that item alone): structure is the file's — syntax, a wrong type,
// an unknown field or column (a typo would otherwise silently lose data), a row with the wrong
// number of fields, text that is not UTF-8 (Excel's "CSV" on Chinese Windows is GBK: save as
// "CSV UTF-8"), the same request_id twice. Content rules (an empty title...) are ValidateDraft's,
// per item.
//
// Request ids: an item without one gets DerivedRequestId(draft), a hash of everything it says, so
// running the same file twice answers "duplicate" instead of filing everything again.
//
// Thread rules: pure functions.
#pragma once

#include <string>
#include <vector>

#include "common/protocol/messages.h"
#include "common/result.h"

namespace duban::ctl {

struct FileItem {
  protocol::SubmitRequest request;
  std::string origin;  // for messages: "suggestions.csv:12" (line) or "suggestions.json[3]" (index)
};

// The items of `path` in file order. An item without a session gets `default_session`.
// InvalidArgument naming the file and the line or item for every file error listed above.
Result<std::vector<FileItem>> ReadSuggestionFile(const std::string& path,
                                                 const std::string& default_session);

// Parses CSV text (exposed for tests): records of fields, each with the line it starts on.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};
Result<std::vector<CsvRecord>> ParseCsv(const std::string& text);

// "auto-" and 16 hex digits of a 64-bit FNV-1a hash over every field of the draft, each prefixed
// by its length so that moving text between fields changes the id. Stable across runs and
// machines (unlike std::hash).
std::string DerivedRequestId(const protocol::SuggestionDraft& d);

// 32 random hex digits (128 bits from std::random_device).
std::string RandomRequestId();

}  // namespace duban::ctl
