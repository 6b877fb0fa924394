#include "monitor/prometheus.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>

namespace duban::monitor {
namespace {

[[maybe_unused]] bool ValidName(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

std::string EscapeHelp(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string_view TypeName(MetricType t) {
  switch (t) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

}  // namespace

std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  // Fixed notation within everyday magnitudes (0.0001 rather than 1e-04, as other exporters
  // write bucket bounds); the shortest text that reads back as the same double either way.
  char buf[400];
  const double mag = std::fabs(value);
  const bool fixed = value == 0 || (mag >= 1e-9 && mag < 1e15);
  auto [end, ec] = fixed ? std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed)
                         : std::to_chars(buf, buf + sizeof buf, value);
  assert(ec == std::errc());
  return std::string(buf, end);
}

std::string EscapeLabelValue(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

void Exposition::Family(std::string_view name, std::string_view help, MetricType type) {
  assert(ValidName(name));
  assert(std::find(written_.begin(), written_.end(), name) == written_.end());
  family_ = std::string(name);
  type_ = type;
  written_.push_back(family_);
  text_ += "# HELP " + family_ + " " + EscapeHelp(help) + "\n";
  text_ += "# TYPE " + family_ + " " + std::string(TypeName(type)) + "\n";
}

void Exposition::Line(std::string_view suffix, const Labels& labels, std::string_view value) {
  assert(!family_.empty());
  text_ += family_;
  text_ += suffix;
  if (!labels.empty()) {
    text_ += '{';
    for (std::size_t i = 0; i < labels.size(); ++i) {
      assert(ValidName(labels[i].first));
      if (i > 0) text_ += ',';
      text_ += labels[i].first + "=\"" + EscapeLabelValue(labels[i].second) + "\"";
    }
    text_ += '}';
  }
  text_ += ' ';
  text_ += value;
  text_ += '\n';
}

void Exposition::Sample(const Labels& labels, double value) {
  assert(type_ != MetricType::kHistogram);
  Line("", labels, FormatValue(value));
}

void Exposition::Sample(const Labels& labels, std::int64_t value) {
  assert(type_ != MetricType::kHistogram);
  Line("", labels, std::to_string(value));
}

void Exposition::HistogramSamples(const Labels& labels, const Histogram& h) {
  assert(type_ == MetricType::kHistogram);
  for (const Bucket& b : h.buckets) {
    Labels with_le = labels;
    with_le.emplace_back("le", FormatValue(b.upper_bound));
    Line("_bucket", with_le, std::to_string(b.count));
  }
  Labels inf = labels;
  inf.emplace_back("le", "+Inf");
  Line("_bucket", inf, std::to_string(h.count));
  Line("_sum", labels, FormatValue(h.sum));
  Line("_count", labels, std::to_string(h.count));
}

}  // namespace duban::monitor
