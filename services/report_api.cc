#include "services/report_api.h"

#include <memory>
#include <optional>
#include <utility>

#include "broker/dispatcher.h"
#include "services/report.h"
#include "common/calendar.h"
#include "common/protocol/codec.h"
#include "common/store/report_store.h"

namespace duban::services {

using namespace duban::protocol;
using namespace duban::broker;  // the core: calendar, outcome helpers, stored suggestions

namespace {

class ReportApi {
 public:
  ReportApi(store::TaskStore& store, const config::Config& config, Counters& counters)
      : store_(store), config_(config), counters_(counters) {}

  // The codec checked the scope and the dates.
  Result<ReportReply> Report(const ReportRequest& req, Millis now) {
    const std::int64_t offset = config_.jurisdiction.utc_offset_minutes;
    ReportScope scope;
    scope.session = req.session;
    scope.unit = req.unit;
    std::optional<std::pair<Millis, Millis>> range;
    if (scope.session.empty()) {
      auto from = ParseDate(req.from);
      auto to = ParseDate(req.to);
      if (!from.ok() || !to.ok()) return InvalidArgument("bad from or to date");
      scope.from_ms = StartOfLocalDay(*from, offset);
      scope.to_ms = EndOfLocalDay(*to, offset);
      range = std::make_pair(scope.from_ms, scope.to_ms);
    }
    ReportBuilder builder(scope, config_.result_classes, config_.satisfaction_levels);
    std::int64_t cursor = 0, scanned = 0;
    while (true) {
      auto page = store_.Page(cursor, kReportPageSize, range);
      if (!page.ok()) return page.status();
      scanned += page->scanned;
      for (const auto& r : page->rows) {
        auto s = SuggestionFromStored(r.code, r);
        // Figures that skip a record nobody can read would be wrong without saying so.
        if (!s.ok()) {
          return Internal("stored suggestion " + r.code +
                                          " is corrupt: " + s.status().message());
        }
        builder.Add(*s);
      }
      if (page->next_cursor == 0) break;
      if (page->next_cursor <= cursor) {
        return Internal("report_read did not advance its cursor");
      }
      cursor = page->next_cursor;
    }
    ReportReply reply = builder.Build();
    reply.session = req.session;
    reply.from = req.from;
    reply.to = req.to;
    reply.scanned = scanned;
    reply.generated_ms = now;
    counters_.Increment("api.reports");
    return reply;
  }

 private:
  store::ReportStore store_;
  const config::Config& config_;
  Counters& counters_;
};

}  // namespace

void RegisterReportApi(store::TaskStore& store, const config::Config& config, Counters& counters,
                       ApiTable& table) {
  auto api = std::make_shared<ReportApi>(store, config, counters);
  table.Bind<svc::Report>([api](const ReportRequest& req, Millis now) { return api->Report(req, now); });
}

}  // namespace duban::services
