#include "config/key_registry.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "common/calendar.h"

namespace duban::config {
namespace {

constexpr const char* kKeyA = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";
constexpr const char* kKeyB = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID";

class KeyRegistryTest : public ::testing::Test {
 protected:
  Result<KeyRegistry> LoadText(const std::string& text) {
    path_ = (std::filesystem::temp_directory_path() /
             ("duban-registry-" + std::to_string(::getpid()) + ".toml")).string();
    std::ofstream(path_) << text;
    auto r = KeyRegistry::Load(path_, 480);
    std::filesystem::remove(path_);
    return r;
  }
  std::string path_;
};

std::string Entry(const std::string& name, const std::string& key, const std::string& roles,
                  const std::string& extra = "") {
  return "[[key]]\nname = \"" + name + "\"\npublic = \"" + key + "\"\nroles = " + roles + "\n" +
         extra;
}

TEST_F(KeyRegistryTest, LoadsKeysAndResolvesTheirNamesToCallers) {
  auto reg = LoadText(Entry("wang", kKeyA, "[\"staff\"]") +
                      Entry("clerk", kKeyB, "[\"unit:jyj\", \"unit:czj\"]"));
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  EXPECT_EQ(reg->size(), 2u);
  ASSERT_NE(reg->FindKey(kKeyB), nullptr);
  EXPECT_EQ(reg->FindKey(kKeyB)->name, "clerk");
  EXPECT_EQ(reg->FindKey("nope"), nullptr);
  auto c = reg->Resolve("clerk", 0);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->Is(protocol::svc::kUnit, "czj"));
  EXPECT_FALSE(c->Has(protocol::svc::kStaff));
  EXPECT_EQ(reg->Resolve("gone", 0).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(KeyRegistryTest, AKeyExpiresAtTheEndOfItsLocalDay) {
  auto reg = LoadText(Entry("temp", kKeyA, "[\"staff\"]", "expires = \"2027-06-30\"\n"));
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  const Millis end = StartOfLocalDay(*ParseDate("2027-07-01"), 480);
  EXPECT_TRUE(reg->Resolve("temp", end - 1).ok());
  EXPECT_EQ(reg->Resolve("temp", end).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(KeyRegistryTest, RefusesAFileWithAnyBadEntryWhole) {
  const std::pair<std::string, std::string> bad[] = {
      {Entry("wang", kKeyA, "[\"staff\"]") + Entry("wang", kKeyB, "[\"staff\"]"), "named twice"},
      {Entry("a", kKeyA, "[\"staff\"]") + Entry("b", kKeyA, "[\"staff\"]"), "also the key of"},
      {Entry("a", "short", "[\"staff\"]"), "Z85"},
      {Entry("a", kKeyA, "[\"root\"]"), "unknown role"},
      {Entry("a", kKeyA, "[]"), "without roles"},
      {Entry("a b", kKeyA, "[\"staff\"]"), "name"},
      {Entry("a", kKeyA, "[\"staff\"]", "expires = \"soon\"\n"), "expires"},
      {Entry("a", kKeyA, "[\"staff\"]", "secret = \"x\"\n"), "secret"},
  };
  for (const auto& [text, why] : bad) {
    auto reg = LoadText(text);
    ASSERT_FALSE(reg.ok()) << text;
    EXPECT_EQ(reg.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(reg.status().message().find(why), std::string::npos) << reg.status().message();
  }
}

TEST_F(KeyRegistryTest, PrintsTheEntryItReads) {
  auto reg = LoadText(RegistryEntryText("k", kKeyA, {"unit:jyj", "monitor"}));
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  EXPECT_EQ(reg->FindName("k")->grants.size(), 2u);
}

}  // namespace
}  // namespace duban::config
