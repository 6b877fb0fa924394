// Describe: how each message of messages.h and the *_messages.h it includes is described, once.
// Under every struct stands its description, a DUBAN_DESCRIBE block that names each member's
// wire name, how it is read and written (FieldFlag) and what it means for people:
//
//   DUBAN_DESCRIBE(Deputy) {
//     v("id", m.id, kRequired, "1..200 bytes; the audit actor is `deputy:<id>`");
//     v("contact", m.contact, kOptional | kPrivate, "≤ 200 bytes; private");
//   }
//
// From that one description come the strict msgpack reader and writer (codec.h,
// described_codec.h), the JSON views of dubanctl and the dashboard (json_view.h) and the field
// tables of docs/protocol.md (field_table.h; a test fails when the document is stale). Checks
// beyond a field's type (lengths, ranges, which fields an action needs) are the message's
// Validate (validate.h), run by the reader.
//
// Thread rules: compile-time descriptions; nothing here holds state.
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>

namespace duban::protocol {

// How one field is read, written and shown. kRequired is the absence of every other flag.
enum FieldFlag : unsigned {
  kRequired = 0,
  // May be absent when read (the member keeps its default); always written.
  kOptional = 1u << 0,
  // Optional, and written only when it holds something (a non-empty text or list, a non-zero
  // number, a present std::optional): stored values stay small.
  kOmitEmpty = kOptional | 1u << 1,
  // A text of arbitrary bytes: read from msgpack bin or str.
  kAnyBytes = 1u << 2,
  // ... and written as bin (for payloads that need not be UTF-8).
  kBin = kAnyBytes | 1u << 3,
  // An instant in ms since the epoch: the JSON views add its local ISO 8601 text beside it.
  kTime = 1u << 4,
  // Private to the people who handle the suggestion: the dashboard's JSON drops it.
  kPrivate = 1u << 5,
  // Filled by the broker itself, never on the wire: neither written nor accepted.
  kNotOnWire = 1u << 6,
};
constexpr unsigned operator|(FieldFlag a, FieldFlag b) {
  return static_cast<unsigned>(a) | static_cast<unsigned>(b);
}
constexpr unsigned operator|(unsigned a, FieldFlag b) { return a | static_cast<unsigned>(b); }

// Declares the description of T: a function template that calls v(wire_name, member, flags,
// doc) for each member in wire order, for a visitor v, on a T or a const T.
#define DUBAN_DESCRIBE(T)                                              \
  template <typename DubanVisitor, typename DubanMessage>             \
    requires std::is_same_v<std::remove_const_t<DubanMessage>, T>     \
  constexpr void Describe(DubanVisitor& v, DubanMessage& m)

// The simplest visitor: counts the fields of a description (and tells whether T has one).
struct FieldCounter {
  int fields = 0;
  template <typename X>
  constexpr void operator()(std::string_view, X&, unsigned = kRequired, std::string_view = {}) {
    ++fields;
  }
};

// True for a type with a description.
template <typename T>
concept Described = requires(FieldCounter& c, T& m) { Describe(c, m); };

// Enumerations on the wire are their names: a message header declares, beside the enum E,
//   std::string_view WireName(E);  Status ParseWire(std::string_view, E*);
template <typename E>
concept WireEnum = std::is_enum_v<E> && requires(E e, std::string_view s) {
  WireName(e);
  ParseWire(s, &e);
};

}  // namespace duban::protocol
