// HotRules: the rules that propose hot and difficult items (热点难点) for staff to decide
// (docs/domain.md#hot-and-difficult-items): many co-signers, many suggestions of one session on
// one topic, a topic raised in an earlier session. Proposals are only listed (duban.hot list);
// staff confirm by marking.
//
// "One topic" is a pair (category, keyword): two suggestions share a topic when they have the
// same category (both may have none) and a keyword in common. Category and keywords are compared
// after trimming spaces and lower-casing ASCII letters, so "PM2.5" and "pm2.5 " are one keyword;
// no synonyms or word splitting — the deputies' own keywords are the topic vocabulary.
//
// Thread rules: pure functions.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "common/protocol/messages.h"
#include "common/store/agenda_store.h"
#include "config/config.h"

namespace duban::services {

// One proposal per suggestion that a rule matches and staff have not marked (`marked`), in the
// order of `rows`; each names the rules it matched. Suggestions WITHDRAWN, MERGED or CLOSED are
// never proposed, but every scanned suggestion counts towards topics.
std::vector<protocol::HotProposal> ProposeHot(const std::vector<store::HotScanRow>& rows,
                                              const config::HotRules& rules,
                                              const std::set<std::string>& marked);

// The topics of a suggestion: "category/keyword" for each distinct normalised keyword.
std::set<std::string> TopicsOf(const std::string& category,
                               const std::vector<std::string>& keywords);

}  // namespace duban::services
