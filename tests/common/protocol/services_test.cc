// The table of services (common/protocol/services.h) is well formed, and docs/protocol.md's list
// of services is the one generated from it: a service added to the table, renamed, or given other
// callers fails here until the docs are regenerated (DUBAN_UPDATE_DOCS=1 rewrites the block).
#include "common/protocol/services.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "common/protocol/mdp.h"

namespace duban::protocol::svc {
namespace {

constexpr char kBegin[] =
    "<!-- BEGIN services: generated from common/protocol/services.h by "
    "tests/common/protocol/services_test.cc (DUBAN_UPDATE_DOCS=1); do not edit -->\n";
constexpr char kEnd[] = "<!-- END services -->\n";

std::string Callers(Roles roles) {
  std::string out;
  for (Role r : kAllRoles) {
    if ((roles & r) == 0) continue;
    if (!out.empty()) out += ", ";
    out += RoleName(r);
  }
  return out;
}

// The docs' list of services, as the table says it.
std::string GeneratedBlock() {
  std::ostringstream out;
  out << kBegin;
  out << "| service | request → reply | callers | runs | what |\n";
  out << "| --- | --- | --- | --- | --- |\n";
  for (const ServiceInfo& s : kServices) {
    out << "| `" << s.name << "` | `" << s.request << "` → `" << s.reply << "` | "
        << Callers(s.callers) << " | " << (s.runs == Runs::kLoop ? "loop" : "off the loop")
        << " | " << s.summary << " |\n";
  }
  out << kEnd;
  return out.str();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ServiceTable, NamesAreUniqueValidAndTheBrokers) {
  std::set<std::string_view> seen;
  for (const ServiceInfo& s : kServices) {
    EXPECT_TRUE(seen.insert(s.name).second) << s.name << " twice";
    EXPECT_TRUE(IsValidServiceName(std::string(s.name))) << s.name;
    EXPECT_EQ(s.name.substr(0, kOwnPrefix.size()), kOwnPrefix) << s.name;
    EXPECT_NE(s.callers, 0u) << s.name << " names no caller";
    EXPECT_FALSE(s.summary.empty()) << s.name;
  }
  EXPECT_EQ(seen.size(), std::size(kServices));
}

TEST(ServiceTable, FindsByNameAndOnlyByName) {
  ASSERT_NE(FindService("duban.get"), nullptr);
  EXPECT_EQ(FindService("duban.get")->request, "GetRequest");
  EXPECT_EQ(FindService(Get::kName), FindService("duban.get"));
  EXPECT_EQ(FindService("duban.nope"), nullptr);
  EXPECT_EQ(FindService("duban."), nullptr);
  EXPECT_EQ(FindService(""), nullptr);
}

TEST(ServiceTable, TypesMatchTheirRuntimeEntry) {
  static_assert(std::is_same_v<Get::Request, GetRequest>);
  static_assert(std::is_same_v<UnitReply::Reply, HandlingReply>);
  EXPECT_EQ(FindService(StatusByCode::kName)->callers, kPublic);
  EXPECT_EQ(FindService(Report::kName)->runs, Runs::kOffLoop);
}

TEST(ServiceTable, TheDocsListIsGeneratedFromIt) {
  const std::string path = std::string(DUBAN_SOURCE_DIR) + "/docs/protocol.md";
  std::string doc = ReadFile(path);
  ASSERT_FALSE(doc.empty()) << path;
  const auto begin = doc.find(kBegin);
  const auto end = doc.find(kEnd);
  ASSERT_NE(begin, std::string::npos) << "no generated services block in " << path;
  ASSERT_NE(end, std::string::npos) << path;
  const std::string found = doc.substr(begin, end + std::string(kEnd).size() - begin);
  const std::string want = GeneratedBlock();
  if (found != want && std::getenv("DUBAN_UPDATE_DOCS") != nullptr) {
    doc.replace(begin, found.size(), want);
    std::ofstream(path, std::ios::binary) << doc;
    GTEST_SKIP() << "rewrote the services block of " << path << "; run again";
  }
  EXPECT_EQ(found, want) << "docs/protocol.md's list of services is stale: run\n"
                         << "  DUBAN_UPDATE_DOCS=1 build/tests/common_protocol_tests --gtest_filter='ServiceTable.*'\n";
}

}  // namespace
}  // namespace duban::protocol::svc
