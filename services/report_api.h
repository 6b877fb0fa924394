// ReportApi: duban.report, the handling-performance figures per lead unit and overall
// (services/report.h computes them; docs/reports.md defines them). Read-only.
//
// A report may cover the whole store (a few hundred to ~10 000 suggestions): it is read
// kReportPageSize suggestions per script call, so no single Redis call blocks the server long,
// and folded into counters page by page. The broker loop is busy for the whole scan (tens of
// milliseconds per page); reports are rare staff requests, so that is accepted here.
//
// Thread rules: broker loop thread, like ApiHandlers, which registers this service.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "services/api_table.h"
#include "common/counters.h"
#include "common/store/task_store.h"
#include "config/config.h"

namespace duban::services {

// Suggestions read per script call while building a report.
inline constexpr std::int64_t kReportPageSize = 500;

// Binds duban.report. `store`, `config` and `counters` must outlive it.
void RegisterReportApi(store::TaskStore& store, const config::Config& config, Counters& counters,
                       ApiTable& table);

}  // namespace duban::services
