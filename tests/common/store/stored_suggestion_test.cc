// DecodeSuggestion: the one decoder of a suggestion's stored fields (a leased task's snapshot,
// duban.get, a report page). A corrupt field is an error, never a different suggestion.
#include "common/store/stored_suggestion.h"

#include <gtest/gtest.h>

#include "common/protocol/codec.h"

namespace duban::store {
namespace {

using namespace duban::protocol;

SuggestionFields Fields() {
  SuggestionDraft d;
  d.title = "关于学位的建议";
  d.content = "内容";
  d.deputy = {"D1", "王丽华", ""};
  d.session = "2026";
  SuggestionFields f;
  f.doc = EncodeBare(d);
  f.state = "ASSIGNED";
  f.version = "3";
  f.submitted = "1767225600000";
  f.units = EncodeUnits({{"jyj", UnitRole::kLead, "ISSUED"}});
  f.assigned = "1767225700000";
  return f;
}

TEST(DecodeSuggestion, TheStoredFieldsMakeTheMessage) {
  auto s = DecodeSuggestion("S2026-00001", Fields());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->code, "S2026-00001");
  EXPECT_EQ(s->draft.title, "关于学位的建议");
  EXPECT_EQ(s->state, SuggestionState::kAssigned);
  EXPECT_EQ(s->version, 3);
  EXPECT_EQ(s->submitted_ms, 1'767'225'600'000);
  EXPECT_EQ(s->assigned_ms, 1'767'225'700'000);
  ASSERT_EQ(s->units.size(), 1u);
  EXPECT_EQ(s->units[0].unit, "jyj");
  EXPECT_FALSE(s->deadline) << "no deadline before one is stored";
  EXPECT_TRUE(s->record.rounds.empty());
}

TEST(DecodeSuggestion, ACorruptFieldIsAnError) {
  SuggestionFields f = Fields();
  f.units = "not msgpack";
  EXPECT_FALSE(DecodeSuggestion("S2026-00001", f).ok());
  f = Fields();
  f.state = "NO_SUCH_STATE";
  EXPECT_FALSE(DecodeSuggestion("S2026-00001", f).ok());
  f = Fields();
  f.deadline = "\x81";  // a map header with nothing after it
  EXPECT_FALSE(DecodeSuggestion("S2026-00001", f).ok());
  f = Fields();
  f.record = EncodeBare(Deadline{"2026-06-30", "r", 1});  // another message's fields
  EXPECT_FALSE(DecodeSuggestion("S2026-00001", f).ok());
}

}  // namespace
}  // namespace duban::store
