#include "dubanctl/table.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cstdio>

namespace duban::ctl {
namespace {

constexpr std::string_view kEllipsis = "…";  // one column wide

// Decodes one UTF-8 code point at s[*i] and advances *i. Returns -1 for an invalid byte (which
// is then consumed alone), so broken input still prints and still aligns roughly.
std::int32_t NextCodePoint(std::string_view s, std::size_t* i) {
  auto b = static_cast<unsigned char>(s[*i]);
  int extra = 0;
  std::int32_t cp = 0;
  if (b < 0x80) {
    ++*i;
    return b;
  } else if ((b & 0xE0) == 0xC0) {
    extra = 1, cp = b & 0x1F;
  } else if ((b & 0xF0) == 0xE0) {
    extra = 2, cp = b & 0x0F;
  } else if ((b & 0xF8) == 0xF0) {
    extra = 3, cp = b & 0x07;
  } else {
    ++*i;
    return -1;
  }
  if (*i + extra >= s.size()) {  // truncated sequence at the end
    ++*i;
    return -1;
  }
  for (int k = 1; k <= extra; ++k) {
    auto c = static_cast<unsigned char>(s[*i + k]);
    if ((c & 0xC0) != 0x80) {
      ++*i;
      return -1;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  *i += extra + 1;
  return cp;
}

int CodePointWidth(std::int32_t cp) {
  if (cp < 0) return 1;  // an invalid byte: shown as one replacement
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 0;  // controls (OneLine removes them)
  if (cp >= 0x0300 && cp <= 0x036F) return 0;            // combining diacritical marks
  if (cp >= 0x200B && cp <= 0x200F) return 0;            // zero-width space, joiners, marks
  struct Range {
    std::int32_t first, last;
  };
  static constexpr Range kWide[] = {
      {0x1100, 0x115F},  // Hangul Jamo initials
      {0x2E80, 0xA4CF},  // CJK radicals, punctuation, kana, CJK ideographs, Yi
      {0xAC00, 0xD7A3},  // Hangul syllables
      {0xF900, 0xFAFF},  // CJK compatibility ideographs
      {0xFE30, 0xFE4F},  // CJK compatibility forms
      {0xFF00, 0xFF60},  // full-width forms
      {0xFFE0, 0xFFE6},  // full-width signs
  };
  for (const auto& r : kWide) {
    if (cp >= r.first && cp <= r.last) return 2;
  }
  return 1;
}

}  // namespace

int DisplayWidth(std::string_view utf8) {
  int width = 0;
  for (std::size_t i = 0; i < utf8.size();) width += CodePointWidth(NextCodePoint(utf8, &i));
  return width;
}

std::string TruncateToWidth(std::string_view utf8, int max_columns) {
  if (max_columns < 1) return "";
  if (DisplayWidth(utf8) <= max_columns) return std::string(utf8);
  const int budget = max_columns - 1;  // keep one column for the ellipsis
  int width = 0;
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::size_t next = i;
    int w = CodePointWidth(NextCodePoint(utf8, &next));
    if (width + w > budget) break;
    width += w;
    i = next;
  }
  return std::string(utf8.substr(0, i)) + std::string(kEllipsis);
}

std::string OneLine(std::string_view utf8) {
  std::string out(utf8);
  for (char& c : out) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F) c = ' ';
  }
  return out;
}

std::vector<std::string> WrapToWidth(std::string_view utf8, int max_columns) {
  std::vector<std::string> lines;
  if (max_columns < 1) return {std::string(utf8)};
  while (DisplayWidth(utf8) > max_columns) {
    int width = 0;
    std::size_t i = 0, last_space = std::string_view::npos;
    while (i < utf8.size()) {
      std::size_t next = i;
      const std::int32_t cp = NextCodePoint(utf8, &next);
      const int w = CodePointWidth(cp);
      if (width + w > max_columns) break;
      if (cp == ' ') last_space = i;
      width += w;
      i = next;
    }
    if (i == 0) {  // a code point wider than the column: give it a line of its own
      NextCodePoint(utf8, &i);
    } else if (last_space != std::string_view::npos && last_space > 0 && i < utf8.size() &&
               utf8[i] != ' ' && static_cast<int>(last_space) * 2 >= static_cast<int>(i)) {
      i = last_space;  // break Latin text between words when the line stays at least half full
    }
    lines.emplace_back(utf8.substr(0, i));
    utf8.remove_prefix(i);
    while (!utf8.empty() && utf8.front() == ' ') utf8.remove_prefix(1);
  }
  if (!utf8.empty() || lines.empty()) lines.emplace_back(utf8);
  return lines;
}

namespace {

struct LocalParts {
  std::chrono::year_month_day date;
  std::chrono::hh_mm_ss<std::chrono::seconds> time;
};

LocalParts SplitLocal(Millis ms, std::int64_t utc_offset_minutes) {
  using namespace std::chrono;
  sys_seconds t =
      floor<seconds>(sys_time<milliseconds>(milliseconds(ms))) + minutes(utc_offset_minutes);
  sys_days day = floor<days>(t);
  return {year_month_day(day), hh_mm_ss<seconds>(t - day)};
}

}  // namespace

std::string FormatLocalTime(Millis ms, std::int64_t utc_offset_minutes) {
  LocalParts p = SplitLocal(ms, utc_offset_minutes);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02lld:%02lld:%02lld", int(p.date.year()),
                unsigned(p.date.month()), unsigned(p.date.day()),
                static_cast<long long>(p.time.hours().count()),
                static_cast<long long>(p.time.minutes().count()),
                static_cast<long long>(p.time.seconds().count()));
  return buf;
}

int TerminalColumns() {
  if (!isatty(STDOUT_FILENO)) return 0;
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0) return 80;
  return ws.ws_col;
}

Table::Table(std::vector<std::string> headers)
    : headers_(std::move(headers)),
      max_width_(headers_.size(), 0),
      right_(headers_.size()),
      wrap_(headers_.size()) {}

void Table::WrapColumn(std::size_t column, int max_columns) {
  assert(column < headers_.size());
  max_width_[column] = max_columns;
  wrap_[column] = true;
}

void Table::SetMaxWidth(std::size_t column, int max_columns) {
  assert(column < headers_.size());
  max_width_[column] = max_columns;
}

void Table::AlignRight(std::size_t column) {
  assert(column < headers_.size());
  right_[column] = true;
}

void Table::AddRow(std::vector<std::string> cells) {
  assert(cells.size() <= headers_.size() && "more cells than columns");
  cells.resize(headers_.size());
  for (auto& c : cells) c = OneLine(c);
  rows_.push_back(std::move(cells));
}

std::vector<int> Table::ColumnWidths() const {
  std::vector<int> w(headers_.size());
  for (std::size_t c = 0; c < headers_.size(); ++c) {
    w[c] = DisplayWidth(headers_[c]);
    for (const auto& row : rows_) w[c] = std::max(w[c], DisplayWidth(row[c]));
    if (max_width_[c] > 0)
      w[c] = std::min(w[c], std::max(max_width_[c], DisplayWidth(headers_[c])));
  }
  return w;
}

void Table::FitColumn(std::size_t column, int total_columns, int min_columns) {
  assert(column < headers_.size());
  if (total_columns <= 0) return;
  std::vector<int> w = ColumnWidths();
  int total = 0;
  for (int x : w) total += x;
  total += 2 * static_cast<int>(w.size() - 1);
  if (total <= total_columns) return;
  int shrunk = std::max(min_columns, w[column] - (total - total_columns));
  if (max_width_[column] == 0 || shrunk < max_width_[column]) max_width_[column] = shrunk;
}

void Table::Print(std::ostream& out) const {
  std::vector<int> w = ColumnWidths();
  auto print_line = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string& cell = cells[c];
      int pad = w[c] - DisplayWidth(cell);
      bool last = c + 1 == cells.size();
      if (right_[c]) line.append(pad, ' ');
      line += cell;
      if (!right_[c] && !last) line.append(pad, ' ');
      if (!last) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  // A row is one line, or several when a wrapping column's cell is wider than the column: the
  // cell continues below, the other columns left blank there.
  auto print_row = [&](const std::vector<std::string>& cells) {
    std::vector<std::vector<std::string>> parts(cells.size());
    std::size_t height = 1;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      parts[c] = wrap_[c] ? WrapToWidth(cells[c], w[c])
                          : std::vector<std::string>{TruncateToWidth(cells[c], w[c])};
      height = std::max(height, parts[c].size());
    }
    for (std::size_t k = 0; k < height; ++k) {
      std::vector<std::string> line(cells.size());
      for (std::size_t c = 0; c < cells.size(); ++c) {
        if (k < parts[c].size()) line[c] = parts[c][k];
      }
      print_line(line);
    }
  };
  print_line(headers_);
  std::string rule;
  for (std::size_t c = 0; c < w.size(); ++c) {
    for (int k = 0; k < w[c]; ++k) rule += "─";
    if (c + 1 < w.size()) rule += "  ";
  }
  out << rule << '\n';
  for (const auto& row : rows_) print_row(row);
}

}  // namespace duban::ctl
