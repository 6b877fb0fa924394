// Fuzz target: `dubanctl submit --file` (dubanctl/suggestion_file.h). Input: one selector byte
// (even: the rest is a .csv file, odd: a .json file), then the file's bytes, written to a temporary
// file and read with ReadSuggestionFile; the CSV text also goes through ParseCsv alone.
//
// Invariants checked beyond "no crash, no exception":
//   - ParseCsv is lossless: writing its records back as RFC 4180 (every field quoted) and parsing
//     again gives the same fields, and record lines never go down;
//   - every item of an accepted file has a request_id, unique within the file, a session (the
//     default when the file gives none), an origin naming the file, and text fields that are
//     well-formed UTF-8 (they are sent to the broker and shown as JSON later).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <set>

#include "dubanctl/suggestion_file.h"
#include "tests/fuzz/fuzz_check.h"

using namespace duban;

namespace {

std::string TempPath(const char* ext) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir && *dir ? dir : "/tmp") + "/duban-fuzz-file-" + std::to_string(getpid()) +
         ext;
}

std::string WriteCsv(const std::vector<ctl::CsvRecord>& records) {
  std::string out;
  for (const auto& rec : records) {
    for (std::size_t i = 0; i < rec.fields.size(); ++i) {
      if (i > 0) out += ',';
      out += '"';
      for (char c : rec.fields[i]) out += c == '"' ? std::string("\"\"") : std::string(1, c);
      out += '"';
    }
    out += '\n';
  }
  return out;
}

void CheckCsv(const std::string& text) {
  auto parsed = ctl::ParseCsv(text);
  if (!parsed.ok()) return;
  int line = 0;
  for (const auto& rec : *parsed) {
    FUZZ_CHECK(rec.line >= 1 && rec.line >= line, "CSV record lines go down");
    FUZZ_CHECK(!rec.fields.empty(), "a CSV record without fields");
    line = rec.line;
  }
  auto again = ctl::ParseCsv(WriteCsv(*parsed));
  FUZZ_CHECK(again.ok(), "CSV written back does not parse: " + again.status().ToString());
  FUZZ_CHECK(again->size() == parsed->size(), "CSV round trip changed the number of records");
  for (std::size_t i = 0; i < parsed->size(); ++i) {
    FUZZ_CHECK((*again)[i].fields == (*parsed)[i].fields,
               "CSV round trip changed record " + std::to_string(i));
  }
}

void CheckText(const std::string& s, const std::string& what) {
  FUZZ_CHECK(fuzz::IsStrictUtf8(s), "accepted text that is not UTF-8 in " + what);
}

void CheckFile(const std::string& text, const char* ext) {
  const std::string path = TempPath(ext);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  auto items = ctl::ReadSuggestionFile(path, "2026");
  std::remove(path.c_str());
  if (!items.ok()) {
    FUZZ_CHECK(items.status().code() == StatusCode::kInvalidArgument,
               "a file error that is not InvalidArgument: " + items.status().ToString());
    return;
  }
  std::set<std::string> ids;
  for (const auto& item : *items) {
    const auto& r = item.request;
    const auto& d = r.draft;
    FUZZ_CHECK(!r.request_id.empty(), "an item without request_id");
    FUZZ_CHECK(ids.insert(r.request_id).second, "request_id twice: " + r.request_id);
    FUZZ_CHECK(!d.session.empty(), "an item without session");
    FUZZ_CHECK(item.origin.rfind(path, 0) == 0, "origin does not name the file: " + item.origin);
    for (const std::string* s : {&r.request_id, &d.title, &d.content, &d.category, &d.session,
                                 &d.deputy.id, &d.deputy.name, &d.deputy.contact}) {
      CheckText(*s, item.origin);
    }
    for (const auto& k : d.keywords) CheckText(k, item.origin + " keywords");
    for (const auto& c : d.co_signers) CheckText(c, item.origin + " co_signers");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    CheckCsv(text);
    CheckFile(text, ".csv");
  } else {
    CheckFile(text, ".json");
  }
  return 0;
}
