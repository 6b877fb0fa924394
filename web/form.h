// Form: the fields of a POSTed HTML form (application/x-www-form-urlencoded) and of a query
// string, parsed with bounds, and read as checked text. Every field a person sends is hostile
// until read through here: the body and the number of fields are bounded, percent-escapes must be
// well formed, each field is looked up once (a field given twice is refused, so no two parts of
// the code can read different values of one name), and Text() checks UTF-8, length and control
// characters.
//
// Thread rules: plain values; pure functions.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace duban::web {

inline constexpr std::size_t kMaxFormBytes = 128 * 1024;  // a reply of 30 000 bytes, escaped
inline constexpr std::size_t kMaxFormFields = 40;

// "a%20b+c" -> "a b c" ('+' is a space in forms). InvalidArgument for a '%' not followed by two
// hex digits.
Result<std::string> PercentDecode(std::string_view text);

class Form {
 public:
  // The fields of `body` ("a=1&b=2"; an empty body has none). InvalidArgument for a body over
  // kMaxFormBytes, more than kMaxFormFields fields, a name given twice, a bad escape, an empty
  // name.
  static Result<Form> Parse(std::string_view body);

  bool Has(std::string_view name) const { return fields_.count(std::string(name)) != 0; }
  // The raw (decoded) value, nullopt when absent.
  std::optional<std::string> Raw(std::string_view name) const;

  // The field as text a person wrote: required (empty or absent is refused) unless `optional`;
  // at most `max_bytes`; valid UTF-8; no control characters but, when `multiline`, line breaks and
  // tabs (CRLF becomes LF). Leading and trailing blanks are trimmed. InvalidArgument naming
  // `label` (the field's name for people) otherwise.
  Result<std::string> Text(std::string_view name, std::string_view label, std::size_t max_bytes,
                           bool multiline = false, bool optional = false) const;
  // A YYYY-MM-DD date: InvalidArgument naming `label` otherwise.
  Result<std::string> Date(std::string_view name, std::string_view label,
                           bool optional = false) const;
  // One of `choices` (exact): InvalidArgument naming `label` otherwise.
  Result<std::string> Choice(std::string_view name, std::string_view label,
                             std::initializer_list<std::string_view> choices) const;

 private:
  std::map<std::string, std::string> fields_;
};

}  // namespace duban::web
