#include "web/qr_svg.h"

#include <qrencode.h>

#include <memory>
#include <mutex>

namespace duban::web {
namespace {

constexpr int kQuietZone = 4;  // modules of white around the code (ISO/IEC 18004)

std::mutex& QrMutex() {
  static std::mutex m;  // guards calls into libqrencode
  return m;
}

}  // namespace

Result<std::string> QrSvg(std::string_view text) {
  if (text.empty() || text.size() > kMaxQrTextBytes) {
    return InvalidArgument("a QR code holds 1.." + std::to_string(kMaxQrTextBytes) + " bytes");
  }
  const std::string input(text);
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(nullptr, QRcode_free);
  {
    std::lock_guard<std::mutex> lock(QrMutex());
    code.reset(QRcode_encodeString8bit(input.c_str(), 0, QR_ECLEVEL_M));
  }
  if (!code || code->width <= 0) return Internal("libqrencode could not encode the text");
  const int width = code->width;
  const int size = width + 2 * kQuietZone;
  std::string path;
  path.reserve(static_cast<std::size_t>(width) * static_cast<std::size_t>(width) * 4);
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width; ++x) {
      if ((code->data[y * width + x] & 1) == 0) continue;
      path += "M" + std::to_string(x + kQuietZone) + " " + std::to_string(y + kQuietZone) +
              "h1v1h-1z";
    }
  }
  const std::string n = std::to_string(size);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n +
         "\" width=\"" + std::to_string(size * 8) + "\" height=\"" + std::to_string(size * 8) +
         "\" shape-rendering=\"crispEdges\"><rect width=\"" + n + "\" height=\"" + n +
         "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>\n";
}

}  // namespace duban::web
