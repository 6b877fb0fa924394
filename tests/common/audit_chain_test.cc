// The audit chain verifier (common/audit_chain.h): an intact trail passes; every way of editing
// the stored list by hand is found, at the right entry, with the right problem.
#include "common/audit_chain.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/protocol/codec.h"
#include "common/sha1.h"

namespace duban {
namespace {

constexpr char kCode[] = "S2026-00042";

struct Trail {
  std::vector<std::string> entries;
  AuditHead head;
};

protocol::AuditEntry Entry(int i, const std::string& prev) {
  protocol::AuditEntry e{1'767'225'600'000 + i, "worker:reminder", "reminded", "ASSIGNED",
                         "ASSIGNED", "note " + std::to_string(i), "", prev};
  return e;
}

// A trail of n entries chained as the scripts' audit() chains them.
Trail Chained(int n) {
  Trail t;
  std::string prev = AuditGenesis(kCode);
  for (int i = 0; i < n; ++i) {
    t.entries.push_back(protocol::EncodeBare(Entry(i, prev)));
    prev = Sha1Hex(t.entries.back());
  }
  t.head = {prev, std::to_string(n)};
  return t;
}

protocol::ChainResult Verify(const Trail& t) { return VerifyAuditChain(kCode, t.entries, t.head); }

void ExpectBad(const protocol::ChainResult& r, std::int64_t index, const char* problem) {
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_index, index) << r.detail;
  EXPECT_EQ(r.problem, problem) << r.detail;
  EXPECT_FALSE(r.detail.empty());
}

TEST(AuditChainTest, GenesisIsTheSha1OfTheCode) {
  EXPECT_EQ(AuditGenesis("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
}

TEST(AuditChainTest, IntactTrailPasses) {
  for (int n : {1, 2, 7}) {
    auto r = Verify(Chained(n));
    EXPECT_TRUE(r.ok) << n << ": " << r.detail;
    EXPECT_EQ(r.bad_index, -1);
    EXPECT_EQ(r.entries, n);
    EXPECT_EQ(r.problem, "");
  }
}

TEST(AuditChainTest, ChainIsBoundToItsCode) {
  Trail t = Chained(3);
  ExpectBad(VerifyAuditChain("S2026-00043", t.entries, t.head), 0, kEntryChanged);
}

TEST(AuditChainTest, ChangedMiddleEntryIsFoundAtItsIndex) {
  Trail t = Chained(5);
  auto e = protocol::DecodeBare<protocol::AuditEntry>(t.entries[2]);
  ASSERT_TRUE(e.ok());
  e->note = "rewritten";
  t.entries[2] = protocol::EncodeBare(*e);
  ExpectBad(Verify(t), 2, kEntryChanged);
}

TEST(AuditChainTest, ChangedFirstAndLastEntriesAreFound) {
  Trail first = Chained(4);
  first.entries[0] = protocol::EncodeBare(Entry(99, AuditGenesis(kCode)));
  ExpectBad(Verify(first), 0, kEntryChanged);

  Trail last = Chained(4);
  last.entries[3] = protocol::EncodeBare(Entry(99, Sha1Hex(last.entries[2])));
  ExpectBad(Verify(last), 3, kEntryChanged);
}

TEST(AuditChainTest, UnreadableEntryIsAChangedEntry) {
  Trail t = Chained(3);
  t.entries[1] = "not msgpack";
  ExpectBad(Verify(t), 1, kEntryChanged);
}

TEST(AuditChainTest, RemovedMiddleEntryIsMissingWhereItWas) {
  Trail t = Chained(5);
  t.entries.erase(t.entries.begin() + 2);
  auto r = Verify(t);
  ExpectBad(r, 2, kEntryMissing);
  EXPECT_EQ(r.entries, 4);
}

TEST(AuditChainTest, RemovedFirstEntryIsMissingAtZero) {
  Trail t = Chained(3);
  t.entries.erase(t.entries.begin());
  ExpectBad(Verify(t), 0, kEntryMissing);
}

TEST(AuditChainTest, RemovedLastEntriesAreFoundByTheHead) {
  Trail one = Chained(5);
  one.entries.pop_back();
  ExpectBad(Verify(one), 4, kEntryMissing);

  Trail all_but_two = Chained(5);
  all_but_two.entries.resize(2);
  ExpectBad(Verify(all_but_two), 2, kEntryMissing);

  Trail none = Chained(2);
  none.entries.clear();
  ExpectBad(Verify(none), 0, kEntryMissing);
}

TEST(AuditChainTest, ReorderedEntriesAreFound) {
  Trail middle = Chained(5);
  std::swap(middle.entries[1], middle.entries[2]);
  ExpectBad(Verify(middle), 1, kEntriesReordered);

  Trail front = Chained(3);
  std::swap(front.entries[0], front.entries[1]);
  ExpectBad(Verify(front), 0, kEntriesReordered);

  Trail back = Chained(4);  // the last two swapped
  std::swap(back.entries[2], back.entries[3]);
  ExpectBad(Verify(back), 2, kEntriesReordered);
}

TEST(AuditChainTest, EntryAddedByHandIsAHeadMismatch) {
  Trail t = Chained(3);
  t.entries.push_back(protocol::EncodeBare(Entry(3, Sha1Hex(t.entries.back()))));
  ExpectBad(Verify(t), 3, kHeadMismatch);
}

TEST(AuditChainTest, ChangedOrMissingHeadIsFound) {
  Trail changed = Chained(3);
  changed.head.ahash = Sha1Hex("something else");
  ExpectBad(Verify(changed), 2, kEntryChanged);

  Trail missing = Chained(3);
  missing.head = {};
  ExpectBad(Verify(missing), 2, kHeadMismatch);

  Trail garbled = Chained(3);
  garbled.head.alen = "three";
  ExpectBad(Verify(garbled), 0, kHeadMismatch);
}

TEST(AuditChainTest, EntriesWrittenBeforeTheChainAreUnchained) {
  Trail t;
  t.entries.push_back(protocol::EncodeBare(Entry(0, "")));
  ExpectBad(Verify(t), 0, kEntryUnchained);
}

TEST(AuditChainTest, SuggestionWithoutEntriesOrHeadPasses) {
  EXPECT_TRUE(Verify(Trail{}).ok);
}

}  // namespace
}  // namespace duban

namespace duban {
namespace {

TEST(AuditChainRecordTest, TheDigestIsOverLengthPrefixedFieldsInOrder) {
  std::vector<std::string> values = {"ASSIGNED", "2", "1000", "u", "", "jyj", "", "", "", "jkww"};
  EXPECT_EQ(RecordDigest(values),
            Sha1Hex("8:ASSIGNED,1:2,4:1000,1:u,0:,3:jyj,0:,0:,0:,4:jkww"));
  // A field added later counts only when set: a record without it keeps its older digest.
  values.back().clear();
  EXPECT_EQ(RecordDigest(values), Sha1Hex("8:ASSIGNED,1:2,4:1000,1:u,0:,3:jyj,0:,0:,0:"));
  // Lengths keep a value from passing for its neighbour's.
  std::vector<std::string> moved = values;
  moved[3] = "u,0:";
  moved[4] = "";
  EXPECT_NE(RecordDigest(moved), RecordDigest(values));
}

TEST(AuditChainRecordTest, TheLastEntrysDigestAndTheTextAndRecordHashesAreChecked) {
  AuditRecord record{{"ASSIGNED", "2", "1000", "u", "d", "jyj", "1000", Sha1Hex("rec"),
                      Sha1Hex("doc"), "jkww"},
                     "doc", "rec"};
  protocol::AuditEntry e{1000, "staff:wang", "assigned", "SUBMITTED", "ASSIGNED", "", "",
                         AuditGenesis(kCode)};
  e.rs = RecordDigest(record.values);
  std::vector<std::string> entries = {protocol::EncodeBare(e)};
  AuditHead head{Sha1Hex(entries[0]), "1"};
  EXPECT_TRUE(VerifyAuditChain(kCode, entries, head, &record).ok);

  AuditRecord later_state = record;
  later_state.values[0] = "CLOSED";
  ExpectBad(VerifyAuditChain(kCode, entries, head, &later_state), 0, kRecordChanged);
  AuditRecord other_text = record;
  other_text.doc = "another text";
  ExpectBad(VerifyAuditChain(kCode, entries, head, &other_text), 0, kRecordChanged);
  AuditRecord other_reply = record;
  other_reply.rec = "another reply";
  ExpectBad(VerifyAuditChain(kCode, entries, head, &other_reply), 0, kRecordChanged);
  // Entries written before record digests carry no rs: the record is not checked against them.
  e.rs.clear();
  entries = {protocol::EncodeBare(e)};
  head = {Sha1Hex(entries[0]), "1"};
  EXPECT_TRUE(VerifyAuditChain(kCode, entries, head, &later_state).ok);
}

}  // namespace
}  // namespace duban
