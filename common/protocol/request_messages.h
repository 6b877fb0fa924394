// API messages of the requests from the people through deputies (社情民意; duban.request,
// docs/domain.md#requests-from-the-people): a person's request comes to a deputy by the deputy's
// code (一人一码) or to a liaison station by its code (一家一码); the deputies it reaches
// acknowledge it within a number of working days (reminded), answer it, or turn it — with others —
// into a suggestion, linked both ways; the person follows it by its own code with nothing private
// shown; the counts per deputy and station feed the deputies' yearly report (述职).
// Same rules as messages.h: one struct per message with its description under it (describe.h).
//
// Thread rules: plain value types.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/protocol/describe.h"

namespace duban::protocol {

inline constexpr std::size_t kMaxRequestsConverted = 20;  // requests one suggestion may gather

// One step of a request's life, as its history keeps it.
struct RequestEvent {
  Millis at_ms = 0;
  std::string actor;
  std::string action;
  std::string note;
};
DUBAN_DESCRIBE(RequestEvent) {
  v("at_ms", m.at_ms, kTime,
    "domain time");
  v("actor", m.actor, kRequired,
    "`public`, `deputy:<id>/<actor>`, `staff:<actor>`, `system`");
  v("action", m.action, kRequired,
    "`received`, `ack_reminded`, `ack_overdue`, `acknowledged`, `answered`, `converted`");
  v("note", m.note, kOptional,
    "for people");
}

// A request from the people (社情民意).
struct PeopleRequest {
  std::string code;     // R2026-00001-7KQ3XM (its own code, 一事一码; the suffix is random)
  std::string to;       // deputy:<id> | station:<id>
  std::string text;
  std::string contact;  // private: the person's name and how to reach them
  std::string state;    // RECEIVED | ACKNOWLEDGED | ANSWERED | CONVERTED
  Millis received_ms = 0;
  std::string ack_due;  // YYYY-MM-DD: acknowledged by the end of this day
  Millis acknowledged_ms = 0;
  std::string acknowledged_by;
  std::string answer;   // ANSWERED: the deputy's answer to the person
  Millis answered_ms = 0;
  std::string answered_by;
  std::string suggestion;  // CONVERTED: the suggestion it fed
  std::vector<RequestEvent> history;  // show: oldest first
};
DUBAN_DESCRIBE(PeopleRequest) {
  v("code", m.code, kOptional,
    "`R2026-00001-7KQ3XM`: its own code, which the person keeps; the random suffix keeps one code from being guessed from another (absent in the stored record: it is the key)");
  v("to", m.to, kRequired,
    "`deputy:<id>` (一人一码: a deputy of a liaison station) or `station:<id>` (一家一码)");
  v("text", m.text, kRequired,
    "1..6 000 bytes, UTF-8: what the person asks");
  v("contact", m.contact, kOptional | kPrivate,
    "≤ 200 bytes: the person's name and how to reach them; private (never in `status`)");
  v("state", m.state, kOptional,
    "`RECEIVED`, `ACKNOWLEDGED`, `ANSWERED` or `CONVERTED`");
  v("received_ms", m.received_ms, kOptional | kTime,
    "when it arrived, domain time");
  v("ack_due", m.ack_due, kOptional,
    "`YYYY-MM-DD`: to be acknowledged by the end of this day (`jurisdiction.request_ack_working_days` working days)");
  v("acknowledged_ms", m.acknowledged_ms, kOmitEmpty | kTime,
    "when a deputy acknowledged it");
  v("acknowledged_by", m.acknowledged_by, kOmitEmpty,
    "who acknowledged it");
  v("answer", m.answer, kOmitEmpty,
    "`ANSWERED`: the deputy's answer to the person");
  v("answered_ms", m.answered_ms, kOmitEmpty | kTime,
    "when it was answered");
  v("answered_by", m.answered_by, kOmitEmpty,
    "who answered it");
  v("suggestion", m.suggestion, kOmitEmpty,
    "`CONVERTED`: the suggestion it fed (whose `draft.requests` names it back)");
  v("history", m.history, kOmitEmpty,
    "`show`: its `RequestEvent`s, oldest first");
}

// A request as the person who holds its code may see it: nothing private.
struct PublicRequest {
  std::string code;
  std::string state;
  std::string state_label;  // 已收到, 已签收, 已答复, 已转为建议
  std::string to_label;     // the deputy's id or the station's name
  std::string received;     // YYYY-MM-DD
  std::string acknowledged; // YYYY-MM-DD or ""
  std::string answered;     // YYYY-MM-DD or ""
  std::string suggestion;   // the suggestion's code: its own public progress is duban.status
};
DUBAN_DESCRIBE(PublicRequest) {
  v("code", m.code, kRequired,
    "the request's code");
  v("state", m.state, kRequired,
    "as `PeopleRequest.state`");
  v("state_label", m.state_label, kRequired,
    "`已收到`, `已签收`, `已答复`, `已转为代表建议`");
  v("to_label", m.to_label, kRequired,
    "`代表 <id>` or the station's name");
  v("received", m.received, kRequired,
    "`YYYY-MM-DD`");
  v("acknowledged", m.acknowledged, kOptional,
    "`YYYY-MM-DD`, `\"\"` before");
  v("answered", m.answered, kOptional,
    "`YYYY-MM-DD`, `\"\"` before");
  v("suggestion", m.suggestion, kOptional,
    "the suggestion it fed (its public progress: `duban.status`)");
}

// Per deputy or station (`to`): what came and what was done (述职).
struct RequestCount {
  std::string to;
  std::int64_t received = 0;
  std::int64_t acknowledged = 0;  // acknowledged, answered or converted
  std::int64_t on_time = 0;       // of those, acknowledged by the end of ack_due
  std::int64_t answered = 0;
  std::int64_t converted = 0;
  std::int64_t open = 0;          // still RECEIVED
};
DUBAN_DESCRIBE(RequestCount) {
  v("to", m.to, kRequired,
    "`deputy:<id>` or `station:<id>`");
  v("received", m.received, kRequired,
    "requests that came to it in the period");
  v("acknowledged", m.acknowledged, kRequired,
    "of those, acknowledged (then answered or converted, or not yet)");
  v("on_time", m.on_time, kRequired,
    "of the acknowledged, by the end of their `ack_due`");
  v("answered", m.answered, kRequired,
    "answered");
  v("converted", m.converted, kRequired,
    "turned into a suggestion");
  v("open", m.open, kRequired,
    "not acknowledged yet");
}

// duban.request: action submit | status | show | list | ack | answer | convert | counts.
struct RequestRequest {
  std::string action = "list";
  std::string request_id;       // submit, convert: a retry returns the same request / suggestion
  std::string to;               // submit: deputy:<id> | station:<id>; list, counts: one of them
  std::string text;             // submit: the request; answer: the answer
  std::string contact;          // submit
  std::string code;             // status, show, ack, answer
  std::vector<std::string> codes;  // convert: the requests it gathers
  std::string title;            // convert: the suggestion's title
  std::string category;         // convert
  std::string content;          // convert: "" = the requests' texts
  std::string deputy;           // the deputy acting (ack, answer, convert; list and counts: theirs)
  std::string deputy_name;      // convert: the lead deputy's name on the suggestion
  std::string from, until;      // counts: dates of arrival, YYYY-MM-DD, both optional
  std::string actor;
};
DUBAN_DESCRIBE(RequestRequest) {
  v("action", m.action, kOptional,
    "`list` (default), `submit` (public), `status` (public), `show`, `ack`, `answer`, `convert`, `counts`");
  v("request_id", m.request_id, kOptional,
    "`submit`, `convert`: required there, ≤ 64 bytes; a retry with it returns what the first made (`submit`: the same request id for another request is `FAILED_PRECONDITION`)");
  v("to", m.to, kOptional,
    "`submit`: `deputy:<id>` (一人一码) or `station:<id>` (一家一码); `list`, `counts`: only that one");
  v("text", m.text, kOptional,
    "`submit`: the request, 1..6 000 bytes; `answer`: the answer, 1..6 000 bytes");
  v("contact", m.contact, kOptional,
    "`submit`: ≤ 200 bytes, the person's name and how to reach them (private)");
  v("code", m.code, kOptional,
    "`status`, `show`, `ack`, `answer`: the request's code");
  v("codes", m.codes, kOptional,
    "`convert`: 1..20 requests the suggestion gathers, each RECEIVED or ACKNOWLEDGED and reaching the deputy");
  v("title", m.title, kOptional,
    "`convert`: the suggestion's title, 1..600 bytes");
  v("category", m.category, kOptional,
    "`convert`: its category (routing tries it first)");
  v("content", m.content, kOptional,
    "`convert`: its text; `\"\"` = the requests' texts, each after its code");
  v("deputy", m.deputy, kOptional,
    "`ack`, `answer`, `convert`: the deputy acting (a deputy key: itself); `list`, `counts`: a deputy's own (and their stations')");
  v("deputy_name", m.deputy_name, kOptional,
    "`convert`: the lead deputy's name on the suggestion");
  v("from", m.from, kOptional,
    "`counts`, `list`: first arrival date included, `YYYY-MM-DD`");
  v("until", m.until, kOptional,
    "`counts`, `list`: last arrival date included, `YYYY-MM-DD`");
  v("actor", m.actor, kOptional,
    "≤ 200 bytes; recorded in the history (with a key, the key's name)");
}
struct RequestReply {
  std::vector<PeopleRequest> requests;  // submit, show, ack, answer: the one; list: newest first
  PublicRequest status;                 // status
  std::string result;                   // submit, convert: new | known
  std::string suggestion;               // convert: the suggestion's code
  std::vector<RequestCount> counts;     // counts: per deputy and station, by `to`
};
DUBAN_DESCRIBE(RequestReply) {
  v("requests", m.requests, kOptional,
    "`submit`, `show`, `ack`, `answer`, `convert`: the request(s) concerned; `list`: at most 1 000, newest first (without history)");
  v("status", m.status, kOptional,
    "`status`: the `PublicRequest`");
  v("result", m.result, kOptional,
    "`submit`, `convert`: `new`, or `known` (the request id was seen: what it made)");
  v("suggestion", m.suggestion, kOptional,
    "`convert`: the suggestion's code");
  v("counts", m.counts, kOptional,
    "`counts`: a `RequestCount` per deputy and station with requests, by `to`");
}

}  // namespace duban::protocol
