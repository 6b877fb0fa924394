// Table: dubanctl's human output. Lays out rows in aligned columns by *display* width, so that
// Chinese titles and unit names line up in a terminal: the CJK and full-width ranges below take two
// columns, combining marks none, everything else one. Also the helpers every human view shares:
// truncation with "…", local times, and the terminal width.
//
// Thread rules: value types and pure functions.
// Invariants: a cell never contains a control character once added (newlines and tabs in notes
// become spaces); a row is one line unless a wrapping column's cell continues below; a truncated cell ends with "…" and is at most its column's
// limit wide; invalid UTF-8 bytes count one column each and are kept as they are.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"

namespace duban::ctl {

// Columns the UTF-8 text takes in a terminal (East Asian wide and full-width code points: 2).
int DisplayWidth(std::string_view utf8);

// `utf8` cut to at most `max_columns` display columns, ending with "…" when something was cut.
// Never splits a code point. max_columns < 1 returns "".
std::string TruncateToWidth(std::string_view utf8, int max_columns);

// `utf8` in lines of at most `max_columns` display columns (a code point wider than that gets a
// line of its own). Latin text breaks between words where that keeps a line at least half full,
// Chinese anywhere between characters; spaces at a break are dropped. Never splits a code point.
std::vector<std::string> WrapToWidth(std::string_view utf8, int max_columns);

// `utf8` with control characters (newline, tab, ...) replaced by a space.
std::string OneLine(std::string_view utf8);

// "2026-03-01 09:30:00" for instant `ms` at UTC offset `utc_offset_minutes` (480 = UTC+8). (The
// ISO 8601 text --json prints is protocol::FormatLocalIso, common/protocol/json_view.h.)
std::string FormatLocalTime(Millis ms, std::int64_t utc_offset_minutes);

// Width of the terminal on stdout, or 0 when stdout is not a terminal (a pipe or a file: then
// nothing is fitted to a width, only capped by each column's own limit).
int TerminalColumns();

class Table {
 public:
  explicit Table(std::vector<std::string> headers);

  // Cells of `column` longer than `max_columns` display columns are truncated with "…".
  void SetMaxWidth(std::size_t column, int max_columns);
  // Cells of `column` wider than `max_columns` continue on the lines below instead of being cut
  // (a note column): the column is never wider than that. FitColumn may narrow it further.
  void WrapColumn(std::size_t column, int max_columns);
  // Right-aligns `column` (numbers).
  void AlignRight(std::size_t column);
  // Missing cells print empty; extra cells are a bug (asserted).
  void AddRow(std::vector<std::string> cells);
  // When the table is wider than `total_columns` (and total_columns > 0), shrinks `column` to fit,
  // down to `min_columns`. Used for the title column so a list fits the terminal.
  void FitColumn(std::size_t column, int total_columns, int min_columns);

  std::size_t rows() const { return rows_.size(); }
  // Header, a rule of "─", then the rows; columns separated by two spaces, no trailing blanks.
  void Print(std::ostream& out) const;

 private:
  std::vector<int> ColumnWidths() const;

  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> max_width_;  // per column; 0 = no limit
  std::vector<bool> right_;     // per column
  std::vector<bool> wrap_;      // per column: wraps instead of truncating
};

}  // namespace duban::ctl
