#include "web/form.h"

#include <algorithm>

#include "common/calendar.h"
#include "common/utf8.h"

namespace duban::web {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view Trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<std::string> PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      int hi = i + 1 < text.size() ? HexValue(text[i + 1]) : -1;
      int lo = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) return InvalidArgument("a '%' is not followed by two hex digits");
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

Result<Form> Form::Parse(std::string_view body) {
  if (body.size() > kMaxFormBytes) {
    return InvalidArgument("the form is larger than " + std::to_string(kMaxFormBytes) + " bytes");
  }
  Form form;
  while (!body.empty()) {
    std::size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;  // "a=1&&b=2"
    std::size_t eq = pair.find('=');
    DUBAN_ASSIGN_OR_RETURN(std::string name, PercentDecode(pair.substr(0, eq)));
    DUBAN_ASSIGN_OR_RETURN(std::string value,
                           PercentDecode(eq == std::string_view::npos ? std::string_view()
                                                                      : pair.substr(eq + 1)));
    if (name.empty()) return InvalidArgument("a form field without a name");
    if (form.fields_.size() >= kMaxFormFields) {
      return InvalidArgument("the form has more than " + std::to_string(kMaxFormFields) +
                             " fields");
    }
    if (!form.fields_.emplace(std::move(name), std::move(value)).second) {
      return InvalidArgument("a form field is given twice");
    }
  }
  return form;
}

std::optional<std::string> Form::Raw(std::string_view name) const {
  auto it = fields_.find(std::string(name));
  if (it == fields_.end()) return std::nullopt;
  return it->second;
}

Result<std::string> Form::Text(std::string_view name, std::string_view label,
                               std::size_t max_bytes, bool multiline, bool optional) const {
  const std::string who(label);
  auto raw = Raw(name);
  if (!raw || Trim(*raw).empty()) {
    if (optional) return std::string();
    return InvalidArgument(who + ": required");
  }
  if (!IsValidUtf8(*raw)) return InvalidArgument(who + ": not valid UTF-8 text");
  std::string text;
  text.reserve(raw->size());
  for (std::size_t i = 0; i < raw->size(); ++i) {
    unsigned char c = static_cast<unsigned char>((*raw)[i]);
    if (c == '\r' && multiline) {
      if (i + 1 < raw->size() && (*raw)[i + 1] == '\n') continue;  // CRLF -> LF
      text += '\n';
      continue;
    }
    if ((c < 0x20 || c == 0x7f) && !(multiline && (c == '\n' || c == '\t'))) {
      return InvalidArgument(who + ": holds a control character");
    }
    text += static_cast<char>(c);
  }
  std::string trimmed(Trim(text));
  if (trimmed.size() > max_bytes) {
    return InvalidArgument(who + ": longer than " + std::to_string(max_bytes) + " bytes");
  }
  return trimmed;
}

Result<std::string> Form::Date(std::string_view name, std::string_view label,
                               bool optional) const {
  DUBAN_ASSIGN_OR_RETURN(std::string text, Text(name, label, 10, false, optional));
  if (text.empty()) return text;
  if (!ParseDate(text).ok() || text.size() != 10) {
    return InvalidArgument(std::string(label) + ": a date YYYY-MM-DD");
  }
  return text;
}

Result<std::string> Form::Choice(std::string_view name, std::string_view label,
                                 std::initializer_list<std::string_view> choices) const {
  auto raw = Raw(name);
  if (raw && std::find(choices.begin(), choices.end(), *raw) != choices.end()) return *raw;
  return InvalidArgument(std::string(label) + ": not one of the choices offered");
}

}  // namespace duban::web
