// ReportCommand: `dubanctl report`, the handling-performance figures (duban.report; the figures
// are defined in docs/reports.md) per lead unit (主办) and overall, for a session or a range of
// assignment dates, as a table for people, CSV (UTF-8, a header row) or JSON.
//
// Every rate is printed with its numerator and denominator ("83.3% (5/6)"), so a rate over a tiny
// count misleads nobody, and as "—" when the denominator is 0. Unit names come from --config.
//
// Exit codes (broker_client.h): 0 printed; 1 the broker refused; 2 usage; 3 broker unreachable.
//
// Thread rules: runs on the main thread.
#pragma once

#include <cstdint>
#include <string>

#include "common/protocol/messages.h"
#include "dubanctl/commands.h"
#include "dubanctl/json_view.h"

namespace duban::ctl {


Action SetUpReport(CLI::App& sub);

// numerator/denominator as a percentage with one decimal, rounded half up ("83.3%"); "—" when the
// denominator is 0.
std::string FormatRate(std::int64_t numerator, std::int64_t denominator);

// The reply as --format json prints it: protocol::ToJson's (the wire fields; "generated" beside
// "generated_ms"), and in each row (overall and units) also "unit_name" and "rates": each rate
// with its numerator, denominator, percent (null when the denominator is 0) and text.
Json ReportJson(const Context& ctx, const protocol::ReportReply& r);

}  // namespace duban::ctl
