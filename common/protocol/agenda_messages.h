// API messages of the directors' meeting agenda (主任会议议程): meeting dates, agenda items, hot
// items and bundles (duban.meeting, duban.agenda, duban.hot, duban.bundle). Included by
// messages.h, with api_messages.h; the same rules: one struct per message with its description
// under it (describe.h).
//
// Thread rules: plain value types.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/protocol/describe.h"

namespace duban::protocol {

// ---- directors' meeting agenda (主任会议议程), hot items, bundles ----------------------------

// Meeting dates of the directors' meeting (主任会议), from config ([meetings] dates) and set by
// staff (duban.meeting). action: list | add | remove (remove: staff-set dates only).
struct MeetingRequest {
  std::string action = "list";
  std::string date;  // add, remove: YYYY-MM-DD
  std::string actor;
  bool force = false;  // add: a date that is not a working day
};
DUBAN_DESCRIBE(MeetingRequest) {
  v("action", m.action, kRequired,
    "`list`, `add` or `remove`");
  v("date", m.date, kOptional,
    "add, remove: YYYY-MM-DD");
  v("actor", m.actor, kOptional,
    "add and remove: who (staff), 1..200 bytes");
  v("force", m.force, kOptional,
    "add: accept a date that is not a working day of the calendar (a weekend, a holiday, a year the calendar lacks)");
}
struct MeetingDate {
  std::string date;
  std::string source;  // "config" | "staff"
};
DUBAN_DESCRIBE(MeetingDate) {
  v("date", m.date, kRequired,
    "the meeting's date, `YYYY-MM-DD`");
  v("source", m.source, kOptional,
    "\"config\" | \"staff\"");
}
struct MeetingReply {
  std::vector<MeetingDate> dates;  // ascending, each date once (config wins over staff)
  std::string next;                // the first date on or after today (domain clock); "" = none
};
DUBAN_DESCRIBE(MeetingReply) {
  v("dates", m.dates, kRequired,
    "ascending, each date once (config wins over staff)");
  v("next", m.next, kOptional,
    "the first date on or after today (domain clock); \"\" = none");
}

// The agenda (duban.agenda). action: show | lead (set the leading director, 领衔督办) | resolve.
struct AgendaRequest {
  std::string action = "show";
  std::string meeting;  // show: the meeting date to show (default: the next meeting)
  bool all = false;     // show: resolved items too
  std::string id;       // lead, resolve: the item (a suggestion code or a bundle id)
  std::string director; // lead: the director's name
  std::string note;     // resolve: why (required)
  std::string actor;    // lead, resolve: the staff member
};
DUBAN_DESCRIBE(AgendaRequest) {
  v("action", m.action, kRequired,
    "`show`, `lead` or `resolve`");
  v("meeting", m.meeting, kOptional,
    "show: the meeting date to show (default: the next meeting)");
  v("all", m.all, kOptional,
    "show: resolved items too");
  v("id", m.id, kOptional,
    "lead, resolve: the item (a suggestion code or a bundle id)");
  v("director", m.director, kOptional,
    "lead: the director's name");
  v("note", m.note, kOptional,
    "resolve: why (required)");
  v("actor", m.actor, kOptional,
    "lead, resolve: the staff member");
}
// Why an item is on the agenda; each placement adds one (once per key).
struct AgendaReason {
  std::string key;   // e.g. "reply_overdue:2026-05-10", "hot", "S2026-00002/hot"
  std::string text;  // for people, e.g. "逾期15日未答复"
  Millis at_ms = 0;
  std::string by;    // who placed it: "worker:escalation", "staff:wang"
};
DUBAN_DESCRIBE(AgendaReason) {
  v("key", m.key, kRequired,
    "e.g. \"reply_overdue:2026-05-10\", \"hot\", \"S2026-00002/hot\"");
  v("text", m.text, kOptional,
    "for people, e.g. \"逾期15日未答复\"");
  v("at_ms", m.at_ms, kOptional | kTime,
    "domain time the reason was added");
  v("by", m.by, kOptional,
    "who placed it: \"worker:escalation\", \"staff:wang\"");
}
// A suggestion on the agenda, or a member of a bundle.
struct AgendaMember {
  std::string code;
  std::string title;
  std::string state;
  std::string lead_unit;
};
DUBAN_DESCRIBE(AgendaMember) {
  v("code", m.code, kRequired,
    "a suggestion's tracking code");
  v("title", m.title, kOptional,
    "its title");
  v("state", m.state, kOptional,
    "its state");
  v("lead_unit", m.lead_unit, kOptional,
    "its lead unit");
}
struct AgendaItem {
  std::string id;    // a suggestion code, or a bundle id (B0001)
  std::string kind;  // "suggestion" | "bundle"
  std::string title; // the suggestion's title or the bundle's topic
  std::string lead_unit;
  std::string supervisor;  // bundles: the supervisor; "" for a suggestion
  std::vector<AgendaReason> reasons;
  Millis placed_ms = 0;
  std::string placed_by;
  std::string director;  // 领衔督办; "" = not set yet
  std::string state;     // OPEN | RESOLVED
  Millis resolved_ms = 0;
  std::string resolved_by;
  std::string note;  // the resolution note
  std::int64_t meetings = 0;  // meetings it has been on, up to and including the one shown
  std::vector<AgendaMember> members;  // bundles: every member; a suggestion: itself
};
DUBAN_DESCRIBE(AgendaItem) {
  v("id", m.id, kRequired,
    "a suggestion code, or a bundle id (B0001)");
  v("kind", m.kind, kRequired,
    "\"suggestion\" | \"bundle\"");
  v("title", m.title, kOptional,
    "the suggestion's title or the bundle's topic");
  v("lead_unit", m.lead_unit, kOptional,
    "the lead unit");
  v("supervisor", m.supervisor, kOptional,
    "bundles: the supervisor; \"\" for a suggestion");
  v("reasons", m.reasons, kOptional,
    "`AgendaReason`s: why it is on the agenda, one per reason key");
  v("placed_ms", m.placed_ms, kOptional | kTime,
    "domain time it was placed");
  v("placed_by", m.placed_by, kOptional,
    "who or what placed it (an actor)");
  v("director", m.director, kOptional,
    "领衔督办; \"\" = not set yet");
  v("state", m.state, kRequired,
    "OPEN | RESOLVED");
  v("resolved_ms", m.resolved_ms, kOptional | kTime,
    "domain time it was resolved; 0 while open");
  v("resolved_by", m.resolved_by, kOptional,
    "who resolved it");
  v("note", m.note, kOptional,
    "the resolution note");
  v("meetings", m.meetings, kOptional,
    "meetings it has been on, up to and including the one shown");
  v("members", m.members, kOptional,
    "bundles: every member; a suggestion: itself");
}
struct AgendaReply {
  std::string meeting;  // the meeting shown; "" when no meeting is scheduled
  std::vector<AgendaItem> items;
};
DUBAN_DESCRIBE(AgendaReply) {
  v("meeting", m.meeting, kOptional,
    "the meeting shown; \"\" when no meeting is scheduled");
  v("items", m.items, kRequired,
    "the `AgendaItem`s");
}

// Hot and difficult items (热点难点, duban.hot). action: list | mark | unmark.
struct HotRequest {
  std::string action = "list";
  std::string code;    // mark, unmark
  std::string reason;  // mark: why (required)
  std::string actor;   // mark, unmark
};
DUBAN_DESCRIBE(HotRequest) {
  v("action", m.action, kRequired,
    "`list`, `mark` or `unmark`");
  v("code", m.code, kOptional,
    "mark, unmark");
  v("reason", m.reason, kOptional,
    "mark: why (required)");
  v("actor", m.actor, kOptional,
    "mark, unmark");
}
struct HotMark {
  std::string code;
  std::string title;
  std::string reason;
  std::string actor;
  Millis at_ms = 0;
};
DUBAN_DESCRIBE(HotMark) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("title", m.title, kOptional,
    "its title");
  v("reason", m.reason, kOptional,
    "why staff marked it hot");
  v("actor", m.actor, kOptional,
    "who marked it");
  v("at_ms", m.at_ms, kOptional | kTime,
    "domain time it was marked");
}
// A suggestion a rule proposes as hot; staff decide by marking it.
struct HotProposal {
  std::string code;
  std::string title;
  std::vector<std::string> rules;  // e.g. "co_signers>=10 (12)", "same_topic>=5 (环保/垃圾分类: 6)"
};
DUBAN_DESCRIBE(HotProposal) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("title", m.title, kOptional,
    "its title");
  v("rules", m.rules, kRequired,
    "e.g. \"co_signers>=10 (12)\", \"same_topic>=5 (环保/垃圾分类: 6)\"");
}
struct HotReply {
  std::vector<HotMark> marked;
  std::vector<HotProposal> proposals;
  std::int64_t scanned = 0;  // suggestions the rules looked at (hot.scan_limit newest)
};
DUBAN_DESCRIBE(HotReply) {
  v("marked", m.marked, kRequired,
    "the `HotMark`s staff made");
  v("proposals", m.proposals, kRequired,
    "the `HotProposal`s the hot rules found");
  v("scanned", m.scanned, kOptional,
    "suggestions the rules looked at (hot.scan_limit newest)");
}

// Bundled supervision (打捆督办, duban.bundle). action: create | add | remove | show | list.
struct BundleRequest {
  std::string action = "list";
  std::string id;          // add, remove, show
  std::string topic;       // create
  std::string lead_unit;   // create
  std::string supervisor;  // create
  std::vector<std::string> codes;  // create, add, remove
  std::string actor;       // create, add, remove
  std::string committee;   // create: the committee whose supervision topic (监督议题) it is
};
DUBAN_DESCRIBE(BundleRequest) {
  v("action", m.action, kRequired,
    "`list`, `show`, `create`, `add` or `remove`");
  v("id", m.id, kOptional,
    "add, remove, show");
  v("topic", m.topic, kOptional,
    "create");
  v("lead_unit", m.lead_unit, kOptional,
    "create");
  v("supervisor", m.supervisor, kOptional,
    "create");
  v("codes", m.codes, kOptional,
    "create, add, remove");
  v("actor", m.actor, kOptional,
    "create, add, remove");
  v("committee", m.committee, kOptional,
    "create: a committee id of the units file, when the bundle is that committee's supervision topic (监督议题); `\"\"` none");
}
struct Bundle {
  std::string id;
  std::string topic;
  std::string lead_unit;
  std::string supervisor;
  Millis created_ms = 0;
  std::string created_by;
  std::vector<AgendaMember> members;
  std::string committee;  // the committee whose supervision topic it is, "" none
};
DUBAN_DESCRIBE(Bundle) {
  v("id", m.id, kRequired,
    "the bundle id");
  v("topic", m.topic, kOptional,
    "its topic");
  v("lead_unit", m.lead_unit, kOptional,
    "the unit that leads the bundle");
  v("supervisor", m.supervisor, kOptional,
    "who supervises it (督办人)");
  v("created_ms", m.created_ms, kOptional | kTime,
    "domain time it was created");
  v("created_by", m.created_by, kOptional,
    "who created it");
  v("members", m.members, kOptional,
    "the `AgendaMember`s: its suggestions");
  v("committee", m.committee, kOmitEmpty,
    "the committee whose supervision topic (监督议题) it is; absent when none");
}
struct BundleReply {
  std::vector<Bundle> bundles;
};
DUBAN_DESCRIBE(BundleReply) {
  v("bundles", m.bundles, kRequired,
    "the `Bundle`s");
}

}  // namespace duban::protocol
