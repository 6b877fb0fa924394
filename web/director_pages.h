// DirectorPages: the page of a member of the directors' meeting (主任会议成员): the agenda items
// they lead (领衔督办) — from duban.agenda `show` with resolved items too, those whose director is
// the account's name — each with its members' progress (state, deadline, reply rounds, the units'
// task states, from duban.get, which the broker grants a director for the items they lead), and
// the date of the next meeting. What a director may read is the broker's rule
// (services/authorize.cc): agenda, meetings, hot list, reports, sessions, and the suggestions
// they lead.
//
// Thread rules: pure functions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/protocol/messages.h"
#include "common/result.h"
#include "web/page_frame.h"
#include "web/suggestion_view.h"

namespace duban::web {

// The items of `agenda` that `director` leads, in the agenda's order.
std::vector<protocol::AgendaItem> ItemsLedBy(const protocol::AgendaReply& agenda,
                                             const std::string& director);

// `progress`: code -> the suggestion, for every member read (a member that could not be read is
// shown with the state the agenda carries).
std::string RenderDirectorBoard(Lang lang, const Viewer& viewer, const std::string& director,
                                const Result<protocol::MeetingReply>& meetings,
                                const Result<protocol::AgendaReply>& agenda,
                                const std::map<std::string, protocol::Suggestion>& progress,
                                const Vocabulary& v);

}  // namespace duban::web
