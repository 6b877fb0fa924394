#include "services/agenda_api.h"

#include <algorithm>
#include <set>

#include "services/hot_rules.h"
#include "common/calendar.h"
#include "common/log.h"
#include "common/protocol/codec.h"

namespace duban::services {

using namespace duban::protocol;

namespace {

constexpr std::int64_t kMaxItems = 1000;  // items one agenda reply lists

}  // namespace

AgendaApi::AgendaApi(store::TaskStore& store, const config::Config& config,
                     const broker::LoadedCalendar& calendar)
    : agenda_(store.redis(), store.prefix()), config_(config), calendar_(calendar) {}

void AgendaApi::Register(ApiTable& table) {
  table.Bind<svc::Meeting>([this](const MeetingRequest& r, Millis now) { return Meeting(r, now); });
  table.Bind<svc::Agenda>([this](const AgendaRequest& r, Millis now) { return Agenda(r, now); });
  table.Bind<svc::Hot>([this](const HotRequest& r, Millis now) { return Hot(r, now); });
  table.Bind<svc::Bundle>([this](const BundleRequest& r, Millis now) { return BundleOp(r, now); });
  table.Bind<svc::Propose>([this](const ProposeRequest& r, Millis now) { return Propose(r, now); });
}

std::string AgendaApi::LocalDate(Millis t) const {
  return FormatDate(LocalDateOf(t, config_.jurisdiction.utc_offset_minutes));
}

Millis AgendaApi::FirstProgressCheck(Millis now) const {
  const std::int64_t offset = config_.jurisdiction.utc_offset_minutes;
  const Date next = AddCalendarMonths(LocalDateOf(now, offset), kAgendaProgressMonths);
  return StartOfLocalDay(next, offset) + config_.jurisdiction.work_start_minute * 60'000;
}

Result<std::vector<MeetingDate>> AgendaApi::AllMeetings() {
  DUBAN_ASSIGN_OR_RETURN(std::vector<std::string> staff, agenda_.Meetings("list", ""));
  std::map<std::string, std::string> dates;
  for (const std::string& d : staff) dates[d] = "staff";
  for (const Date& d : config_.meetings.dates) dates[FormatDate(d)] = "config";
  std::vector<MeetingDate> out;
  for (const auto& [date, source] : dates) out.push_back({date, source});
  return out;
}

std::int64_t AgendaApi::MeetingsOn(const std::vector<MeetingDate>& dates, const std::string& placed,
                                   const std::string& until, const std::string& meeting) {
  std::int64_t n = 0;
  for (const MeetingDate& d : dates) {
    if (d.date < placed || d.date > meeting) continue;
    if (!until.empty() && d.date > until) continue;
    ++n;
  }
  return n;
}

Result<svc::Meeting::Reply> AgendaApi::Meeting(const MeetingRequest& req, Millis now) {
  const bool in_config = std::any_of(config_.meetings.dates.begin(), config_.meetings.dates.end(),
                                     [&](const Date& d) { return FormatDate(d) == req.date; });
  if (req.action == "add" && in_config) {
    return AlreadyExists("the meeting on " + req.date + " is set in config");
  }
  if (req.action == "remove" && in_config) {
    return FailedPrecondition("the meeting on " + req.date +
                                              " is set in config ([meetings] dates); edit the "
                                              "config file to remove it");
  }
  if (req.action == "add" && !req.force) {
    DUBAN_ASSIGN_OR_RETURN(Date day, ParseDate(req.date));
    auto working = calendar_.calendar().IsWorkingDay(day);
    if (!working.ok()) {
      return FailedPrecondition("the calendar has no year " +
                                std::to_string(static_cast<int>(day.year())) +
                                ": cannot tell whether " + req.date +
                                " is a working day (force to add it anyway)");
    }
    if (!*working) {
      return FailedPrecondition(req.date + " is not a working day (a weekend or a holiday): "
                                "force to hold the meeting on it anyway");
    }
  }
  if (req.action != "list") {
    auto changed = agenda_.Meetings(req.action, req.date);
    if (!changed.ok()) return changed.status();
    Logger("broker.api")
        ->info("meeting {} {} by staff:{}", req.date, req.action == "add" ? "added" : "removed",
               req.actor);
  }
  auto dates = AllMeetings();
  if (!dates.ok()) return dates.status();
  MeetingReply reply;
  reply.dates = std::move(dates).value();
  const std::string today = LocalDate(now);
  for (const MeetingDate& d : reply.dates) {
    if (d.date >= today) {
      reply.next = d.date;
      break;
    }
  }
  return reply;
}

Result<std::vector<AgendaItem>> AgendaApi::Items(bool all, const std::string& meeting) {
  DUBAN_ASSIGN_OR_RETURN(std::vector<MeetingDate> dates, AllMeetings());
  DUBAN_ASSIGN_OR_RETURN(std::vector<store::AgendaItemRow> rows, agenda_.Items(all, kMaxItems));
  std::vector<AgendaItem> out;
  for (store::AgendaItemRow& row : rows) {
    AgendaItem& it = row.item;
    const std::string placed = LocalDate(it.placed_ms);
    // An open item is on every meeting from its placement on; one placed after the meeting asked
    // for was not on it. --all lists every item whatever the meeting.
    if (!all && !meeting.empty() && placed > meeting) continue;
    if (it.kind != "bundle" && !it.members.empty()) {
      it.title = it.members[0].title;
      it.lead_unit = it.members[0].lead_unit;
    }
    const std::string until = it.state == "RESOLVED" ? LocalDate(it.resolved_ms) : "";
    it.meetings = meeting.empty() ? 0 : MeetingsOn(dates, placed, until, meeting);
    out.push_back(std::move(it));
  }
  // Oldest first: what has waited longest leads the agenda.
  std::stable_sort(out.begin(), out.end(), [](const AgendaItem& a, const AgendaItem& b) {
    return a.placed_ms < b.placed_ms;
  });
  return out;
}

Result<svc::Agenda::Reply> AgendaApi::Agenda(const AgendaRequest& req, Millis now) {
  AgendaReply reply;
  if (req.action == "show") {
    auto dates = AllMeetings();
    if (!dates.ok()) return dates.status();
    if (!req.meeting.empty()) {
      bool known = std::any_of(dates->begin(), dates->end(),
                               [&](const MeetingDate& d) { return d.date == req.meeting; });
      if (!known) return NotFound("no meeting on " + req.meeting);
      reply.meeting = req.meeting;
    } else {
      const std::string today = LocalDate(now);
      for (const MeetingDate& d : *dates) {
        if (d.date >= today) {
          reply.meeting = d.date;
          break;
        }
      }
    }
    auto items = Items(req.all, reply.meeting);
    if (!items.ok()) return items.status();
    reply.items = std::move(items).value();
    return reply;
  }
  auto state = agenda_.Act(now, req.action, req.id, "staff:" + req.actor,
                           req.action == "lead" ? req.director : req.note);
  if (!state.ok()) return state.status();
  Logger("broker.api")->info("agenda item {}: {} by staff:{}", req.id, req.action, req.actor);
  auto items = Items(true, "");
  if (!items.ok()) return items.status();
  for (AgendaItem& it : *items) {
    if (it.id == req.id) reply.items.push_back(std::move(it));
  }
  return reply;
}

Result<svc::Propose::Reply> AgendaApi::Propose(const ProposeRequest& req, Millis now) {
  const config::Committee* c = config::FindCommittee(config_.committees, req.committee);
  if (c == nullptr) return InvalidArgument("unknown committee '" + req.committee + "'");
  const std::string actor = "committee:" + req.committee + "/" + req.actor;
  auto placed = agenda_.Propose(now, req.code, req.committee, c->name, actor, req.reason,
                                FirstProgressCheck(now));
  if (!placed.ok()) return placed.status();
  Logger("broker.api")
      ->info("{} proposed for the agenda by {}: item {} ({})", req.code, actor, placed->first,
             placed->second);
  return ProposeReply{req.code, placed->first, placed->second};
}

Result<svc::Hot::Reply> AgendaApi::Hot(const HotRequest& req, Millis now) {
  const std::string actor = "staff:" + req.actor;
  if (req.action == "mark") {
    auto placed = agenda_.MarkHot(now, req.code, actor, req.reason, FirstProgressCheck(now));
    if (!placed.ok()) return placed.status();
    Logger("broker.api")
        ->info("{} marked hot by {}: agenda item {} ({})", req.code, actor, placed->first,
               placed->second);
  } else if (req.action == "unmark") {
    Status s = agenda_.UnmarkHot(now, req.code, actor);
    if (!s.ok()) return s;
  }
  HotReply reply;
  auto marks = agenda_.HotMarks();
  if (!marks.ok()) return marks.status();
  reply.marked = std::move(marks).value();
  std::sort(reply.marked.begin(), reply.marked.end(),
            [](const HotMark& a, const HotMark& b) { return a.code < b.code; });
  if (req.action == "list") {
    auto rows = agenda_.HotScan(config_.hot.scan_limit);
    if (!rows.ok()) return rows.status();
    std::set<std::string> marked;
    for (const HotMark& m : reply.marked) marked.insert(m.code);
    reply.scanned = static_cast<std::int64_t>(rows->size());
    reply.proposals = ProposeHot(*rows, config_.hot, marked);
  }
  return reply;
}

Result<svc::Bundle::Reply> AgendaApi::BundleOp(const BundleRequest& req, Millis now) {
  std::string id = req.id;
  if (req.action == "create" || req.action == "add" || req.action == "remove") {
    if (req.action == "create") {
      bool known = std::any_of(config_.units.begin(), config_.units.end(),
                               [&](const config::Unit& u) { return u.id == req.lead_unit; });
      if (!known) return InvalidArgument("unknown unit '" + req.lead_unit + "'");
      if (!req.committee.empty() &&
          config::FindCommittee(config_.committees, req.committee) == nullptr) {
        return InvalidArgument("unknown committee '" + req.committee + "'");
      }
    }
    std::set<std::string> seen;
    for (const std::string& c : req.codes) {
      if (!seen.insert(c).second) return InvalidArgument(c + " named twice");
    }
    auto changed = agenda_.ChangeBundle(now, req.action, req.id, "staff:" + req.actor, req,
                                        FirstProgressCheck(now));
    if (!changed.ok()) return changed.status();
    id = *changed;
    Logger("broker.api")->info("bundle {}: {} by staff:{}", id, req.action, req.actor);
  }
  auto bundles = agenda_.Bundles(req.action == "list" ? "" : id);
  if (!bundles.ok()) return bundles.status();
  return BundleReply{std::move(bundles).value()};
}

bool AgendaApi::Leads(const std::string& name, const std::string& code) {
  // The stored items as they are (one call): no meeting dates, titles or order are needed here.
  auto rows = agenda_.Items(true, kMaxItems);
  if (!rows.ok()) return false;
  for (const store::AgendaItemRow& row : *rows) {
    const AgendaItem& it = row.item;
    if (it.director != name) continue;
    if (it.id == code) return true;
    for (const auto& m : it.members) {
      if (m.code == code) return true;
    }
  }
  return false;
}

}  // namespace duban::services
