// The text exposition writer: HELP/TYPE per family, escaping, value formatting, histograms.
#include "monitor/prometheus.h"

#include <gtest/gtest.h>

namespace duban::monitor {
namespace {

TEST(PrometheusTest, FormatsValuesTheWayTheFormatReadsThem) {
  EXPECT_EQ(FormatValue(0), "0");
  EXPECT_EQ(FormatValue(42), "42");
  EXPECT_EQ(FormatValue(0.005), "0.005");
  EXPECT_EQ(FormatValue(0.0001), "0.0001");
  EXPECT_EQ(FormatValue(1795754734.517), "1795754734.517");
  EXPECT_EQ(FormatValue(1e-12), "1e-12");
  EXPECT_EQ(FormatValue(1.0 / 0.0), "+Inf");
  EXPECT_EQ(FormatValue(-1.0 / 0.0), "-Inf");
  EXPECT_EQ(FormatValue(0.0 / 0.0), "NaN");
}

TEST(PrometheusTest, EscapesLabelValuesAndHelp) {
  EXPECT_EQ(EscapeLabelValue("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  Exposition e;
  e.Family("x_total", "line one\nback\\slash", MetricType::kCounter);
  e.Sample({{"service", "q\"1"}}, std::int64_t{3});
  EXPECT_EQ(e.text(),
            "# HELP x_total line one\\nback\\\\slash\n"
            "# TYPE x_total counter\n"
            "x_total{service=\"q\\\"1\"} 3\n");
}

TEST(PrometheusTest, GaugeWithSeveralLabels) {
  Exposition e;
  e.Family("duban_worker_last_seen_seconds", "age", MetricType::kGauge);
  e.Sample({{"service", "assignment"}, {"worker", "00ab"}}, 1.5);
  EXPECT_NE(e.text().find("duban_worker_last_seen_seconds{service=\"assignment\",worker=\"00ab\"} "
                          "1.5\n"),
            std::string::npos)
      << e.text();
}

TEST(PrometheusTest, HistogramEndsWithInfSumAndCount) {
  Exposition e;
  e.Family("lat_seconds", "latency", MetricType::kHistogram);
  Histogram h;
  h.buckets = {{0.001, 1}, {0.005, 3}};
  h.count = 4;
  h.sum = 0.0125;
  e.HistogramSamples({}, h);
  EXPECT_EQ(e.text(),
            "# HELP lat_seconds latency\n"
            "# TYPE lat_seconds histogram\n"
            "lat_seconds_bucket{le=\"0.001\"} 1\n"
            "lat_seconds_bucket{le=\"0.005\"} 3\n"
            "lat_seconds_bucket{le=\"+Inf\"} 4\n"
            "lat_seconds_sum 0.0125\n"
            "lat_seconds_count 4\n");
}

TEST(PrometheusTest, EmptyHistogramStillHasInfBucket) {
  Exposition e;
  e.Family("h_seconds", "h", MetricType::kHistogram);
  e.HistogramSamples({}, Histogram{});
  EXPECT_NE(e.text().find("h_seconds_bucket{le=\"+Inf\"} 0\nh_seconds_sum 0\nh_seconds_count 0\n"),
            std::string::npos);
}

}  // namespace
}  // namespace duban::monitor
