// ClosingCommands: closing the loop from the command line.
//   dubanctl reply CODE --unit U --actor A --class A|B|C|D --text TEXT --signer NAME
//                  [--commitment "TEXT@YYYY-MM-DD"]...           the lead unit replies (答复)
//   dubanctl evaluate CODE --deputy ID --satisfaction satisfied|basic|dissatisfied|满意|基本满意|不满意
//                  [--reasons TEXT] [--actor staff:NAME]         the deputy evaluates (测评)
//   dubanctl closeout CODE [--commitment ID] --basis TEXT --actor A   staff close out (销号)
//   dubanctl lookback CODE --findings TEXT --actor A                   a look-back round (回头看)
//   dubanctl status CODE      the public progress by tracking code (duban.status, 一事一码): state,
//                             units, deadline, reply date, class, satisfaction — nothing private
// The broker decides every rule (services/closing_rules.h); dubanctl checks only the shape of the
// command line: a --commitment that is not TEXT@YYYY-MM-DD is a usage error (exit 2).
//
// Output: one line for people ("S2026-00001 → REPLIED (reply round 1, version 7)") or with --json
// the reply as protocol::ToJson makes it ({"code", "state", "version", "round"}; status: the
// PublicStatus's wire fields). Exit codes as broker_client.h.
//
// Thread rules: runs on the main thread.
#pragma once

#include "dubanctl/commands.h"

namespace duban::ctl {

Action SetUpReply(CLI::App& sub);
Action SetUpEvaluate(CLI::App& sub);
Action SetUpCloseout(CLI::App& sub);
Action SetUpLookback(CLI::App& sub);
Action SetUpStatus(CLI::App& sub);

}  // namespace duban::ctl
