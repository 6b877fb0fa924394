// Fuzz target: the pure parts of duban-monitor's HTTP handling. The handlers themselves are
// lambdas registered on cpp-httplib's Server, reachable only through a socket, so this target
// drives what they are made of, with what a broker (or a browser) could send:
//   - the JSON bodies of /api/overview, /api/overdue, /api/notices, /api/dlq and
//     /api/suggestions/{code} and the /metrics text, rendered from a Snapshot whose parts are
//     broker replies decoded from fuzzed msgpack (the way the Sampler builds it);
//   - the access checks: of the POST actions (CheckAction), of the Host header (AllowedHosts,
//     against DNS rebinding, common/http/hosts.h), and --http parsing (ParseListenAddress).
// Input: parts (fuzz_check.h's separator): 0 sampled-at bytes, 1 QueuesReply, 2 StatsReply,
// 3 WorkersReply, 4 ListReply, 5 InboxReply (escalations), 6 InboxReply (agenda), 7 DlqReply,
// 8 GetReply, 9 "remote\ncontent-type\norigin\nhost\nlisten-address\nsec-fetch-site\n
// x-csrf-token\nexpected-token\nsigned-in" (the fields after listen-address optional: the corpus
// of the first form stays valid).
//
// Invariants checked beyond "no crash, no exception":
//   - every JSON body is well-formed UTF-8 and parses back as JSON (Dump never throws on bad
//     UTF-8 from the broker);
//   - no "contact" key anywhere in a suggestion's JSON (the deputy's contact is private);
//   - every /metrics line is a "# HELP"/"# TYPE" line or NAME{label="escaped",...} VALUE, so a
//     service or counter name from the broker can never break the exposition format;
//   - CheckAction allows exactly loopback (or signed-in) peers with a JSON content type, a
//     same-origin (or absent) Origin, a Sec-Fetch-Site absent, same-origin or none, and the
//     expected non-empty CSRF token; a parsed listen address formats back to the same host and
//     port; a Host the listen address allows normalises to one of its entries and holds only
//     host-name characters.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "common/protocol/codec.h"
#include "monitor/access.h"
#include "monitor/api_json.h"
#include "monitor/metrics.h"
#include "monitor/overdue.h"
#include "monitor/snapshot.h"
#include "tests/fuzz/fuzz_check.h"

using namespace duban;
using namespace duban::monitor;
using duban::http::AllowedHosts;
using duban::http::NormalizeHost;
using duban::http::ParseListenAddress;
using namespace duban::protocol;

namespace {

template <typename T>
Part<T> PartOf(const std::string& bytes) {
  Part<T> p;
  auto r = DecodeReply<T>(bytes);
  if (r.ok()) {
    p.value = std::move(r).value();
  } else {
    p.error = r.status().ToString();
  }
  return p;
}

void CheckJson(const Json& j, const char* what) {
  const std::string text = Dump(j);
  FUZZ_CHECK(fuzz::IsStrictUtf8(text), std::string(what) + ": JSON text is not UTF-8");
  Json back = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  FUZZ_CHECK(!back.is_discarded(), std::string(what) + ": JSON text does not parse: " + text);
}

bool HasKey(const Json& j, const std::string& key) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == key || HasKey(it.value(), key)) return true;
    }
  } else if (j.is_array()) {
    for (const auto& e : j) {
      if (HasKey(e, key)) return true;
    }
  }
  return false;
}

bool IsNameChar(char c, bool first, bool colon) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':') ||
         (!first && c >= '0' && c <= '9');
}

// Reads a metric (colon = true) or label name at *i; false if there is none.
bool ReadName(std::string_view line, std::size_t* i, bool colon) {
  std::size_t start = *i;
  while (*i < line.size() && IsNameChar(line[*i], *i == start, colon)) ++*i;
  return *i > start;
}

bool IsValue(std::string_view v) {
  if (v == "+Inf" || v == "-Inf" || v == "NaN") return true;
  if (v.empty()) return false;
  std::string s(v);
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

// One line of the Prometheus text format 0.0.4, as this exposition writes it.
bool IsMetricLine(std::string_view line) {
  std::size_t i = 0;
  if (line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) {
    i = 7;
    return ReadName(line, &i, true) && (i == line.size() || line[i] == ' ');
  }
  if (!ReadName(line, &i, true)) return false;
  if (i < line.size() && line[i] == '{') {
    ++i;
    while (true) {
      if (!ReadName(line, &i, false)) return false;
      if (line.substr(i, 2) != "=\"") return false;
      i += 2;
      while (i < line.size() && line[i] != '"') {
        if (line[i] == '\\') {
          if (i + 1 >= line.size()) return false;
          char e = line[i + 1];
          if (e != '\\' && e != '"' && e != 'n') return false;
          ++i;
        }
        ++i;
      }
      if (i >= line.size()) return false;
      ++i;  // the closing quote
      if (i < line.size() && line[i] == ',') {
        ++i;
        continue;
      }
      if (i < line.size() && line[i] == '}') {
        ++i;
        break;
      }
      return false;
    }
  }
  if (i >= line.size() || line[i] != ' ') return false;
  return IsValue(line.substr(i + 1));
}

void CheckMetrics(const std::string& text) {
  FUZZ_CHECK(text.empty() || text.back() == '\n', "/metrics does not end with a newline");
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string_view line(text.data() + start, end - start);
    FUZZ_CHECK(IsMetricLine(line), "bad /metrics line: " + std::string(line));
    start = end + 1;
  }
}

void CheckAccess(const std::string& part) {
  // remote, content-type, origin, host, listen, fetch-site, csrf, expected, signed-in (the rest).
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (int k = 0; k < 9; ++k) {
    std::size_t end = k == 8 ? std::string::npos : part.find('\n', start);
    if (end == std::string::npos) end = part.size();
    fields.push_back(start <= part.size() ? part.substr(start, end - start) : "");
    start = end + 1;
  }
  const std::string& listen = fields[4];
  ActionRequest r{fields[0], fields[1], fields[2], fields[3],
                  fields[5], fields[6], fields[7], fields[8] == "1"};
  Status s = CheckAction(r);
  const std::string_view type = r.content_type;
  const bool expect = (r.signed_in || IsLoopbackAddress(r.remote_addr)) &&
                      type.substr(0, type.find(';')) == "application/json" &&
                      (r.origin.empty() || r.origin == "http://" + r.host) &&
                      (r.fetch_site.empty() || r.fetch_site == "same-origin" ||
                       r.fetch_site == "none") &&
                      !r.expected_csrf.empty() && r.csrf_token == r.expected_csrf;
  FUZZ_CHECK(s.ok() == expect, "CheckAction: " + s.ToString());
  if (!s.ok()) {
    FUZZ_CHECK(s.code() == StatusCode::kPermissionDenied ||
                   s.code() == StatusCode::kInvalidArgument,
               "CheckAction refused with " + s.ToString());
  }

  auto a = ParseListenAddress(listen);
  if (a.ok()) {
    FUZZ_CHECK(a->port >= 0 && a->port <= 65535 && !a->host.empty(), "listen address " + listen);
    std::string again = (a->host.find(':') != std::string::npos ? "[" + a->host + "]" : a->host) +
                        ":" + std::to_string(a->port);
    auto b = ParseListenAddress(again);
    FUZZ_CHECK(b.ok() && b->host == a->host && b->port == a->port,
               "listen address does not format back: " + listen + " -> " + again);
    auto hosts = AllowedHosts::Create(*a, {});
    if (hosts.ok()) {
      for (const std::string& e : hosts->entries()) {
        FUZZ_CHECK(NormalizeHost(e, 80) == e, "allowed host entry is not normal: " + e);
      }
      if (hosts->Allows(r.host)) {
        auto n = NormalizeHost(r.host, 80);
        const auto& entries = hosts->entries();
        FUZZ_CHECK(n && std::find(entries.begin(), entries.end(), *n) != entries.end(),
                   "allowed Host not among the entries: " + r.host);
        FUZZ_CHECK(r.host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                            "0123456789.-_:[]") == std::string::npos,
                   "allowed Host with a character no host name has: " + r.host);
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parts = fuzz::SplitInput({reinterpret_cast<const char*>(data), size}, 10);
  parts.resize(10);
  Presentation p;
  p.unit_names = {{"jyj", "市教育局"}, {"czj", "市财政局"}};

  Snapshot s;
  std::int64_t at = 0;
  std::memcpy(&at, parts[0].data(), std::min(parts[0].size(), sizeof at));
  s.sampled_at_ms = at;
  s.sample_interval_ms = 5000;
  s.last_up_ms = at;
  s.rounds = 3;
  s.broker_endpoint = "tcp://127.0.0.1:5555";
  auto queues = DecodeReply<QueuesReply>(parts[1]);
  auto stats = DecodeReply<StatsReply>(parts[2]);
  if (queues.ok() && stats.ok()) {
    s.broker_up = true;
    s.queues = std::move(queues).value();
    for (auto& [name, value] : stats->counters) s.counters[name] = value;
    s.workers = PartOf<WorkersReply>(parts[3]);
    auto list = DecodeReply<ListReply>(parts[4]);
    if (list.ok()) {
      s.overdue.value = GroupOverdue(list->items, "2026-06-01", list->total > 1);
    } else {
      s.overdue.error = list.status().ToString();
    }
    s.escalations = PartOf<InboxReply>(parts[5]);
    s.agenda = PartOf<InboxReply>(parts[6]);
    s.dead_letters = PartOf<DlqReply>(parts[7]);
  } else {
    s.broker_status = queues.ok() ? stats.status() : queues.status();
    s.failed_rounds = 1;
  }

  CheckJson(OverviewJson(s, p), "overview");
  CheckJson(OverdueJson(s, p), "overdue");
  CheckJson(NoticesJson(s, p), "notices");
  if (s.dead_letters.value) CheckJson(DeadLettersJson(*s.dead_letters.value, p), "dlq");
  if (!s.broker_up) CheckJson(ErrorJson(s.broker_status), "error");
  CheckMetrics(RenderMetrics(s));

  auto got = DecodeReply<GetReply>(parts[8]);
  if (got.ok()) {
    Json j = SuggestionJson(*got, p);
    CheckJson(j, "suggestion");
    FUZZ_CHECK(!HasKey(j, "contact"), "a suggestion's JSON carries the deputy's contact");
  }
  CheckAccess(parts[9]);
  return 0;
}
