// Staff commands that place a suggestion: `dubanctl review` (审核: accept, merge, return for
// rework, withdraw; and the deputy's resubmission), `dubanctl assign` (交办: lead and co-handling
// units, the supervising committee) and `dubanctl committee set|note|visit|propose` (分工督办: the
// committee that supervises it, its notes and visits, and its proposals for the directors' agenda).
//
// Exit codes (broker_client.h): 0 ok; 1 refused; 3 broker unreachable.
//
// Thread rules: runs on the main thread.
#pragma once

#include "dubanctl/commands.h"

namespace duban::ctl {

// CODE --lead UNIT [--co UNIT]... --actor NAME [--note TEXT] [--committee ID].
Action SetUpAssign(CLI::App& sub);

// set CODE COMMITTEE | note CODE | visit CODE [--date] | propose CODE --committee ID --reason.
Action SetUpCommittee(CLI::App& sub);

// CODE accept|merge|return|withdraw|resubmit [--into CODE] [--reason TEXT] [--title TEXT]
// [--content TEXT] [--deputy ID] --actor NAME (审核: duban.review).
Action SetUpReview(CLI::App& sub);

}  // namespace duban::ctl
