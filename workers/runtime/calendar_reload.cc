#include "workers/runtime/calendar_reload.h"

#include <sys/stat.h>

#include "common/log.h"

namespace duban::workers {

std::string CalendarFollowingRole::Stamp(const std::string& config_path,
                                         const config::Config& config) {
  std::string out;
  auto add = [&](const std::string& path) {
    struct stat st {};
    out += path + ":";
    if (::stat(path.c_str(), &st) != 0) {
      out += "missing;";
      return;
    }
    out += std::to_string(static_cast<long long>(st.st_mtim.tv_sec)) + "." +
           std::to_string(static_cast<long long>(st.st_mtim.tv_nsec)) + ":" +
           std::to_string(static_cast<long long>(st.st_size)) + ";";
  };
  add(config_path);
  for (const std::string& f : config.jurisdiction.calendar_files) add(f);
  return out;
}

Result<std::unique_ptr<Role>> CalendarFollowingRole::Create(RoleFactory factory,
                                                            config::Config config,
                                                            std::string config_path,
                                                            const Clock& clock,
                                                            Counters& counters) {
  const std::string stamp = Stamp(config_path, config);
  DUBAN_ASSIGN_OR_RETURN(std::unique_ptr<Role> role, factory(config, clock));
  std::unique_ptr<CalendarFollowingRole> out(new CalendarFollowingRole(
      std::move(factory), std::move(config), std::move(config_path), clock, counters));
  out->stamp_ = stamp;
  out->role_ = std::move(role);
  return std::unique_ptr<Role>(std::move(out));
}

void CalendarFollowingRole::ReloadIfChanged() {
  std::string now = Stamp(config_path_, config_);
  if (now == stamp_) return;
  auto log = Logger("worker.runtime");
  stamp_ = now;
  Result<config::Config> fresh = config::LoadConfig(config_path_);
  if (!fresh.ok()) {
    counters_.Increment("worker.calendar_reload_errors");
    log->warn("config changed but cannot be read; keeping the calendar in use: {}",
              fresh.status().ToString());
    return;
  }
  config::Config next = config_;
  next.jurisdiction.calendar_files = fresh->jurisdiction.calendar_files;
  next.calendar = fresh->calendar;
  Result<std::unique_ptr<Role>> role = factory_(next, clock_);
  if (!role.ok()) {
    counters_.Increment("worker.calendar_reload_errors");
    log->warn("new calendar refused by the role; keeping the calendar in use: {}",
              role.status().ToString());
    return;
  }
  std::string years;
  for (const auto& y : next.calendar) years += (years.empty() ? "" : ", ") + std::to_string(y.year);
  role_ = std::move(role).value();
  config_ = std::move(next);
  stamp_ = Stamp(config_path_, config_);  // the new list of calendar files
  counters_.Increment("worker.calendar_reloads");
  log->info("working calendar read again: years {}", years.empty() ? "none" : years);
}

Result<protocol::Outcome> CalendarFollowingRole::Handle(const protocol::TaskMessage& task) {
  ReloadIfChanged();
  return role_->Handle(task);
}

}  // namespace duban::workers
