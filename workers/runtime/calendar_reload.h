// CalendarFollowingRole: a role that follows the working calendar files while the worker runs.
// Before each task it looks at the config file and the calendar files it names (modification
// time and size: a few stat calls); when one changed since the role was made, it reads the config
// again and makes the role anew with the new calendar — only the calendar
// (jurisdiction.calendar_files and their years): every other setting of the running config stays,
// as in the broker, which reads its calendar again only for `dubanctl calendar replan`. So when
// staff add next year's file, the workers decide with it from their next task on (working hours,
// deferrals, the skips of reminders) without a restart; the due times of the timers they set are
// computed again on the broker's calendar anyway (broker/timer_plans.h).
//
// A config or calendar file that cannot be read leaves the role as it was: one warning per
// change, counted as worker.calendar_reload_errors; worker.calendar_reloads counts the reloads.
//
// Thread rules: the role's thread (Handle), as any Role.
// Invariant: stamp_ describes the files the current role was made from (or the failed attempt's,
// so a broken file is reported once, not on every task).
#pragma once

#include <memory>
#include <string>

#include "common/clock.h"
#include "common/counters.h"
#include "config/config.h"
#include "workers/runtime/role.h"

namespace duban::workers {

class CalendarFollowingRole final : public Role {
 public:
  // Makes the role with `config` (loaded from `config_path`). Errors as the factory's.
  static Result<std::unique_ptr<Role>> Create(RoleFactory factory, config::Config config,
                                              std::string config_path, const Clock& clock,
                                              Counters& counters);

  Result<protocol::Outcome> Handle(const protocol::TaskMessage& task) override;

  // "path:mtime_ns:size;" for the config file and each calendar file of `config` ("missing" for
  // one that cannot be looked at).
  static std::string Stamp(const std::string& config_path, const config::Config& config);

 private:
  CalendarFollowingRole(RoleFactory factory, config::Config config, std::string config_path,
                        const Clock& clock, Counters& counters)
      : factory_(std::move(factory)),
        config_(std::move(config)),
        config_path_(std::move(config_path)),
        clock_(clock),
        counters_(counters) {}
  void ReloadIfChanged();

  RoleFactory factory_;
  config::Config config_;  // what role_ was made from
  std::string config_path_;
  const Clock& clock_;
  Counters& counters_;
  std::string stamp_;
  std::unique_ptr<Role> role_;
};

}  // namespace duban::workers
