#include "dubanctl/audit_commands.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <unordered_map>

#include "common/checkpoint_log.h"
#include "dubanctl/calendar_replan.h"
#include "dubanctl/table.h"

namespace duban::ctl {

using namespace protocol;

namespace {

// Calls `service` page after page from cursor 0 until the broker answers cursor 0, handing each
// reply to `on_page`. Returns kExitOk or the failure's exit code.
template <typename Reply, typename Request, typename OnPage>
int Scan(BrokerClient& client, const char* service, Request req, OnPage on_page) {
  req.cursor = 0;
  while (true) {
    Answer<Reply> answer = client.template Call<Reply>(service, req);
    if (!answer.ok()) return ReportFailure(answer.failure);
    on_page(*answer.reply);
    if (answer.reply->cursor == 0) return kExitOk;
    if (answer.reply->cursor <= req.cursor) {
      std::cerr << "error: " << service << " answered cursor " << answer.reply->cursor
                << " after " << req.cursor << "; stopping\n";
      return kExitRefused;
    }
    req.cursor = answer.reply->cursor;
  }
}

void PrintFailures(const std::vector<ChainResult>& failed) {
  Table t({"CODE", "ENTRIES", "BAD ENTRY", "PROBLEM", "DETAIL"});
  t.AlignRight(1);
  t.AlignRight(2);
  for (const auto& r : failed) {
    t.AddRow({r.code, std::to_string(r.entries), std::to_string(r.bad_index), r.problem,
              r.detail});
  }
  t.FitColumn(4, TerminalColumns(), 20);
  t.Print(std::cout);
}

// The signed checkpoints, read and verified: the file's and the public key's.
struct Checkpoints {
  std::string file;
  CheckpointLog log;
};

// Reads --checkpoints and --public-key; prints why and returns the exit code when it cannot, or
// when the file does not verify under the key (which is a finding: exit 1).
int ReadCheckpoints(const std::string& file, const std::string& key_file, Checkpoints* out) {
  auto pk = ReadCheckpointPublicKey(key_file);
  if (!pk.ok()) {
    std::cerr << "error: --public-key: " << pk.status().message() << '\n';
    return kExitBadFile;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "error: --checkpoints: cannot read '" << file << "'\n";
    return kExitBadFile;
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto log = ReadCheckpointLog(text.str(), *pk, /*with_history=*/true);
  if (!log.ok()) {
    std::cout << "checkpoints: '" << file << "' FAILED: " << log.status().message() << '\n';
    return kExitRefused;
  }
  out->file = file;
  out->log = std::move(log).value();
  return kExitOk;
}

std::string CheckpointLabel(const CheckpointLog& log, std::size_t k, std::int64_t offset) {
  return "#" + std::to_string(k + 1) + " (" + FormatLocalTime(log.checkpoints[k].at_ms, offset) +
         ")";
}

// Compares the store with the checkpoints; prints what it finds (to `json` with --json) and
// returns the number of findings.
std::size_t CompareCheckpoints(
    const Checkpoints& cp, const std::unordered_map<std::string, std::vector<std::string>>& heads,
    const std::vector<std::string>& redis_lines, const Context& ctx, Json* json) {
  const CheckpointLog& log = cp.log;
  const std::int64_t offset = ctx.utc_offset_minutes;
  auto found = CompareWithStore(log, [&](const std::string& code) {
    auto it = heads.find(code);
    return it == heads.end() ? nullptr : &it->second;
  });
  std::size_t first_bad = log.checkpoints.size();
  for (const auto& f : found) first_bad = std::min(first_bad, f.checkpoint);
  // Redis's own copy of the checkpoints (its last 100 lines): each should be a line of the file,
  // one after the other up to the file's last. A gap is a Redis restored from a backup (or a copy
  // that failed: the broker logs which); a line the file lacks is a file cut short or a forgery.
  std::vector<std::string> notes;
  std::size_t foreign = 0;
  std::int64_t redis_last = -1;  // the index of Redis's last line in the file, -1 none
  {
    std::unordered_map<std::string, std::size_t> index_of;  // signature -> checkpoint index
    for (std::size_t k = 0; k < log.checkpoints.size(); ++k) {
      index_of.emplace(log.checkpoints[k].signature, k);
    }
    std::int64_t before = -1;
    for (const auto& line : redis_lines) {
      auto parsed = ParseCheckpointLine(line);
      auto it = parsed.ok() ? index_of.find(parsed->signature) : index_of.end();
      if (it == index_of.end()) {
        ++foreign;
        continue;
      }
      const auto k = static_cast<std::int64_t>(it->second);
      if (before >= 0 && k > before + 1) {
        notes.push_back("Redis's copy lacks checkpoints " +
                        CheckpointLabel(log, static_cast<std::size_t>(before + 1), offset) +
                        " to " + CheckpointLabel(log, static_cast<std::size_t>(k - 1), offset) +
                        ": Redis was restored from a backup taken before them (or their copies "
                        "failed: the broker logs which)");
      }
      before = k;
      redis_last = std::max(redis_last, k);
    }
  }
  const auto n = static_cast<std::int64_t>(log.checkpoints.size());
  if (foreign > 0) {
    notes.push_back("Redis holds " + std::to_string(foreign) + " checkpoint line(s) that are not in " +
                    cp.file + ": the file lost its end, or the lines were forged");
  }
  if (n > 0 && redis_last < n - 1) {
    notes.push_back("Redis's copy of the checkpoints stops at " +
                    (redis_last < 0 ? std::string("none")
                                    : CheckpointLabel(log, static_cast<std::size_t>(redis_last), offset)) +
                    " of " + std::to_string(n) +
                    ": Redis was restored from a backup taken before the next one, or the copy "
                    "failed (the broker logs that)");
  }
  const std::size_t findings = found.size() + foreign;
  if (ctx.options.json) {
    Json rows = Json::array();
    for (const auto& f : found) {
      rows.push_back({{"code", f.code}, {"problem", f.problem},
                      {"checkpoint", static_cast<std::int64_t>(f.checkpoint) + 1},
                      {"checkpoint_at", FormatLocalTime(log.checkpoints[f.checkpoint].at_ms, offset)},
                      {"signed_entries", f.signed_entries}, {"entries_now", f.entries_now}});
    }
    *json = {{"file", cp.file}, {"checkpoints", n}, {"findings", rows},
             {"matches_up_to", static_cast<std::int64_t>(first_bad)},
             {"redis_copy_up_to", redis_last + 1}, {"notes", notes}};
    return findings;
  }
  if (!found.empty()) {
    Table t({"CODE", "PROBLEM", "SINCE CHECKPOINT", "SIGNED ENTRIES", "NOW"});
    t.AlignRight(3);
    t.AlignRight(4);
    for (const auto& f : found) {
      t.AddRow({f.code, f.problem, CheckpointLabel(log, f.checkpoint, offset),
                std::to_string(f.signed_entries),
                f.entries_now < 0 ? "-" : std::to_string(f.entries_now)});
    }
    t.Print(std::cout);
  }
  std::cout << "checkpoints: " << n << " in " << cp.file << ", signatures, order and leaves verified";
  if (n > 0) std::cout << "; the last " << CheckpointLabel(log, static_cast<std::size_t>(n - 1), offset);
  std::cout << '\n';
  if (found.empty()) {
    std::cout << "the store holds everything the checkpoints signed\n";
  } else {
    std::cout << "the store no longer holds what checkpoint "
              << CheckpointLabel(log, first_bad, offset) << " signed: " << found.size()
              << " suggestion" << (found.size() == 1 ? "" : "s") << " deleted, truncated or "
              << "rewritten since; it matches "
              << (first_bad == 0 ? std::string("no checkpoint")
                                 : "every checkpoint up to " +
                                       CheckpointLabel(log, first_bad - 1, offset))
              << '\n';
  }
  for (const auto& note : notes) std::cout << "note: " << note << '\n';
  return findings;
}

}  // namespace

Action SetUpVerify(CLI::App& sub) {
  struct Flags {
    std::string code;
    bool all = false;
    std::int64_t page = 100;
    std::string checkpoints, public_key;
  };
  auto f = std::make_shared<Flags>();
  auto* code = sub.add_option("CODE", f->code, "Tracking code of the suggestion to verify");
  auto* all = sub.add_flag("--all", f->all, "Verify every suggestion, a page at a time");
  code->excludes(all);
  sub.add_option("--page-size", f->page, "Suggestions per request with --all")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1000}));
  sub.add_option("--checkpoints", f->checkpoints,
                 "with --all: the broker's checkpoint file (security.checkpoint_file); also finds "
                 "suggestions deleted, timelines cut short or rewritten, and Redis rolled back, "
                 "since the checkpoints signed them");
  sub.add_option("--public-key", f->public_key,
                 "the checkpoint key's public file (dubanctl keys checkpoint wrote NAME.pub)");
  return [f](const Context& ctx) {
    if (f->code.empty() && !f->all) {
      std::cerr << "error: verify needs a CODE or --all\n";
      return kExitUsage;
    }
    if (!f->checkpoints.empty() && (!f->all || f->public_key.empty())) {
      std::cerr << "error: --checkpoints goes with --all and --public-key\n";
      return kExitUsage;
    }
    Checkpoints cp;
    if (!f->checkpoints.empty()) {
      if (int rc = ReadCheckpoints(f->checkpoints, f->public_key, &cp); rc != kExitOk) return rc;
    }
    int exit_code = kExitOk;
    auto client = Connect(ctx, &exit_code);
    if (!client) return exit_code;
    std::vector<ChainResult> failed;
    std::int64_t checked = 0;
    if (!f->all) {
      Answer<VerifyReply> answer = client->Call<svc::Verify>(VerifyRequest{f->code});
      if (!answer.ok()) return ReportFailure(answer.failure);
      for (const auto& r : answer.reply->results) {
        ++checked;
        if (!r.ok) failed.push_back(r);
        if (ctx.options.json) continue;
        if (r.ok) {
          std::cout << r.code << ": audit chain intact (" << r.entries << " entries)\n";
        } else {
          std::cout << r.code << ": FAILED at entry " << r.bad_index << " (" << r.problem
                    << "): " << r.detail << '\n';
        }
      }
      if (ctx.options.json) {
        Json results = Json::array();
        for (const auto& r : answer.reply->results) {
          results.push_back(protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes}));
        }
        Print(std::cout, {{"results", results}, {"checked", checked},
                          {"failed", static_cast<std::int64_t>(failed.size())}});
      }
      return failed.empty() ? kExitOk : kExitRefused;
    }
    VerifyRequest req;
    req.all = true;
    req.limit = f->page;
    req.heads = !f->checkpoints.empty();
    std::unordered_map<std::string, std::vector<std::string>> heads;
    std::vector<std::string> redis_lines;
    bool first = true;
    int rc = Scan<VerifyReply>(*client, svc::Verify::kName.data(), req, [&](const VerifyReply& page) {
      if (first) redis_lines = page.checkpoints;
      first = false;
      for (const auto& r : page.results) {
        ++checked;
        if (!r.ok) failed.push_back(r);
        if (req.heads) heads[r.code] = r.heads;
      }
      std::cerr << "verify: " << checked << " of " << page.total << " suggestions checked, "
                << failed.size() << " failed\n";
    });
    if (rc != kExitOk) return rc;
    for (auto& r : failed) r.heads.clear();
    if (ctx.options.json) {
      Json results = Json::array();  // the failures only: a whole store would be too long
      for (const auto& r : failed) {
        results.push_back(protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes}));
      }
      Json out = {{"results", results}, {"checked", checked},
                  {"failed", static_cast<std::int64_t>(failed.size())}};
      std::size_t findings = 0;
      if (!f->checkpoints.empty()) {
        Json checkpoints;
        findings = CompareCheckpoints(cp, heads, redis_lines, ctx, &checkpoints);
        out["checkpoints"] = checkpoints;
      }
      Print(std::cout, out);
      return failed.empty() && findings == 0 ? kExitOk : kExitRefused;
    }
    if (!failed.empty()) PrintFailures(failed);
    std::cout << "verified " << checked << " suggestion" << (checked == 1 ? "" : "s") << ": "
              << checked - static_cast<std::int64_t>(failed.size()) << " intact, "
              << failed.size() << " failed\n";
    std::size_t findings = 0;
    if (!f->checkpoints.empty()) findings = CompareCheckpoints(cp, heads, redis_lines, ctx, nullptr);
    return failed.empty() && findings == 0 ? kExitOk : kExitRefused;
  };
}

Action SetUpCheck(CLI::App& sub) {
  auto page = std::make_shared<std::int64_t>(500);
  sub.add_option("--page-size", *page, "Suggestions scanned per request")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1000}));
  return [page](const Context& ctx) {
    int exit_code = kExitOk;
    auto client = Connect(ctx, &exit_code);
    if (!client) return exit_code;
    std::vector<StuckSuggestion> stuck;
    std::int64_t checked = 0;
    CheckRequest req;
    req.limit = *page;
    int rc = Scan<CheckReply>(*client, svc::Check::kName.data(), req, [&](const CheckReply& r) {
      checked += r.scanned;
      stuck.insert(stuck.end(), r.stuck.begin(), r.stuck.end());
    });
    if (rc != kExitOk) return rc;
    // Pending dates counted on a year with no calendar, or on one that changed since: warnings,
    // not failures (the exit code stays that of the stuck check). The timers are set and will
    // fire; what is wrong is their date, which `dubanctl calendar replan` fixes once the year's
    // file is in (docs/architecture.md, "Re-planning when the calendar changes").
    CalendarRequest cal_req;
    Answer<CalendarReply> cal = client->Call<svc::Calendar>(cal_req);
    std::vector<std::string> warnings;
    if (cal.ok()) {
      warnings = CalendarWarnings(*cal.reply);
    } else {
      warnings.push_back("the broker's calendar status could not be read: " + cal.failure.text);
    }
    if (ctx.options.json) {
      Json rows = Json::array();
      for (const auto& s : stuck) {
        rows.push_back(protocol::ToJson(s, JsonOptions{ctx.utc_offset_minutes}));
      }
      Json out = {{"stuck", rows}, {"checked", checked}, {"warnings", warnings}};
      if (cal.ok()) out["calendar"] = CalendarStatusJson(*cal.reply, ctx.utc_offset_minutes);
      Print(std::cout, out);
    } else {
      if (!stuck.empty()) {
        Table t({"CODE", "STATE", "LAST ACTION", "AT", "WHY"});
        for (const auto& s : stuck) {
          t.AddRow({s.code, s.state, s.last_action.empty() ? "-" : s.last_action,
                    s.last_at_ms > 0 ? FormatLocalTime(s.last_at_ms, ctx.utc_offset_minutes) : "-",
                    s.why + (s.dead_task.empty() ? "" : " (" + s.dead_service + " " +
                                                            s.dead_task + ")")});
        }
        t.FitColumn(4, TerminalColumns(), 20);
        t.Print(std::cout);
      }
      std::cout << "checked " << checked << " suggestion" << (checked == 1 ? "" : "s") << ": "
                << (stuck.empty() ? std::string("nothing stuck")
                                  : std::to_string(stuck.size()) + " stuck")
                << '\n';
      for (const auto& w : warnings) std::cout << "warning: " << w << '\n';
    }
    return stuck.empty() ? kExitOk : kExitRefused;
  };
}

}  // namespace duban::ctl
