#include "common/utf8.h"

#include <algorithm>

namespace duban {

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n = 0;                           // continuation bytes that follow
    unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the first continuation byte
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c == 0xE0) {
      n = 2, lo = 0xA0;  // no overlong 3-byte forms
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      n = 2;
    } else if (c == 0xED) {
      n = 2, hi = 0x9F;  // no surrogates
    } else if (c == 0xF0) {
      n = 3, lo = 0x90;  // no overlong 4-byte forms
    } else if (c >= 0xF1 && c <= 0xF3) {
      n = 3;
    } else if (c == 0xF4) {
      n = 3, hi = 0x8F;  // nothing above U+10FFFF
    } else {
      return false;  // a continuation byte without a lead, 0xC0, 0xC1 or 0xF5..0xFF
    }
    if (end - p <= n) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (int i = 2; i <= n; ++i) {
      if (p[i] < 0x80 || p[i] > 0xBF) return false;
    }
    p += n + 1;
  }
  return true;
}

std::string Excerpt(std::string_view utf8, std::size_t max_code_points) {
  std::string out;
  std::size_t points = 0, i = 0;
  while (i < utf8.size() && points < max_code_points) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    std::size_t n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    n = std::min(n, utf8.size() - i);
    if (n == 1 && (lead == '\n' || lead == '\r' || lead == '\t')) {
      out += ' ';
    } else {
      out.append(utf8.substr(i, n));
    }
    i += n;
    ++points;
  }
  if (i < utf8.size()) out += "…";
  return out;
}

}  // namespace duban
