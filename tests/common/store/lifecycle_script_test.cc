// The lifecycle table tested whole (issue "The tests prove what their names claim", item 4): every
// (from, to) pair of suggestion states goes through the real `update` and `complete` scripts on a
// real redis-server, and each answer is checked against the table in docs/protocol.md#lifecycle,
// parsed here. AllowedTransitions() (common/protocol/lifecycle.cc) generates the scripts' Lua
// table, so a wrong entry in the C++ table, in its rendering into Lua, or in the docs fails.
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "common/protocol/lifecycle.h"
#include "tests/support/store_test_fixture.h"

namespace duban::store {
namespace {

using protocol::SuggestionState;
using Pair = std::pair<std::string, std::string>;

// What docs/protocol.md says: the states on the wire and the allowed (from, to) pairs.
struct DocsLifecycle {
  std::vector<std::string> states;
  std::set<Pair> allowed;
  std::set<std::string> rows;  // every state that has a row in the table ("from")
};

std::vector<std::string> Backticked(const std::string& text) {
  static const std::regex kState("`([A-Z_]+)`");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kState);
       it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

DocsLifecycle ReadDocs() {
  DocsLifecycle d;
  std::ifstream f(std::string(DUBAN_SOURCE_DIR) + "/docs/protocol.md");
  EXPECT_TRUE(f.good()) << "cannot read docs/protocol.md";
  std::string line;
  bool in_section = false, in_states = false, in_table = false, table_done = false;
  std::string states_text;
  while (std::getline(f, line)) {
    if (line.rfind("### ", 0) == 0) {
      if (in_section) break;
      in_section = line == "### Lifecycle";
      continue;
    }
    if (!in_section || table_done) continue;
    if (line.find("Suggestion states on the wire") != std::string::npos) in_states = true;
    if (in_states) {
      if (line.empty()) {
        in_states = false;
      } else {
        states_text += line + " ";
      }
      continue;
    }
    if (line.rfind("| from | may move to |", 0) == 0) {
      in_table = true;
      continue;
    }
    if (!in_table) continue;
    if (line.rfind("|", 0) != 0) {
      table_done = true;
      continue;
    }
    if (line.rfind("| ---", 0) == 0) continue;
    // | `FROM`[, `FROM2`...] | `TO`, `TO2` (comment) ... |   or   | ... | nothing (final) |
    const auto second = line.find('|', 1);
    if (second == std::string::npos) {
      ADD_FAILURE() << "not a table row: " << line;
      continue;
    }
    const std::string from_cell = line.substr(1, second - 1);
    const std::string to_cell = line.substr(second + 1);
    for (const auto& from : Backticked(from_cell)) {
      EXPECT_TRUE(d.rows.insert(from).second) << from << " has two rows in the docs table";
      for (const auto& to : Backticked(to_cell)) d.allowed.insert({from, to});
    }
  }
  d.states = Backticked(states_text);
  return d;
}

std::set<Pair> CodeTable() {
  std::set<Pair> out;
  for (const auto& [from, to] : protocol::AllowedTransitions()) {
    out.insert({std::string(protocol::StateName(from)), std::string(protocol::StateName(to))});
  }
  return out;
}

TEST(LifecycleTableTest, DocsTableAndCodeTableAreTheSame) {
  const DocsLifecycle docs = ReadDocs();
  ASSERT_EQ(docs.states.size(), 13u) << "states listed in docs/protocol.md#lifecycle";
  for (size_t i = 0; i < docs.states.size(); ++i) {
    auto parsed = protocol::ParseState(docs.states[i]);
    ASSERT_TRUE(parsed.ok()) << docs.states[i];
    EXPECT_EQ(protocol::StateName(*parsed), docs.states[i]);
    // The docs list the states in the enum's order, so this also finds a state missing in docs.
    EXPECT_EQ(protocol::StateName(static_cast<SuggestionState>(i)), docs.states[i]);
  }
  EXPECT_EQ(docs.rows, std::set<std::string>(docs.states.begin(), docs.states.end()))
      << "every state needs a row (final states: 'nothing')";
  EXPECT_EQ(docs.allowed, CodeTable());
  for (const auto& from : docs.states) {
    for (const auto& to : docs.states) {
      const bool want = from == to || docs.allowed.count({from, to}) > 0;
      EXPECT_EQ(protocol::IsAllowedTransition(*protocol::ParseState(from),
                                              *protocol::ParseState(to)),
                want)
          << from << " -> " << to;
    }
  }
}

class LifecycleScriptTest : public StoreTest {
 protected:
  // One suggestion per (from, to) pair, each put in state `from` as stored (the hash's `state`
  // and the state index), the way the scripts would have left it.
  std::vector<std::pair<Pair, std::string>> Prepare(const DocsLifecycle& docs) {
    std::vector<Pair> pairs;
    for (const auto& from : docs.states) {
      for (const auto& to : docs.states) pairs.push_back({from, to});
    }
    const std::vector<std::string> codes = Submit(static_cast<int>(pairs.size()));
    EXPECT_EQ(codes.size(), pairs.size());
    std::vector<std::pair<Pair, std::string>> out;
    for (size_t i = 0; i < pairs.size() && i < codes.size(); ++i) {
      const std::string& code = codes[i];
      const std::string& from = pairs[i].first;
      auto h = redis_->Run({"HSET", prefix_ + ":s:{" + code + "}", "state", from});
      EXPECT_TRUE(h.ok()) << h.status().ToString();
      auto score = redis_->Run({"ZSCORE", prefix_ + ":idx:state:SUBMITTED", code});
      EXPECT_TRUE(score.ok() && !score->str.empty()) << "index key of " << code;
      (void)redis_->Run({"ZREM", prefix_ + ":idx:state:SUBMITTED", code});
      (void)redis_->Run({"ZADD", prefix_ + ":idx:state:" + from, score.ok() ? score->str : "0",
                         code});
      out.push_back({pairs[i], code});
    }
    return out;
  }

  // After an answer: applied moves to `to` and raises the version, refused changes nothing.
  void ExpectResult(const Pair& p, const std::string& code, const DocsLifecycle& docs,
                    CompletionResult got, const char* script) {
    const bool allowed = p.first == p.second || docs.allowed.count(p) > 0;
    const std::string what = std::string(script) + " " + p.first + " -> " + p.second;
    EXPECT_EQ(got, allowed ? CompletionResult::kApplied : CompletionResult::kInvalidTransition)
        << what;
    auto s = store_->Get(code);
    ASSERT_TRUE(s.ok()) << what << ": " << s.status().ToString();
    EXPECT_EQ(s->state, allowed ? p.second : p.first) << what;
    EXPECT_EQ(s->version, allowed ? "2" : "1") << what;
    EXPECT_EQ(s->audit.size(), allowed ? 2u : 1u) << what << ": a refusal writes no audit entry";
    auto in_index = redis_->Run({"ZSCORE", prefix_ + ":idx:state:" + s->state, code});
    EXPECT_TRUE(in_index.ok() && !in_index->str.empty()) << what << ": state index";
  }
};

TEST_F(LifecycleScriptTest, UpdateAllowsExactlyTheDocumentedTransitions) {
  const DocsLifecycle docs = ReadDocs();
  ASSERT_EQ(docs.states.size(), 13u);
  int applied = 0;
  for (const auto& [p, code] : Prepare(docs)) {
    Completion c{"", "", "", code, 1, p.second, "", "", "", "", "lifecycle_test", "", "staff:test"};
    auto r = store_->Update(10000, c);
    ASSERT_TRUE(r.ok()) << p.first << " -> " << p.second << ": " << r.status().ToString();
    if (*r == CompletionResult::kApplied) ++applied;
    ExpectResult(p, code, docs, *r, "update");
  }
  EXPECT_EQ(applied, static_cast<int>(docs.allowed.size() + docs.states.size()));
}

TEST_F(LifecycleScriptTest, CompleteAllowsExactlyTheDocumentedTransitions) {
  const DocsLifecycle docs = ReadDocs();
  ASSERT_EQ(docs.states.size(), 13u);
  const auto prepared = Prepare(docs);
  // The submits queued one assignment task each; lease them all, then answer each pair's task.
  auto leased = store_->Dispatch(6000, {{"assignment", static_cast<std::int64_t>(prepared.size())}});
  ASSERT_TRUE(leased.ok()) << leased.status().ToString();
  ASSERT_EQ(leased->size(), prepared.size());
  std::map<std::string, LeasedTask> by_code;
  for (const auto& t : *leased) by_code[t.code] = t;
  std::vector<Completion> items;
  for (const auto& [p, code] : prepared) {
    const LeasedTask& t = by_code[code];
    EXPECT_EQ(t.state, p.first) << "the lease's snapshot shows the prepared state";
    items.push_back({t.service, t.id, t.fence, code, 1, p.second, "", "", "", "", "lifecycle_test",
                     "", "worker:assignment"});
  }
  auto r = store_->Complete(10000, items);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), prepared.size());
  for (size_t i = 0; i < prepared.size(); ++i) {
    ExpectResult(prepared[i].first, prepared[i].second, docs, (*r)[i], "complete");
  }
}

}  // namespace
}  // namespace duban::store
