#include "common/http/same_origin.h"

#include <string>

#include "common/http/random_token.h"

namespace duban::http {

Status CheckSameOrigin(std::string_view origin, std::string_view host, std::string_view fetch_site,
                       CrossSiteMark* mark, std::string_view public_origin) {
  if (mark != nullptr) *mark = CrossSiteMark::kNone;
  const bool ours = origin == "http://" + std::string(host) ||
                    origin == "https://" + std::string(host) ||
                    (!public_origin.empty() && origin == public_origin);
  if (!origin.empty() && !ours) {
    if (mark != nullptr) *mark = CrossSiteMark::kOrigin;
    return PermissionDenied("request from another origin (" + std::string(origin) + ") refused");
  }
  if (!fetch_site.empty() && fetch_site != "same-origin" && fetch_site != "none") {
    if (mark != nullptr) *mark = CrossSiteMark::kFetchSite;
    return PermissionDenied("the browser marks this request Sec-Fetch-Site: " +
                            std::string(fetch_site) + "; only this site's own pages may act");
  }
  return Status::Ok();
}

Status CheckCsrfToken(std::string_view expected, std::string_view sent) {
  if (sent.empty()) return PermissionDenied("missing CSRF token: reload the page");
  if (expected.empty() || !SecretsEqual(sent, expected)) {
    return PermissionDenied("wrong CSRF token: reload the page");
  }
  return Status::Ok();
}

std::string OriginOf(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  const std::size_t path = url.find('/', scheme + 3);
  return std::string(url.substr(0, path));
}

}  // namespace duban::http
