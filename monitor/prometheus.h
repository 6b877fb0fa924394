// Prometheus text exposition format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/): a small writer that emits metric
// families, each as "# HELP", "# TYPE" and its samples, with the escaping the format requires. It
// knows the format, not Duban; metrics.h decides what to export.
//
// Thread rules: an Exposition is a value built and read on one thread.
// Invariants: every sample belongs to the family opened last (asserted); a family name is written
// once; label values are escaped (\\, \", \n) and HELP text is escaped (\\, \n), so any service
// name or message is safe in the output; the text ends with a newline.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "monitor/histogram.h"

namespace duban::monitor {

// The Content-Type of the text format.
inline constexpr char kPrometheusContentType[] = "text/plain; version=0.0.4; charset=utf-8";

using Labels = std::vector<std::pair<std::string, std::string>>;

enum class MetricType { kCounter, kGauge, kHistogram };

class Exposition {
 public:
  // Opens a family: writes "# HELP name help" and "# TYPE name type". `name` must match
  // [a-zA-Z_:][a-zA-Z0-9_:]* (asserted: names are constants in our code).
  void Family(std::string_view name, std::string_view help, MetricType type);
  // One sample of the open counter or gauge family: "name{labels} value".
  void Sample(const Labels& labels, double value);
  void Sample(const Labels& labels, std::int64_t value);
  // The samples of the open histogram family: NAME_bucket{...,le="B"} for every bucket, then
  // le="+Inf", NAME_sum and NAME_count.
  void HistogramSamples(const Labels& labels, const Histogram& h);

  const std::string& text() const { return text_; }

 private:
  void Line(std::string_view suffix, const Labels& labels, std::string_view value);

  std::string text_;
  std::string family_;  // the open family's name
  MetricType type_ = MetricType::kGauge;
  std::vector<std::string> written_;  // family names written so far
};

// A value as the format writes it: integers without a fraction, "+Inf", "-Inf", "NaN", otherwise
// the shortest decimal that reads back as the same double, in fixed notation for magnitudes
// 1e-9..1e15 (0.0001, 0.00025) and exponent notation beyond (1e-12).
std::string FormatValue(double value);

// `text` with \ " and newline escaped for a label value.
std::string EscapeLabelValue(std::string_view text);

}  // namespace duban::monitor
