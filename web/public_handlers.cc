// The public page per tracking code (一事一码): WebServer's handlers for /p, /p/CODE and
// /p/CODE/qr.svg. No session: anyone may ask. Each request is counted against its client address
// (AddressThrottle, 429 beyond the limit) and goes to the broker's PUBLIC endpoint through the
// PublicLink (no key, no delegation): the page can show only what the broker shows everyone.
#include <httplib.h>

#include "common/log.h"
#include "common/protocol/services.h"
#include "web/public_pages.h"
#include "web/qr_svg.h"
#include "web/staff_requests.h"
#include "web/web_server.h"

namespace duban::web {
namespace {

namespace svc = protocol::svc;
constexpr char kHtml[] = "text/html; charset=utf-8";

}  // namespace

bool WebServer::PublicAllowed(const httplib::Request& req, httplib::Response& res, Lang lang) {
  Millis wait_ms = 0;
  if (public_throttle_.Allow(ClientAddress(req), clock_.NowMs(), &wait_ms)) return true;
  counters_.Increment("web.refused.public_throttled");
  res.status = 429;
  res.set_header("Retry-After", std::to_string((wait_ms + 999) / 1000));
  res.set_content(RenderPublicRefusal(lang, "public.throttled", "RESOURCE_EXHAUSTED"), kHtml);
  return false;
}

std::string WebServer::PublicUrl(const httplib::Request& req, const std::string& code) const {
  // The Host header passed the gate (one of the server's own names), so it is safe to echo.
  const std::string base = options_.public_url.empty()
                               ? "http://" + req.get_header_value("Host")
                               : options_.public_url;
  return base + "/p/" + code;
}

void WebServer::PublicLookup(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  if (!req.has_param("code")) return res.set_content(RenderPublicLookup(lang, ""), kHtml);
  const std::string code = req.get_param_value("code");
  if (!IsCodeText(code)) {
    res.status = 400;
    return res.set_content(RenderPublicLookup(lang, "public.bad_code"), kHtml);
  }
  res.set_redirect("/p/" + code, 303);
}

void WebServer::PublicPage(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  if (!PublicAllowed(req, res, lang)) return;
  if (public_link_ == nullptr) {
    res.status = 503;
    return res.set_content(RenderPublicRefusal(lang, "public.off", "UNAVAILABLE"), kHtml);
  }
  const std::string code = req.matches[1].str();
  protocol::PublicStatusRequest ask;
  ask.code = code;
  auto status = public_link_->Call<svc::StatusByCode>(ask);
  if (!status.ok()) {
    const StatusCode c = status.status().code();
    counters_.Increment("web.public_errors." + std::string(StatusCodeName(c)));
    if (c != StatusCode::kNotFound) {
      Logger("web.http")->warn("public page: {}", status.status().ToString());
    }
    res.status = c == StatusCode::kNotFound ? 404 : HttpStatusOfBrokerError(c);
    return res.set_content(RenderPublicRefusal(lang,
                                               c == StatusCode::kNotFound ? "public.not_found"
                                                                          : "public.unavailable",
                                               std::string(StatusCodeName(c))),
                           kHtml);
  }
  counters_.Increment("web.public_pages");
  res.set_content(RenderPublicStatus(lang, *status, "/p/" + status->code + "/qr.svg",
                                     PublicUrl(req, status->code)),
                  kHtml);
}

void WebServer::PublicQr(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  if (!PublicAllowed(req, res, lang)) return;
  if (public_link_ == nullptr) {
    res.status = 503;
    return res.set_content(RenderPublicRefusal(lang, "public.off", "UNAVAILABLE"), kHtml);
  }
  // Only for a code the broker knows: the image must not vouch for a code that does not exist.
  const std::string code = req.matches[1].str();
  protocol::PublicStatusRequest ask;
  ask.code = code;
  auto status = public_link_->Call<svc::StatusByCode>(ask);
  if (!status.ok()) {
    const StatusCode c = status.status().code();
    res.status = c == StatusCode::kNotFound ? 404 : HttpStatusOfBrokerError(c);
    return res.set_content(RenderPublicRefusal(lang,
                                               c == StatusCode::kNotFound ? "public.not_found"
                                                                          : "public.unavailable",
                                               std::string(StatusCodeName(c))),
                           kHtml);
  }
  auto svg = QrSvg(PublicUrl(req, status->code));
  if (!svg.ok()) {
    Logger("web.http")->error("QR code of {}: {}", status->code, svg.status().ToString());
    res.status = 500;
    return res.set_content(RenderPublicRefusal(lang, "public.unavailable", "INTERNAL"), kHtml);
  }
  res.set_content(std::move(svg).value(), "image/svg+xml");
}

}  // namespace duban::web
