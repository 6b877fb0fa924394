#include "dubanctl/json_view.h"

#include <string>

namespace duban::ctl {

Json ToJson(const Status& s) {
  return {{"code", std::string(StatusCodeName(s.code()))},
          {"message", s.message()},
          {"message_zh", s.ZhMessage()}};
}

void Print(std::ostream& out, const Json& j) {
  out << j.dump(2, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace) << '\n';
}

}  // namespace duban::ctl
