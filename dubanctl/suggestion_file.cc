#include "dubanctl/suggestion_file.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

namespace duban::ctl {

using nlohmann::json;
using protocol::SubmitRequest;

namespace {

constexpr std::size_t kMaxFileBytes = 256u << 20;  // 256 MiB: far beyond a national session

// Index of the first byte that is not part of well-formed UTF-8 (RFC 3629), or npos. Overlong
// forms, UTF-16 surrogates (U+D800..U+DFFF, "CESU-8") and code points above U+10FFFF are not
// UTF-8: tests/fuzz/fuzz_suggestion_file found a CSV field with an encoded surrogate accepted here
// (only the lead byte was checked), which JSON views of the stored suggestion cannot print.
std::size_t FirstInvalidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b < 0x80) {
      extra = 0;
    } else if (b >= 0xC2 && b <= 0xDF) {
      extra = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      extra = 2;
      if (b == 0xE0) lo = 0xA0;  // overlong below U+0800
      if (b == 0xED) hi = 0x9F;  // surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      extra = 3;
      if (b == 0xF0) lo = 0x90;  // overlong below U+10000
      if (b == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return i;
    }
    if (i + extra >= s.size() && extra > 0) return i;  // cut off at the end
    for (std::size_t k = 1; k <= extra; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      if (k == 1 ? (c < lo || c > hi) : (c & 0xC0) != 0x80) return i;
    }
    i += extra + 1;
  }
  return std::string_view::npos;
}

int LineOf(std::string_view s, std::size_t pos) {
  return 1 + static_cast<int>(std::count(s.begin(), s.begin() + static_cast<long>(pos), '\n'));
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  std::size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return "";
  std::size_t e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

// "a; b;；c" -> {"a", "b", "c"}: ';' or the full-width '；', items trimmed, empty ones dropped.
std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string t = Trim(cur);
    if (!t.empty()) out.push_back(std::move(t));
    cur.clear();
  };
  static constexpr std::string_view kWideSemicolon = "；";
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == ';') {
      flush();
      ++i;
    } else if (s.substr(i, kWideSemicolon.size()) == kWideSemicolon) {
      flush();
      i += kWideSemicolon.size();
    } else {
      cur += s[i++];
    }
  }
  flush();
  return out;
}

// ---- JSON --------------------------------------------------------------------------------------

Status JsonString(const json& obj, const char* key, const std::string& where, std::string* out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  if (it->is_string()) {
    *out = it->get<std::string>();
  } else if (it->is_number_integer() && std::string_view(key) == "session") {
    *out = std::to_string(it->get<std::int64_t>());  // "session": 2026 is clearly meant
  } else {
    return InvalidArgument(where + ": '" + key + "' must be a string");
  }
  return Status::Ok();
}

Status JsonList(const json& obj, const char* key, const std::string& where,
                std::vector<std::string>* out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  if (!it->is_array())
    return InvalidArgument(where + ": '" + key + "' must be an array of strings");
  for (const auto& v : *it) {
    if (!v.is_string()) return InvalidArgument(where + ": '" + key + "' must hold only strings");
    out->push_back(v.get<std::string>());
  }
  return Status::Ok();
}

Status CheckKeys(const json& obj, std::initializer_list<std::string_view> known,
                 const std::string& where) {
  for (const auto& [k, v] : obj.items()) {
    if (std::find(known.begin(), known.end(), k) == known.end()) {
      return InvalidArgument(where + ": unknown field '" + k + "'");
    }
  }
  return Status::Ok();
}

Result<std::vector<FileItem>> ReadJson(const std::string& path, const std::string& text) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {
    return InvalidArgument(path + ": not valid JSON: " + e.what());
  }
  if (!doc.is_array()) return InvalidArgument(path + ": expected an array of suggestions");
  std::vector<FileItem> items;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const json& o = doc[i];
    std::string where = path + "[" + std::to_string(i) + "]";
    if (!o.is_object()) return InvalidArgument(where + ": expected an object");
    DUBAN_RETURN_IF_ERROR(CheckKeys(o,
                                    {"request_id", "title", "content", "category", "keywords",
                                     "deputy", "co_signers", "session"},
                                    where));
    FileItem item;
    item.origin = where;
    SubmitRequest& r = item.request;
    DUBAN_RETURN_IF_ERROR(JsonString(o, "request_id", where, &r.request_id));
    DUBAN_RETURN_IF_ERROR(JsonString(o, "title", where, &r.draft.title));
    DUBAN_RETURN_IF_ERROR(JsonString(o, "content", where, &r.draft.content));
    DUBAN_RETURN_IF_ERROR(JsonString(o, "category", where, &r.draft.category));
    DUBAN_RETURN_IF_ERROR(JsonList(o, "keywords", where, &r.draft.keywords));
    DUBAN_RETURN_IF_ERROR(JsonList(o, "co_signers", where, &r.draft.co_signers));
    DUBAN_RETURN_IF_ERROR(JsonString(o, "session", where, &r.draft.session));
    if (auto d = o.find("deputy"); d != o.end() && !d->is_null()) {
      std::string dw = where + ".deputy";
      if (!d->is_object()) return InvalidArgument(dw + ": expected an object {id, name, contact}");
      DUBAN_RETURN_IF_ERROR(CheckKeys(*d, {"id", "name", "contact"}, dw));
      DUBAN_RETURN_IF_ERROR(JsonString(*d, "id", dw, &r.draft.deputy.id));
      DUBAN_RETURN_IF_ERROR(JsonString(*d, "name", dw, &r.draft.deputy.name));
      DUBAN_RETURN_IF_ERROR(JsonString(*d, "contact", dw, &r.draft.deputy.contact));
    }
    items.push_back(std::move(item));
  }
  return items;
}

// ---- CSV ---------------------------------------------------------------------------------------

enum class CsvColumn {
  kRequestId,
  kTitle,
  kContent,
  kCategory,
  kKeywords,
  kDeputyId,
  kDeputyName,
  kDeputyContact,
  kCoSigners,
  kSession,
};

const std::map<std::string, CsvColumn>& CsvColumns() {
  static const std::map<std::string, CsvColumn> kColumns = {
      {"request_id", CsvColumn::kRequestId},   {"title", CsvColumn::kTitle},
      {"content", CsvColumn::kContent},        {"category", CsvColumn::kCategory},
      {"keywords", CsvColumn::kKeywords},      {"deputy_id", CsvColumn::kDeputyId},
      {"deputy_name", CsvColumn::kDeputyName}, {"deputy_contact", CsvColumn::kDeputyContact},
      {"co_signers", CsvColumn::kCoSigners},   {"session", CsvColumn::kSession},
  };
  return kColumns;
}

void SetField(SubmitRequest* r, CsvColumn c, const std::string& v) {
  switch (c) {
    case CsvColumn::kRequestId:
      r->request_id = Trim(v);
      break;
    case CsvColumn::kTitle:
      r->draft.title = v;
      break;
    case CsvColumn::kContent:
      r->draft.content = v;
      break;
    case CsvColumn::kCategory:
      r->draft.category = Trim(v);
      break;
    case CsvColumn::kKeywords:
      r->draft.keywords = SplitList(v);
      break;
    case CsvColumn::kDeputyId:
      r->draft.deputy.id = Trim(v);
      break;
    case CsvColumn::kDeputyName:
      r->draft.deputy.name = Trim(v);
      break;
    case CsvColumn::kDeputyContact:
      r->draft.deputy.contact = Trim(v);
      break;
    case CsvColumn::kCoSigners:
      r->draft.co_signers = SplitList(v);
      break;
    case CsvColumn::kSession:
      r->draft.session = Trim(v);
      break;
  }
}

Result<std::vector<FileItem>> ReadCsv(const std::string& path, const std::string& text) {
  auto parsed = ParseCsv(text);
  if (!parsed.ok()) return InvalidArgument(path + ":" + parsed.status().message());
  std::vector<CsvRecord>& records = *parsed;
  if (records.empty()) return InvalidArgument(path + ": empty file (expected a header row)");
  std::vector<CsvColumn> columns;
  std::set<std::string> seen;
  for (const auto& h : records[0].fields) {
    std::string name = Lower(Trim(h));
    auto it = CsvColumns().find(name);
    if (it == CsvColumns().end()) {
      return InvalidArgument(path + ":1: unknown column '" + h +
                             "' (known: request_id, title, content, category, keywords, "
                             "deputy_id, deputy_name, deputy_contact, co_signers, session)");
    }
    if (!seen.insert(name).second) return InvalidArgument(path + ":1: column '" + name + "' twice");
    columns.push_back(it->second);
  }
  for (const char* needed : {"title", "content", "deputy_id", "deputy_name"}) {
    if (seen.count(needed) == 0) {
      return InvalidArgument(path + ":1: the header has no '" + std::string(needed) + "' column");
    }
  }
  std::vector<FileItem> items;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const CsvRecord& rec = records[i];
    std::string where = path + ":" + std::to_string(rec.line);
    if (rec.fields.size() == 1 && Trim(rec.fields[0]).empty()) continue;  // a blank line
    if (rec.fields.size() != columns.size()) {
      return InvalidArgument(where + ": " + std::to_string(rec.fields.size()) +
                             " fields, the header has " + std::to_string(columns.size()) +
                             " (quote fields that contain commas: \"a, b\")");
    }
    FileItem item;
    item.origin = where;
    for (std::size_t c = 0; c < columns.size(); ++c)
      SetField(&item.request, columns[c], rec.fields[c]);
    items.push_back(std::move(item));
  }
  return items;
}

void HashBytes(std::uint64_t* h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    *h ^= c;
    *h *= 0x100000001b3ULL;  // FNV-1a 64-bit prime
  }
}

void HashField(std::uint64_t* h, std::string_view field) {
  std::string len = std::to_string(field.size()) + ":";
  HashBytes(h, len);
  HashBytes(h, field);
}

}  // namespace

Result<std::vector<CsvRecord>> ParseCsv(const std::string& text) {
  std::vector<CsvRecord> records;
  CsvRecord rec;
  std::string field;
  int line = 1;
  rec.line = 1;
  bool quoted = false;         // inside a quoted field
  bool after_quote = false;    // a quoted field just closed: only a separator may follow
  bool field_started = false;  // something was read for this record
  std::size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // Excel's UTF-8 BOM
  auto end_field = [&] {
    rec.fields.push_back(std::move(field));
    field.clear();
    after_quote = false;
  };
  auto end_record = [&] {
    end_field();
    records.push_back(std::move(rec));
    rec = CsvRecord{};
    rec.line = line;
    field_started = false;
  };
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      end_field();
      field_started = true;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      end_record();
    } else if (after_quote && (c == ' ' || c == '\t')) {
      continue;  // spaces between a closing quote and the separator
    } else if (after_quote) {
      return InvalidArgument(std::to_string(line) +
                             ": text after a closing quote (write a quote inside a quoted field "
                             "as \"\")");
    } else if (c == '"' && field.empty()) {
      quoted = true;
      field_started = true;
    } else {
      field += c;  // a quote in the middle of an unquoted field is kept as is, as Excel reads it
      field_started = true;
    }
  }
  if (quoted) {
    return InvalidArgument(std::to_string(rec.line) + ": a quoted field is never closed");
  }
  if (field_started || !field.empty() || after_quote) end_record();
  return records;
}

Result<std::vector<FileItem>> ReadSuggestionFile(const std::string& path,
                                                 const std::string& default_session) {
  std::string ext = Lower(path.substr(
      path.find_last_of('.') == std::string::npos ? path.size() : path.find_last_of('.')));
  if (ext != ".json" && ext != ".csv") {
    return InvalidArgument(path + ": unknown format (the name must end in .json or .csv)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidArgument(path + ": cannot open the file");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return InvalidArgument(path + ": read error");
  std::string text = std::move(buf).str();
  if (text.size() > kMaxFileBytes) return InvalidArgument(path + ": larger than 256 MiB");
  if (std::size_t bad = FirstInvalidUtf8(text); bad != std::string::npos) {
    return InvalidArgument(path + ":" + std::to_string(LineOf(text, bad)) +
                           ": not UTF-8 text (from Excel, save as \"CSV UTF-8\")");
  }
  DUBAN_ASSIGN_OR_RETURN(std::vector<FileItem> items,
                         ext == ".json" ? ReadJson(path, text) : ReadCsv(path, text));
  std::map<std::string, std::string> origin_of_id;
  for (auto& item : items) {
    SubmitRequest& r = item.request;
    if (r.draft.session.empty()) r.draft.session = default_session;
    if (r.request_id.empty()) r.request_id = DerivedRequestId(r.draft);
    auto [it, inserted] = origin_of_id.emplace(r.request_id, item.origin);
    if (!inserted) {
      return InvalidArgument(item.origin + ": request_id '" + r.request_id + "' is also used by " +
                             it->second + " (the second would be answered as a duplicate and " +
                             "never filed)");
    }
  }
  return items;
}

std::string DerivedRequestId(const protocol::SuggestionDraft& d) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a 64-bit offset basis
  HashField(&h, "duban.submit.v1");         // change the tag if the field list below changes
  HashField(&h, d.session);
  HashField(&h, d.title);
  HashField(&h, d.content);
  HashField(&h, d.category);
  HashField(&h, std::to_string(d.keywords.size()));
  for (const auto& k : d.keywords) HashField(&h, k);
  HashField(&h, d.deputy.id);
  HashField(&h, d.deputy.name);
  HashField(&h, d.deputy.contact);
  HashField(&h, std::to_string(d.co_signers.size()));
  for (const auto& c : d.co_signers) HashField(&h, c);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return std::string("auto-") + hex;
}

std::string RandomRequestId() {
  std::random_device rd;
  std::string out;
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 4; ++i) {
    std::uint32_t v = rd();
    for (int k = 0; k < 8; ++k) out += kHex[(v >> (4 * k)) & 0xF];
  }
  return out;
}

}  // namespace duban::ctl
