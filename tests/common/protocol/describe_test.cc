// Every message is described whole, and docs/protocol.md shows the tables its descriptions make:
// a member added to a struct without a line in its DUBAN_DESCRIBE block fails here, and so does a
// description changed without the docs regenerated (DUBAN_UPDATE_DOCS=1 rewrites the tables).
#include "common/protocol/describe.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "common/protocol/codec.h"
#include "common/protocol/field_table.h"

namespace duban::protocol {
namespace {

// Converts to any member type: T{AnyMember{}, ...} compiles for as many initializers as T
// (an aggregate) has members, and no more.
struct AnyMember {
  template <typename U>
  operator U() const;  // never defined: only used in unevaluated requires-expressions
};

template <typename T, typename... A>
constexpr std::size_t MemberCount(A... a) {
  if constexpr (requires { T{a..., AnyMember{}}; }) {
    return MemberCount<T>(a..., AnyMember{});
  } else {
    return sizeof...(A);
  }
}

template <typename T>
int DescribedCount() {
  FieldCounter c;
  T m{};
  Describe(c, m);
  return c.fields;
}

TEST(Describe, EveryMemberOfEveryMessageIsDescribed) {
#define DUBAN_CHECK_COUNT(T) \
  EXPECT_EQ(DescribedCount<T>(), static_cast<int>(MemberCount<T>())) << #T;
  DUBAN_MESSAGES(DUBAN_CHECK_COUNT)
#undef DUBAN_CHECK_COUNT
}

TEST(Describe, TheCountIsRight) {  // the counting trick itself, on known shapes
  EXPECT_EQ(MemberCount<Deputy>(), 3u);
  EXPECT_EQ(MemberCount<Suggestion>(), 10u);
  EXPECT_EQ(MemberCount<QueuesRequest>(), 0u);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Begin(std::string_view name) {
  return "<!-- BEGIN fields " + std::string(name) +
         ": generated from its description (common/protocol/) by "
         "tests/common/protocol/describe_test.cc (DUBAN_UPDATE_DOCS=1); do not edit -->\n";
}
std::string End(std::string_view name) { return "<!-- END fields " + std::string(name) + " -->\n"; }

TEST(Describe, TheDocsShowEveryMessageOnceAsDescribed) {
  const std::string path = std::string(DUBAN_SOURCE_DIR) + "/docs/protocol.md";
  std::string doc = ReadFile(path);
  ASSERT_FALSE(doc.empty()) << path;
  std::string stale;
  bool rewrote = false;
  for (std::string_view name : MessageNames()) {
    const std::string begin = Begin(name), end = End(name);
    const auto b = doc.find(begin);
    if (b == std::string::npos) {
      ADD_FAILURE() << "docs/protocol.md has no table of " << name << " (" << begin << ")";
      continue;
    }
    EXPECT_EQ(doc.find(begin, b + 1), std::string::npos) << name << " is shown twice";
    const auto e = doc.find(end, b);
    ASSERT_NE(e, std::string::npos) << "no end of " << name << "'s table";
    const std::string want = begin + FieldTable(name) + end;
    if (doc.compare(b, e + end.size() - b, want) != 0) {
      stale += " " + std::string(name);
      if (std::getenv("DUBAN_UPDATE_DOCS") != nullptr) {
        doc.replace(b, e + end.size() - b, want);
        rewrote = true;
      }
    }
  }
  if (rewrote) {
    std::ofstream(path, std::ios::binary) << doc;
    GTEST_SKIP() << "rewrote the tables of" << stale << " in " << path << "; run again";
  }
  EXPECT_TRUE(stale.empty()) << "docs/protocol.md's tables are stale:" << stale << "\nrun\n"
                             << "  DUBAN_UPDATE_DOCS=1 build/tests/common_protocol_tests --gtest_filter='Describe.*'\n";
}

TEST(Describe, ATableNamesEachFieldItsTypeAndWhetherItIsRequired) {
  const std::string t = FieldTable("Deputy");
  EXPECT_NE(t.find("| `id` | str | yes |"), std::string::npos) << t;
  EXPECT_NE(t.find("| `contact` | str | no |"), std::string::npos) << t;
  EXPECT_NE(t.find("(private)"), std::string::npos) << t;
  const std::string s = FieldTable("Suggestion");
  EXPECT_NE(s.find("| `draft` | map [`SuggestionDraft`](#message-SuggestionDraft) | yes |"),
            std::string::npos) << s;
  EXPECT_NE(s.find("| `units` | [map [`UnitAssignment`](#message-UnitAssignment)] | no |"),
            std::string::npos) << s;
  EXPECT_NE(s.find("| `assigned_ms` | int (ms) | no; left out when empty |"), std::string::npos)
      << s;
  // Fields the broker fills itself are not on the wire, so not in the table.
  EXPECT_EQ(FieldTable("Notice").find("webhook"), std::string::npos);
  EXPECT_NE(FieldTable("QueuesRequest").find("no fields"), std::string::npos);
  EXPECT_EQ(FieldTable("NoSuchMessage"), "");
}

}  // namespace
}  // namespace duban::protocol
