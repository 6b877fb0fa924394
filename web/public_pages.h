// PublicPages: the public page of one suggestion by its tracking code (一事一码), for anyone
// without signing in — title, state, handling units, reply deadline, reply date, result class,
// satisfaction and the number of reply rounds — and its QR code for printing on the reply letter
// (答复函). The page shows only what duban.status returns, which is public by the broker's rule
// (never the deputy, the deputy's contact, the suggestion's or a reply's text, or notes), and
// escapes all of it. Unknown codes get a 404 page that says no more than that.
//
// Thread rules: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/protocol/messages.h"
#include "common/status.h"
#include "web/page_frame.h"

namespace duban::web {

// `qr_path` the image's path ("/p/S2026-00001/qr.svg"), `public_url` the URL it encodes (shown
// under it for people who cannot scan).
std::string RenderPublicStatus(Lang lang, const protocol::PublicStatus& s,
                               std::string_view qr_path, std::string_view public_url);

// The lookup form alone (/p), with an optional message key ("public.not_found").
std::string RenderPublicLookup(Lang lang, std::string_view message_key);

// A refusal for the public: not found (404), too many requests (429), not available (503).
std::string RenderPublicRefusal(Lang lang, std::string_view message_key, const std::string& code);

}  // namespace duban::web
