#include "workers/delivery/mail_message.h"

#include <chrono>
#include <cstdio>

namespace duban::workers::delivery {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Bytes of the UTF-8 sequence starting with `lead` (1 for a stray byte).
std::size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0 && lead < 0xF8) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

bool PlainAscii(std::string_view s) {
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b > 0x7E || c == '=' || c == '?' || c == '"') return false;
  }
  return true;
}

std::string RfcDate(Millis ms) {
  using namespace std::chrono;
  const sys_seconds t = floor<seconds>(sys_time<milliseconds>(milliseconds(ms)));
  const sys_days day = floor<days>(t);
  const year_month_day ymd(day);
  const hh_mm_ss<seconds> hms(t - day);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02lld:%02lld:%02lld +0000",
                kDays[weekday(day).c_encoding()], unsigned(ymd.day()),
                kMonths[unsigned(ymd.month()) - 1], int(ymd.year()),
                static_cast<long long>(hms.hours().count()),
                static_cast<long long>(hms.minutes().count()),
                static_cast<long long>(hms.seconds().count()));
  return buf;
}

}  // namespace

std::string Base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string EncodedWord(std::string_view utf8) {
  if (PlainAscii(utf8)) return std::string(utf8);
  // "=?UTF-8?B?" + base64 + "?=" in 75 characters: at most 63 base64 characters, 45 bytes.
  constexpr std::size_t kMaxBytes = 45;
  std::string out;
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::size_t end = i;
    while (end < utf8.size()) {
      const std::size_t n = SequenceLength(static_cast<unsigned char>(utf8[end]));
      if (end + n - i > kMaxBytes) break;
      end += n;
    }
    if (end == i) end = std::min(utf8.size(), i + 1);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(utf8.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string SubjectOf(std::string_view kind, std::string_view code, std::string_view text) {
  constexpr std::string_view kOpen = "【", kClose = "】";
  if (text.substr(0, kOpen.size()) == kOpen) {
    const std::size_t close = text.find(kClose);
    if (close != std::string_view::npos && close < 60) {
      std::string s(text.substr(0, close + kClose.size()));
      if (!code.empty()) s += std::string(code);
      return s;
    }
  }
  std::string s;
  std::size_t points = 0, i = 0;
  while (i < text.size() && points < 40) {
    const std::size_t n = SequenceLength(static_cast<unsigned char>(text[i]));
    const char c = text[i];
    if (c == '\r' || c == '\n') break;
    s.append(text.substr(i, n));
    i += n;
    ++points;
  }
  return s.empty() ? std::string(kind) : s;
}

std::string MailMessage(const MailFields& m) {
  std::string out;
  out += "From: " + m.from + "\r\n";
  out += "To: " + m.to + "\r\n";
  out += "Subject: " + EncodedWord(m.subject) + "\r\n";
  out += "Date: " + RfcDate(m.date_ms) + "\r\n";
  out += "Message-ID: <" + m.message_id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  const std::string body = Base64(m.text);
  for (std::size_t i = 0; i < body.size(); i += 76) out += body.substr(i, 76) + "\r\n";
  return out;
}

}  // namespace duban::workers::delivery
