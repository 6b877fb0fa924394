// CalendarCommand: `dubanctl calendar`, the deadline date arithmetic and the working calendar,
// offline (no broker), so staff can check a deadline by hand or a calendar file they just added:
//   dubanctl calendar add DATE --months N        N calendar months later, clamped to the month end
//   dubanctl calendar add DATE --working-days N  the N-th working day strictly after DATE
//   dubanctl calendar show YEAR                  that year's holidays and make-up working days
// and, through the broker (dubanctl/calendar_replan.h): `calendar status` and
// `calendar replan [--dry-run]`, which re-plans the timers counted on a new or corrected year.
// `add` prints exactly one line, the date as YYYY-MM-DD (with --json: {"from", "months" or
// "working_days", "date"}). The calendar comes from the config: --config, else $DUBAN_CONFIG, else
// ./config/duban.toml (common/process.h); --months needs no config.
//
// Exit codes (broker_client.h): 0 ok; 1 the calendar cannot answer (a year that is not loaded:
// "error: FAILED_PRECONDITION: ..."; `show` of such a year: NOT_FOUND); 2 a bad command line or
// DATE; 4 no config, or one that cannot be read.
//
// Thread rules: runs on the main thread.
#pragma once

#include "dubanctl/commands.h"

namespace duban::ctl {

// Adds the `add` and `show` subcommands to `sub`; the returned action runs the chosen one.
Action SetUpCalendar(CLI::App& sub);

}  // namespace duban::ctl
