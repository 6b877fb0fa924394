// AgendaApi: the broker's services for the directors' meeting agenda (主任会议议程):
//   duban.meeting  list | add | remove meeting dates (config dates plus staff-set ones)
//   duban.agenda   show the next (or a named) meeting's items | lead (领衔督办) | resolve
//   duban.hot      list staff marks and rule proposals | mark (places it on the agenda) | unmark
//   duban.bundle   create | add | remove | show | list bundles (打捆督办)
// Each decodes its request strictly (codec_agenda.cc), calls the AgendaStore (one script each,
// with its audit entries) and answers a reply or an error with a code (docs/protocol.md). The
// unit's progress report (duban.progress) is a unit action (unit_tasks.h).
//
// The next meeting is the first meeting date on or after today's local date on the domain clock.
//
// Thread rules: broker loop thread, like ApiHandlers, which owns it.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/protocol/messages.h"
#include "common/store/agenda_store.h"
#include "common/store/task_store.h"
#include "config/config.h"

namespace duban::broker {

class AgendaApi {
 public:
  using Handler = std::function<std::string(const std::string& body, Millis now)>;
  // Encodes an error reply for a service (ApiHandlers::Error: logs and counts it).
  using ErrorFn = std::function<std::string(const std::string& service, const Status& s)>;

  AgendaApi(store::TaskStore& store, const config::Config& config, ErrorFn error);

  // Adds duban.meeting, duban.agenda, duban.hot and duban.bundle to `handlers`.
  void Register(std::map<std::string, Handler>& handlers);

  // The meetings in `dates` (ascending) that item placed on `placed` and (when resolved) ended
  // on `until` was on, up to and including `meeting` ("" = none counted).
  static std::int64_t MeetingsOn(const std::vector<protocol::MeetingDate>& dates,
                                 const std::string& placed, const std::string& until,
                                 const std::string& meeting);

 private:
  std::string Meeting(const std::string& body, Millis now);
  std::string Agenda(const std::string& body, Millis now);
  std::string Hot(const std::string& body, Millis now);
  std::string BundleOp(const std::string& body, Millis now);

  // Config dates and staff-set dates, ascending, each once (a date in both counts as config).
  Result<std::vector<protocol::MeetingDate>> AllMeetings();
  // Items as the reply shows them: titles and lead units filled in, meetings counted.
  Result<std::vector<protocol::AgendaItem>> Items(bool all, const std::string& meeting);
  // The start of working hours one calendar month after today: the first progress check.
  Millis FirstProgressCheck(Millis now) const;
  std::string LocalDate(Millis t) const;

  store::AgendaStore agenda_;
  const config::Config& config_;
  ErrorFn error_;
};

}  // namespace duban::broker
