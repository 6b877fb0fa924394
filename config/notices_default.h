// The default wording of the notices: config/notices.toml, compiled in (embed_notices.cmake).
//
// Thread rules: a constant.
#pragma once

#include <string_view>

namespace duban::config {

std::string_view DefaultNoticesToml();

}  // namespace duban::config
