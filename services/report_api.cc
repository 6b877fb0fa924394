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

  // The steps of one report; the codec checked the scope and the dates.
  Result<ApiTable::Steps<svc::Report>> Start(const ReportRequest& req, Millis now) {
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
    auto scan = std::make_shared<Scan>(
        Scan{req, now, range, ReportBuilder(scope, config_.result_classes,
                                            config_.satisfaction_levels)});
    scan->builder.SetToday(FormatDate(LocalDateOf(now, offset)));
    counters_.Increment("api.reports_started");
    return ApiTable::Steps<svc::Report>(
        [this, scan](Millis) -> std::optional<Result<ReportReply>> { return Next(*scan); });
  }

 private:
  // A report under way: where its scan is and what it has counted.
  struct Scan {
    ReportRequest req;
    Millis now = 0;  // the report's "generated" time: when it was asked for
    std::optional<std::pair<Millis, Millis>> range;
    ReportBuilder builder;
    std::int64_t cursor = 0;
    std::int64_t scanned = 0;
  };

  // One page; the reply after the last.
  std::optional<Result<ReportReply>> Next(Scan& scan) {
    auto page = store_.Page(scan.cursor, kReportPageSize, scan.range);
    if (!page.ok()) return Result<ReportReply>(page.status());
    scan.scanned += page->scanned;
    for (const auto& r : page->rows) {
      auto s = store::DecodeSuggestion(r.code, r);
      // Figures that skip a record nobody can read would be wrong without saying so.
      if (!s.ok()) {
        return Result<ReportReply>(
            Internal("stored suggestion " + r.code + " is corrupt: " + s.status().message()));
      }
      scan.builder.Add(*s);
    }
    if (page->next_cursor != 0) {
      if (page->next_cursor <= scan.cursor) {
        return Result<ReportReply>(Internal("report_read did not advance its cursor"));
      }
      scan.cursor = page->next_cursor;
      return std::nullopt;
    }
    ReportReply reply = scan.builder.Build();
    reply.session = scan.req.session;
    reply.from = scan.req.from;
    reply.to = scan.req.to;
    reply.scanned = scan.scanned;
    reply.generated_ms = scan.now;
    counters_.Increment("api.reports");
    return Result<ReportReply>(std::move(reply));
  }

  store::ReportStore store_;
  const config::Config& config_;
  Counters& counters_;
};

}  // namespace

void RegisterReportApi(store::TaskStore& store, const config::Config& config, Counters& counters,
                       ApiTable& table) {
  auto api = std::make_shared<ReportApi>(store, config, counters);
  table.BindSteps<svc::Report>(
      [api](const ReportRequest& req, Millis now) { return api->Start(req, now); });
}

}  // namespace duban::services
