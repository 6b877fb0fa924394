#include "services/timers_api.h"

#include "common/protocol/services.h"

namespace duban::services {

void RegisterTimersApi(store::TaskStore& store, ApiTable& table) {
  table.Bind<protocol::svc::Timers>(
      [&store](const protocol::TimersRequest& req, Millis) -> Result<protocol::TimersReply> {
        auto rows = store.Timers(req.code);
        if (!rows.ok()) return rows.status();
        return protocol::TimersReply{req.code, std::move(rows).value()};
      });
}

}  // namespace duban::services
