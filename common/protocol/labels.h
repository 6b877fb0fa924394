// Labels: the Chinese words people read for the codes the API keeps — a suggestion's state
// (已交办), a unit task's state (待签收), a timeline action (签收). One table each, used by
// dubanctl, the public status (services/public_status.cc) and the web workbench; the codes stay
// what they are on the wire and in --json.
//
// Thread rules: pure functions over constant tables.
// Invariant: every SuggestionState has a label; every action listed in docs/protocol.md under
// "Audit actions" has one (tests/common/protocol/labels_test.cc reads that table).
#pragma once

#include <string>
#include <string_view>

#include "common/protocol/messages.h"

namespace duban::protocol {

// 已提交, 审核中, ... 已办结: the public's words for a suggestion's state.
std::string_view StateLabel(SuggestionState s);
// The same for a state's wire name ("ASSIGNED"); "" for a name that is no state.
std::string_view StateLabel(std::string_view state_name);

// 待签收, 已签收, 办理中, ... for a unit task's state ("ISSUED"); "" for an unknown one.
std::string_view UnitTaskStateLabel(std::string_view state);

// 签收, 开始办理, 答复, ... for a timeline (audit) action ("signed"); "" for an unknown one.
std::string_view ActionLabel(std::string_view action);

// "已交办 ASSIGNED"-style text for people: the label, then the code in brackets
// ("已交办 (ASSIGNED)"); the bare code when it has no label.
std::string WithCode(std::string_view label, std::string_view code);

}  // namespace duban::protocol
