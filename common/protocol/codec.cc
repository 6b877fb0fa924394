#include "common/protocol/codec.h"

#include "common/protocol/described_codec.h"

#include <array>

namespace duban::protocol {

using namespace codec_internal;
namespace {

constexpr std::array<std::string_view, 13> kStateNames = {
    "SUBMITTED", "IN_REVIEW", "WITHDRAWN", "MERGED",    "RETURNED_FOR_REWORK", "ACCEPTED",
    "ASSIGNED",  "IN_HANDLING", "REPLIED", "EVALUATED", "CLOSED",              "REHANDLING",
    "FOLLOW_UP",
};

}  // namespace

std::string_view StateName(SuggestionState s) { return kStateNames[static_cast<size_t>(s)]; }

Result<SuggestionState> ParseState(std::string_view name) {
  for (size_t i = 0; i < kStateNames.size(); ++i) {
    if (kStateNames[i] == name) return static_cast<SuggestionState>(i);
  }
  return InvalidArgument("unknown suggestion state '" + std::string(name) + "'");
}

std::string_view RoleName(UnitRole r) { return r == UnitRole::kLead ? "lead" : "co"; }

Result<UnitRole> ParseRole(std::string_view name) {
  if (name == "lead") return UnitRole::kLead;
  if (name == "co") return UnitRole::kCo;
  return InvalidArgument("unknown unit role '" + std::string(name) + "' (lead|co)");
}

Status ParseWire(std::string_view name, SuggestionState* out) {
  DUBAN_ASSIGN_OR_RETURN(*out, ParseState(name));
  return Status::Ok();
}

Status ParseWire(std::string_view name, UnitRole* out) {
  DUBAN_ASSIGN_OR_RETURN(*out, ParseRole(name));
  return Status::Ok();
}

Status ValidateDraft(const SuggestionDraft& d) {
  // Every text is checked for its length and for UTF-8: the title and texts end up in JSON
  // (webhooks, dubanctl --json, the dashboard), whose encoders refuse other bytes.
  DUBAN_RETURN_IF_ERROR(CheckText("title", d.title, kMaxTitleBytes, true));
  DUBAN_RETURN_IF_ERROR(CheckText("content", d.content, kMaxContentBytes, true));
  DUBAN_RETURN_IF_ERROR(CheckText("category", d.category, kMaxShortBytes));
  DUBAN_RETURN_IF_ERROR(CheckText("deputy.id", d.deputy.id, kMaxShortBytes, true));
  DUBAN_RETURN_IF_ERROR(CheckText("deputy.name", d.deputy.name, kMaxShortBytes, true));
  DUBAN_RETURN_IF_ERROR(CheckText("deputy.contact", d.deputy.contact, kMaxShortBytes));
  if (d.session.size() != 4 || d.session.find_first_not_of("0123456789") != std::string::npos) {
    // The session becomes part of the tracking code and of Redis keys: digits only.
    return InvalidArgument("session must be a 4-digit year, e.g. \"2026\"");
  }
  if (d.keywords.size() > kMaxListItems) return InvalidArgument("too many keywords");
  if (d.co_signers.size() > kMaxListItems) return InvalidArgument("too many co_signers");
  if (d.requests.size() > kMaxRequestsConverted) return InvalidArgument("too many requests");
  for (const auto& r : d.requests) DUBAN_RETURN_IF_ERROR(CheckText("request", r, kMaxShortBytes, true));
  for (const auto& k : d.keywords)
    DUBAN_RETURN_IF_ERROR(CheckText("keyword", k, kMaxShortBytes, true));
  for (const auto& k : d.co_signers) {
    DUBAN_RETURN_IF_ERROR(CheckText("co_signer", k, kMaxShortBytes, true));
  }
  return Status::Ok();
}

Status CheckVersion(MapReader& r) {
  std::int64_t v = 0;
  Status s = r.Int("v", &v);
  if (!s.ok()) return ProtocolError("missing or malformed protocol version field 'v'");
  if (v != kProtocolVersion) {
    return ProtocolError("unsupported protocol version " + std::to_string(v) + " (this peer speaks " +
                         std::to_string(kProtocolVersion) + ")");
  }
  return Status::Ok();
}

std::string EncodeError(const Status& s) {
  MapWriter w;
  w.Int("v", kProtocolVersion)
      .Bool("ok", false)
      .Str("code", StatusCodeName(s.code()))
      .Str("message", s.message())
      .Str("message_zh", s.ZhMessage());
  return w.Take();
}

Status ReadReplyHeader(MapReader& r) {
  DUBAN_RETURN_IF_ERROR(CheckVersion(r));
  bool ok = false;
  DUBAN_RETURN_IF_ERROR(r.Bool("ok", &ok));
  if (ok) return Status::Ok();
  std::string code, message;
  DUBAN_RETURN_IF_ERROR(r.Str("code", &code));
  DUBAN_RETURN_IF_ERROR(r.Str("message", &message, false));
  std::string zh;
  DUBAN_RETURN_IF_ERROR(r.Str("message_zh", &zh, false));
  StatusCode c = StatusCodeFromName(code);
  if (c == StatusCode::kOk) c = StatusCode::kInternal;
  return Status(c, message).WithZh(std::move(zh));
}


// ---- every message, from its description ------------------------------------------------------

#define DUBAN_DEFINE_FIELDS(T)                                                      \
  void WriteFields(MapWriter& w, const T& m) { WriteDescribed(w, m); }              \
  Status ReadFields(MapReader& r, T* m) { return ReadDescribed(r, m); }
DUBAN_MESSAGES(DUBAN_DEFINE_FIELDS)
#undef DUBAN_DEFINE_FIELDS

}  // namespace duban::protocol
