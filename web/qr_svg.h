// QrSvg: a QR code (Debian's libqrencode) drawn as SVG — the 一事一码 code printed on the reply
// letter (答复函), pointing at the suggestion's public page. The SVG is one <path> of dark modules
// on a white square with the 4-module quiet zone the standard asks for; it holds no text, script or
// link, only geometry, so it can be served with the page's Content-Security-Policy.
//
// Thread rules: thread-safe. libqrencode keeps state of its own in some builds, so calls into it
// are serialised by a mutex inside QrSvg.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace duban::web {

inline constexpr std::size_t kMaxQrTextBytes = 512;  // a URL; far below a QR code's capacity

// The SVG of `text` at error-correction level M (15% of the code may be covered or torn).
// InvalidArgument for an empty text or one over kMaxQrTextBytes; Internal when libqrencode fails.
Result<std::string> QrSvg(std::string_view text);

}  // namespace duban::web
