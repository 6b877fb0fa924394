#include "web/director_pages.h"

#include "web/staff_agenda_pages.h"

namespace duban::web {

std::vector<protocol::AgendaItem> ItemsLedBy(const protocol::AgendaReply& agenda,
                                             const std::string& director) {
  std::vector<protocol::AgendaItem> out;
  for (const auto& item : agenda.items) {
    if (!director.empty() && item.director == director) out.push_back(item);
  }
  return out;
}

std::string RenderDirectorBoard(Lang lang, const Viewer& viewer, const std::string& director,
                                const Result<protocol::MeetingReply>& meetings,
                                const Result<protocol::AgendaReply>& agenda,
                                const std::map<std::string, protocol::Suggestion>& progress,
                                const Vocabulary& v) {
  std::string body = "<h1>" + Say(lang, "director.board_title") + "</h1>";
  if (!meetings.ok()) {
    body += StatusBox(lang, meetings.status());
  } else {
    body += "<p>" + Say(lang, "agenda.next") + ": <strong>" +
            (meetings->next.empty() ? Say(lang, "agenda.no_meeting") : Escape(meetings->next)) +
            "</strong></p>";
  }
  body += "<h2>" + Say(lang, "director.mine") + "</h2>";
  if (!agenda.ok()) {
    body += StatusBox(lang, agenda.status());
  } else {
    std::vector<protocol::AgendaItem> mine = ItemsLedBy(*agenda, director);
    if (mine.empty()) body += "<p>" + Say(lang, "director.none") + "</p>";
    for (const auto& item : mine) body += AgendaItemCard(lang, item, v, &progress);
  }
  return RenderPage({lang, Say(lang, "director.board_title"), "/director", &viewer}, body);
}

}  // namespace duban::web
