// CompletionFor: a worker's outcome and a handler's change become the scripts' arguments the same
// way. Bug (two copies of this glue had drifted apart): a role worker's outcome that listed a
// REASSIGNED unit task put that unit back into the lead and unit index; the API's copy did not.
#include "common/store/completion.h"

#include <gtest/gtest.h>

#include "common/protocol/codec.h"

namespace duban::store {
namespace {

using namespace duban::protocol;

TEST(CompletionFor, UnitsLeadAndTheUnitListLeaveReassignedUnitsOut) {
  Outcome o;
  o.expect_version = 7;
  o.to_state = "IN_HANDLING";
  o.units = {{"jyj", UnitRole::kLead, "REASSIGNED"},
             {"czj", UnitRole::kLead, "ISSUED"},
             {"ybj", UnitRole::kCo, "SIGNED"}};
  o.action = "reassigned";
  o.note = "why";
  Completion c = CompletionFor(o, "staff:wang");
  EXPECT_EQ(c.expect_version, 7);
  EXPECT_EQ(c.to_state, "IN_HANDLING");
  EXPECT_EQ(c.lead, "czj");
  EXPECT_EQ(c.unit_list, "czj,ybj");
  auto units = DecodeUnits(c.units);
  ASSERT_TRUE(units.ok());
  EXPECT_EQ(units->size(), 3u) << "the stored units keep the reassigned task";
  EXPECT_EQ(c.action, "reassigned");
  EXPECT_EQ(c.note, "why");
  EXPECT_EQ(c.actor, "staff:wang");
  EXPECT_EQ(c.deadline, "");
  EXPECT_EQ(c.effects, "") << "no timers, cancellations, notices or agenda";
}

TEST(CompletionFor, NoUnitsMeansUnitsUnchangedAndEffectsAreEncoded) {
  Outcome o;
  o.expect_version = kAnyVersion;
  o.action = "reminded";
  o.deadline = Deadline{"2026-06-30", "reply", 1'782'835'199'999};
  o.notices = {{"unit:jyj", "reminder", "请按时答复", "k1", ""}};
  o.cancel_timers = {"reply.remind.30d"};
  Completion c = CompletionFor(o, "worker:reminder");
  EXPECT_EQ(c.units, "") << "an empty list must not clear the stored units";
  EXPECT_EQ(c.lead, "");
  EXPECT_EQ(c.unit_list, "");
  auto d = DecodeBare<Deadline>(c.deadline);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->date, "2026-06-30");
  EXPECT_EQ(c.effects, EncodeOutcomeEffects(o));
  EXPECT_NE(c.effects, "");
}

}  // namespace
}  // namespace duban::store
