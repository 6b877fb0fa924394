#include "services/hot_rules.h"

#include <map>

namespace duban::services {
namespace {

std::string Normalise(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const auto last = s.find_last_not_of(" \t");
  std::string out = s.substr(first, last - first + 1);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

bool NeverProposed(const std::string& state) {
  return state == "WITHDRAWN" || state == "MERGED" || state == "CLOSED";
}

}  // namespace

std::set<std::string> TopicsOf(const std::string& category,
                               const std::vector<std::string>& keywords) {
  std::set<std::string> topics;
  const std::string cat = Normalise(category);
  for (const std::string& k : keywords) {
    const std::string kw = Normalise(k);
    if (!kw.empty()) topics.insert(cat + "/" + kw);
  }
  return topics;
}

std::vector<protocol::HotProposal> ProposeHot(const std::vector<store::HotScanRow>& rows,
                                              const config::HotRules& rules,
                                              const std::set<std::string>& marked) {
  std::vector<std::set<std::string>> topics;
  std::map<std::pair<std::string, std::string>, std::int64_t> per_session;  // (session, topic)
  std::map<std::string, std::string> first_session;                         // topic -> earliest
  for (const store::HotScanRow& r : rows) {
    topics.push_back(TopicsOf(r.category, r.keywords));
    if (r.state == "WITHDRAWN" || r.state == "MERGED") continue;  // not a real second voice
    for (const std::string& t : topics.back()) {
      ++per_session[{r.session, t}];
      auto [it, added] = first_session.emplace(t, r.session);
      if (!added && r.session < it->second) it->second = r.session;
    }
  }
  std::vector<protocol::HotProposal> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const store::HotScanRow& r = rows[i];
    if (NeverProposed(r.state) || marked.count(r.code) != 0) continue;
    protocol::HotProposal p{r.code, r.title, {}};
    if (r.co_signers >= rules.co_signers_min) {
      p.rules.push_back("co_signers: " + std::to_string(r.co_signers) + " ≥ " +
                        std::to_string(rules.co_signers_min) + " (联名代表多)");
    }
    std::string best;
    std::int64_t best_count = 0;
    std::string earlier;
    for (const std::string& t : topics[i]) {
      auto n = per_session.find({r.session, t});
      if (n != per_session.end() && n->second > best_count) {
        best = t;
        best_count = n->second;
      }
      auto f = first_session.find(t);
      if (earlier.empty() && f != first_session.end() && f->second < r.session) {
        earlier = t + " in " + f->second;
      }
    }
    if (best_count >= rules.same_topic_min) {
      p.rules.push_back("same_topic: " + best + " ×" + std::to_string(best_count) + " ≥ " +
                        std::to_string(rules.same_topic_min) + " in " + r.session + " (同题多件)");
    }
    if (!earlier.empty()) p.rules.push_back("earlier_session: " + earlier + " (往届提过)");
    if (!p.rules.empty()) out.push_back(std::move(p));
  }
  return out;
}

}  // namespace duban::services
