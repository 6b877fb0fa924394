// Limits: every bound on what a request may write into a stored value, in one place (the table in
// docs/protocol.md, "Limits", lists the same figures). Each text field has a byte limit, each
// stored list a count limit, chosen so that the largest suggestion the limits allow — draft, units,
// deadline and handling record together — plus one page of its timeline stays well under the
// codec's 1 MiB decode limit (kMaxMessageBytes): a suggestion can never grow unreadable (bug:
// repeated duban.contact calls with 60 000-byte notes grew `rec` past 1 MiB; from then on every
// read and action answered INTERNAL "corrupt" and its timers dead-lettered). The proof is
// tests/common/protocol/limits_test.cc, which builds a maximal suggestion and decodes it.
//
// How a bound is enforced:
//   - a text over its length, or not valid UTF-8: InvalidArgument naming the field, when the
//     request is decoded (codec ReadFields / ValidateDraft), before anything is read or written;
//   - a stored list already at its count (notes, reply rounds, commitments, units):
//     ResourceExhausted from CheckChangeBounds, which the broker calls on every change it decided
//     before the `update` script runs, so nothing is written;
//   - a role outcome over its bounds (note, timers, notices, payloads): CheckOutcomeBounds,
//     InvalidArgument, the task is dead-lettered and nothing is written.
// The audit list (timeline) is append-only and not bounded in count; each entry is bounded (its
// note), and it is read a page at a time (kTimelinePage*).
//
// Thread rules: constants and pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/protocol/messages.h"
#include "common/status.h"

namespace duban::protocol {

// ---- text fields, in bytes of UTF-8 (a CJK character is 3 bytes) -----------------------------
inline constexpr std::size_t kMaxShortBytes = 200;      // ids, names, actors, categories, keywords
inline constexpr std::size_t kMaxTitleBytes = 600;      // a draft's title, ~200 CJK characters
inline constexpr std::size_t kMaxContentBytes = 60000;  // a draft's content, ~20 000 CJK characters
inline constexpr std::size_t kMaxReplyTextBytes = 30000;  // a reply (答复), ~10 000 CJK characters
// Reasons of unit actions (return, extend, contact records, opinions, progress reports), notes of
// decisions and assignments, an evaluation's reasons, a hot mark's reason, notice texts.
inline constexpr std::size_t kMaxNoteBytes = 6000;
// A commitment's text and a close-out's or look-back's basis (copied into every commitment it
// closes, and into the record's close_basis).
inline constexpr std::size_t kMaxBasisBytes = 2000;
// The note of one audit entry: what a role's outcome may say (the broker's own notes quote at most
// one kMaxNoteBytes text after a short prefix).
inline constexpr std::size_t kMaxAuditNoteBytes = 8000;
// A timer's opaque payload (the roles put a round number or an id there).
inline constexpr std::size_t kMaxTimerPayloadBytes = 4096;

// ---- counts -------------------------------------------------------------------------------------
inline constexpr std::size_t kMaxListItems = 200;  // a draft's keywords, its co-signers
// Unit tasks of one suggestion, those REASSIGNED by an approved return included.
inline constexpr std::size_t kMaxUnitsPerSuggestion = 30;
// Reply rounds (答复) of one suggestion: the first reply and up to three re-handlings (重新办理).
inline constexpr std::size_t kMaxReplyRounds = 4;
inline constexpr std::size_t kMaxCommitmentsPerReply = 20;
inline constexpr std::size_t kMaxCommitmentsPerRecord = 40;  // over every round
// Unit notes (三见面 contact records and co-handlers' opinions) of one suggestion.
inline constexpr std::size_t kMaxUnitNotes = 20;
// What one role outcome may carry.
inline constexpr std::size_t kMaxOutcomeTimers = 64;
inline constexpr std::size_t kMaxOutcomeCancels = 256;
inline constexpr std::size_t kMaxOutcomeNotices = 64;
inline constexpr std::size_t kMaxOutcomeAgenda = 16;

// ---- sizes of whole values ----------------------------------------------------------------------
// The encoded handling record (`rec`) never exceeds this; the limits above keep the worst case
// under it, and CheckChangeBounds refuses a change that would pass it all the same.
inline constexpr std::size_t kMaxRecordBytes = 512 * 1024;

// ---- the timeline, read a page at a time (duban.get) ------------------------------------------
// kTimelinePageDefault (entries when the request names none) is in messages.h, beside GetRequest.
inline constexpr std::int64_t kTimelinePageMax = 1000;  // entries a request may ask for
// A page also stops before its entries pass this many stored bytes (it always holds at least one
// entry), so draft + record + a page fit in one message whatever the entries hold.
inline constexpr std::size_t kTimelinePageBytes = 192 * 1024;

// InvalidArgument "<field> is empty" (when required), "<field> is longer than N bytes" or
// "<field> is not valid UTF-8"; OK otherwise.
Status CheckText(std::string_view field, std::string_view value, std::size_t max_bytes,
                 bool required = false);

// ResourceExhausted when a change the broker decided would grow a stored list past its limit
// (`after` holds more than the limit and more than `before`, so a record stored before the limits
// existed can still be acted on without growing), or the encoded record past kMaxRecordBytes.
Status CheckChangeBounds(const std::vector<UnitAssignment>& units_before,
                         const std::vector<UnitAssignment>& units_after,
                         const HandlingRecord& record_before, const HandlingRecord* record_after);

// InvalidArgument when a role's outcome carries more than its bounds allow (note, timers and
// their payloads, cancellations, notices, agenda effects, units).
Status CheckOutcomeBounds(const Outcome& o);

}  // namespace duban::protocol
