// MailMessage: the RFC 5322 text of one notice sent by e-mail — the headers (From, To, Subject in
// RFC 2047 "B" encoding for the Chinese, Date, a Message-ID made of the notice's id so a mail
// server or reader can drop a repeat, MIME UTF-8) and the text, base64 in lines of 76. Nothing a
// notice holds can add a header: the subject is encoded and the body is base64.
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.h"

namespace duban::workers::delivery {

struct MailFields {
  std::string from;     // an address from config
  std::string to;       // the recipient's address from config
  std::string subject;  // UTF-8
  std::string text;     // UTF-8
  std::string message_id;  // without the angle brackets, e.g. "a1b2c3d4e5f6.S2026-00001@duban"
  Millis date_ms = 0;
};

// Standard base64 of `bytes` (RFC 4648), no line breaks.
std::string Base64(std::string_view bytes);

// "=?UTF-8?B?...?=" words of at most 75 characters each, split between whole code points,
// joined by "\r\n " (folded); plain printable ASCII without specials is kept as it is.
std::string EncodedWord(std::string_view utf8);

// The subject of a notice: its leading 【…】 tag and the suggestion's code when it starts so
// ("【督办提醒】S2026-00001"), else its first 40 code points.
std::string SubjectOf(std::string_view kind, std::string_view code, std::string_view text);

// The whole message, lines ended by CRLF.
std::string MailMessage(const MailFields& m);

}  // namespace duban::workers::delivery
