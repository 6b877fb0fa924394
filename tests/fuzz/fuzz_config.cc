// Fuzz target: the config loader (config/config.h LoadConfig) and the working-calendar loader
// (config/calendar_loader.h LoadCalendarFile). Input: up to three parts (fuzz_check.h's separator)
// written to a private temporary folder as duban.toml, units.toml and calendar/2026.toml — the
// names the shipped duban.toml uses, so the real files are the seeds.
//
// Invariants checked beyond "no crash, no exception":
//   - a refused file is InvalidArgument and the message names the file it is about;
//   - an accepted config passes Validate, holds one calendar year per calendar file, and its
//     years build a WorkingCalendar;
//   - an accepted calendar file has a year in [kMinCalendarYear, kMaxCalendarYear], at least one
//     holiday, and builds a WorkingCalendar on its own.
#include <sys/stat.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>

#include "config/calendar_loader.h"
#include "config/config.h"
#include "tests/fuzz/fuzz_check.h"

using namespace duban;

namespace {

// The private folder, made once. Heap-allocated and never freed: the atexit clean-up below runs
// after static destructors would have destroyed a static string.
const std::string& Folder() {
  static const std::string* dir = [] {
    const char* tmp = std::getenv("TMPDIR");
    auto* d = new std::string(std::string(tmp && *tmp ? tmp : "/tmp") + "/duban-fuzz-config-" +
                              std::to_string(getpid()));
    mkdir(d->c_str(), 0700);
    mkdir((*d + "/calendar").c_str(), 0700);
    std::atexit([] {
      for (const char* f : {"/duban.toml", "/units.toml", "/calendar/2026.toml"}) {
        std::remove((Folder() + f).c_str());
      }
      rmdir((Folder() + "/calendar").c_str());
      rmdir(Folder().c_str());
    });
    return d;
  }();
  return *dir;
}

void Write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

void CheckRefusal(const Status& s, const char* what) {
  FUZZ_CHECK(s.code() == StatusCode::kInvalidArgument,
             std::string(what) + " refused with another code: " + s.ToString());
  FUZZ_CHECK(s.message().find(Folder()) != std::string::npos,
             std::string(what) + " refusal does not name the file: " + s.message());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parts = fuzz::SplitInput({reinterpret_cast<const char*>(data), size}, 3);
  parts.resize(3);
  const std::string main_file = Folder() + "/duban.toml";
  const std::string calendar_file = Folder() + "/calendar/2026.toml";
  Write(main_file, parts[0]);
  Write(Folder() + "/units.toml", parts[1]);
  Write(calendar_file, parts[2]);

  Result<config::Config> c = config::LoadConfig(main_file);
  if (!c.ok()) {
    CheckRefusal(c.status(), "config");
  } else {
    Status v = config::Validate(*c);
    FUZZ_CHECK(v.ok(), "LoadConfig accepted what Validate refuses: " + v.ToString());
    FUZZ_CHECK(c->calendar.size() == c->jurisdiction.calendar_files.size(),
               "calendar years and calendar files differ in number");
    auto cal = config::BuildWorkingCalendar(c->calendar);
    FUZZ_CHECK(cal.ok(), "an accepted config's calendar does not build: " + cal.status().ToString());
  }

  Result<config::CalendarYear> y = config::LoadCalendarFile(calendar_file);
  if (!y.ok()) {
    CheckRefusal(y.status(), "calendar");
  } else {
    FUZZ_CHECK(y->year >= config::kMinCalendarYear && y->year <= config::kMaxCalendarYear,
               "calendar year out of range: " + std::to_string(y->year));
    FUZZ_CHECK(!y->holidays.empty(), "a calendar without holidays");
    auto cal = config::BuildWorkingCalendar({*y});
    FUZZ_CHECK(cal.ok(), "an accepted calendar file does not build: " + cal.status().ToString());
  }
  return 0;
}
