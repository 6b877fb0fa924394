// StaffAgendaPages: the directors' meeting side of the staff's pages (代表工委) — hot and difficult
// items (热点难点: the ones staff marked and the ones the hot rules propose), bundles (打捆督办:
// a topic, its lead unit and supervisor, its member suggestions), and the next directors' meeting
// (主任会议): its date and agenda, where a bundle is ONE item listing its members, each item with
// its leading director (领衔督办) and why it is there. The agenda items are drawn by
// AgendaItemCard, which the director's page (web/director_pages.h) shares.
//
// Thread rules: pure functions.
#pragma once

#include <map>
#include <string>

#include "common/protocol/messages.h"
#include "common/result.h"
#include "web/page_frame.h"
#include "web/suggestion_view.h"

namespace duban::web {

// One agenda item: its title, kind, lead unit, leading director, reasons, state and members.
// With `progress` (code -> the suggestion as duban.get returned it) each member also shows its
// deadline and its units' task states; without, the state the agenda carries.
std::string AgendaItemCard(Lang lang, const protocol::AgendaItem& item, const Vocabulary& v,
                           const std::map<std::string, protocol::Suggestion>* progress);

// `meetings` (duban.meeting list) and `agenda` (duban.agenda show of the next meeting): either
// may be the broker's refusal, shown with its code.
std::string RenderAgenda(Lang lang, const Viewer& viewer,
                         const Result<protocol::MeetingReply>& meetings,
                         const Result<protocol::AgendaReply>& agenda, const Vocabulary& v);

std::string RenderHotAndBundles(Lang lang, const Viewer& viewer,
                                const Result<protocol::HotReply>& hot,
                                const Result<protocol::BundleReply>& bundles,
                                const Vocabulary& v);

}  // namespace duban::web
