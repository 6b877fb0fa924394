// Shared by the fuzz targets: FUZZ_CHECK, an invariant that aborts with a message (libFuzzer then
// saves the input as crash-<sha1> and the run fails), and SplitInput, the way the targets that take
// several strings cut one fuzz input into parts.
//
// Parts are separated by kPartSeparator ("\n\xff\n"); the corpus generator (make_corpus.cc) writes
// seeds in this form, and tests/fuzz/*.dict name it so mutations keep the shape.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#define FUZZ_CHECK(cond, what)                                                               \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      std::fprintf(stderr, "FUZZ INVARIANT FAILED at %s:%d: %s\n  %s\n", __FILE__, __LINE__, \
                   #cond, std::string(what).c_str());                                       \
      std::abort();                                                                          \
    }                                                                                        \
  } while (0)

namespace duban::fuzz {

inline constexpr std::string_view kPartSeparator = "\n\xff\n";

// The parts of `data` between separators; at most `max_parts` (the last one keeps the rest).
inline std::vector<std::string> SplitInput(std::string_view data, std::size_t max_parts) {
  std::vector<std::string> parts;
  while (parts.size() + 1 < max_parts) {
    std::size_t at = data.find(kPartSeparator);
    if (at == std::string_view::npos) break;
    parts.emplace_back(data.substr(0, at));
    data.remove_prefix(at + kPartSeparator.size());
  }
  parts.emplace_back(data);
  return parts;
}

// True for well-formed UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates (U+D800..
// U+DFFF), nothing above U+10FFFF. Written out here, apart from the code under test, on purpose.
inline bool IsStrictUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    unsigned lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (b < 0x80) {
      ++i;
      continue;
    } else if (b >= 0xC2 && b <= 0xDF) {
      n = 1;
    } else if (b == 0xE0) {
      n = 2, lo = 0xA0;
    } else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) {
      n = 2;
    } else if (b == 0xED) {
      n = 2, hi = 0x9F;
    } else if (b == 0xF0) {
      n = 3, lo = 0x90;
    } else if (b >= 0xF1 && b <= 0xF3) {
      n = 3;
    } else if (b == 0xF4) {
      n = 3, hi = 0x8F;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // cut off at the end
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b1 < lo || b1 > hi) return false;
    for (std::size_t k = 2; k <= n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n + 1;
  }
  return true;
}

inline std::string JoinParts(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += kPartSeparator;
    out += parts[i];
  }
  return out;
}

}  // namespace duban::fuzz
