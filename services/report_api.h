// ReportApi: duban.report, the handling-performance figures per lead unit and overall
// (services/report.h computes them; docs/reports.md defines them). Read-only.
//
// A report may cover the whole store (a few hundred to ~100 000 suggestions): it is read
// kReportPageSize suggestions per script call, so no single Redis call blocks the server long,
// and folded into counters page by page, one page per broker loop turn (ApiTable::BindSteps):
// between two pages the loop serves every other client and the workers. The figures are those of
// the pages as each was read (a suggestion that changes during the scan is counted as its page
// saw it), as with any report taken while the work goes on.
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
