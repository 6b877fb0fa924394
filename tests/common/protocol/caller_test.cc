#include "common/protocol/caller.h"

#include <gtest/gtest.h>

namespace duban::protocol {
namespace {

TEST(CallerTest, ParsesEveryRoleAndRefusesWhatIsNotOne) {
  EXPECT_EQ(*ParseGrant("staff"), (Grant{svc::kStaff, ""}));
  EXPECT_EQ(*ParseGrant("unit:jyj"), (Grant{svc::kUnit, "jyj"}));
  EXPECT_EQ(*ParseGrant("deputy:D2026001"), (Grant{svc::kDeputy, "D2026001"}));
  EXPECT_EQ(*ParseGrant("director:王主任"), (Grant{svc::kDirector, "王主任"}));
  EXPECT_EQ(*ParseGrant("worker:reminder"), (Grant{svc::kWorker, "reminder"}));
  EXPECT_EQ(*ParseGrant("delegate"), (Grant{svc::kDelegate, ""}));
  for (const char* bad : {"unit", "unit:", "staff:wang", "public", "root", "unit:a b", "unit:a/b",
                          "unit:{x}", "deputy:\x01", ""}) {
    auto g = ParseGrant(bad);
    EXPECT_FALSE(g.ok()) << bad;
    if (!g.ok()) {
      EXPECT_EQ(g.status().code(), StatusCode::kInvalidArgument);
    }
  }
  EXPECT_FALSE(ParseGrant("unit:" + std::string(65, 'a')).ok());
  EXPECT_EQ(GrantText(Grant{svc::kUnit, "jyj"}), "unit:jyj");
}

TEST(CallerTest, AKeyHoldsExactlyItsGrantsAndWhatAnyoneMayDo) {
  Caller c{Caller::Kind::kKey, "clerk", {{svc::kUnit, "jyj"}, {svc::kUnit, "czj"}}};
  EXPECT_TRUE(c.Has(svc::kUnit));
  EXPECT_TRUE(c.Has(svc::kPublic));
  EXPECT_FALSE(c.Has(svc::kStaff));
  EXPECT_TRUE(c.Is(svc::kUnit, "jyj"));
  EXPECT_TRUE(c.Is(svc::kUnit, "czj"));
  EXPECT_FALSE(c.Is(svc::kUnit, "mzj"));
  EXPECT_FALSE(c.Is(svc::kDeputy, "jyj"));
  EXPECT_EQ(c.Scopes(svc::kUnit), (std::vector<std::string>{"jyj", "czj"}));
  EXPECT_EQ(c.Describe(), "key 'clerk' (unit:jyj, unit:czj)");
}

TEST(CallerTest, TheLocalOperatorMayDoAllAndThePublicOnlyItsOwn) {
  Caller local = Caller::Local();
  for (svc::Role r : svc::kAllRoles) EXPECT_TRUE(local.Has(r)) << svc::RoleName(r);
  EXPECT_TRUE(local.Is(svc::kUnit, "anything"));
  Caller pub = Caller::Public();
  EXPECT_EQ(pub.roles(), svc::Roles{svc::kPublic});
  EXPECT_FALSE(pub.Is(svc::kUnit, "jyj"));
}

}  // namespace
}  // namespace duban::protocol
