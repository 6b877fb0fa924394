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

#include "broker/loaded_calendar.h"
#include "services/api_table.h"
#include "common/clock.h"
#include "common/protocol/messages.h"
#include "common/store/agenda_store.h"
#include "common/store/task_store.h"
#include "config/config.h"

namespace duban::services {

class AgendaApi {
 public:
  // `calendar` is the broker's working calendar: a meeting is added on a working day unless forced.
  AgendaApi(store::TaskStore& store, const config::Config& config,
            const broker::LoadedCalendar& calendar);

  // Binds duban.meeting, duban.agenda, duban.hot and duban.bundle.
  void Register(ApiTable& table);

  // The meetings in `dates` (ascending) that item placed on `placed` and (when resolved) ended
  // on `until` was on, up to and including `meeting` ("" = none counted).
  static std::int64_t MeetingsOn(const std::vector<protocol::MeetingDate>& dates,
                                 const std::string& placed, const std::string& until,
                                 const std::string& meeting);

 // True when director `name` leads the agenda item of suggestion `code` (the suggestion itself or
  // a bundle it is in), open or resolved; false also when the agenda cannot be read.
  bool Leads(const std::string& name, const std::string& code);

 private:
  Result<protocol::MeetingReply> Meeting(const protocol::MeetingRequest& req, Millis now);
  Result<protocol::AgendaReply> Agenda(const protocol::AgendaRequest& req, Millis now);
  Result<protocol::HotReply> Hot(const protocol::HotRequest& req, Millis now);
  Result<protocol::ProposeReply> Propose(const protocol::ProposeRequest& req, Millis now);
  Result<protocol::BundleReply> BundleOp(const protocol::BundleRequest& req, Millis now);

  // Config dates and staff-set dates, ascending, each once (a date in both counts as config).
  Result<std::vector<protocol::MeetingDate>> AllMeetings();
  // Items as the reply shows them: titles and lead units filled in, meetings counted.
  Result<std::vector<protocol::AgendaItem>> Items(bool all, const std::string& meeting);
  // The start of working hours one calendar month after today: the first progress check.
  Millis FirstProgressCheck(Millis now) const;
  std::string LocalDate(Millis t) const;

  store::AgendaStore agenda_;
  const config::Config& config_;
  const broker::LoadedCalendar& calendar_;
};

}  // namespace duban::services
