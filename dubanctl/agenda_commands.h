// AgendaCommands: the directors' meeting agenda (主任会议议程) and what feeds it.
//   dubanctl agenda [--meeting DATE] [--all]            the next meeting's items
//   dubanctl agenda lead ID --director NAME --actor A   set the leading director (领衔督办)
//   dubanctl agenda resolve ID --note TEXT --actor A    resolve an item (off every agenda)
//   dubanctl meeting list|add DATE|remove DATE          meeting dates (主任会议); --actor A
//   dubanctl hot list|mark CODE --reason R|unmark CODE  热点难点; --actor A
//   dubanctl bundle list|show ID|add ID CODE...|remove ID CODE...          打捆督办
//   dubanctl bundle create --topic T --lead U --supervisor S [CODE...] --actor A
//   dubanctl progress CODE --unit U --text TEXT --actor A   a key item's progress report
// Each prints a table for people or, with --json, the reply as protocol::ToJson makes it
// (json_view.h: wire names; each instant "x_ms" also as "x", ISO 8601 in the jurisdiction's
// offset: "placed", "created", "at"). Exit codes as broker_client.h: 0 ok, 1 refused, 2 usage,
// 3 broker unreachable.
//
// Thread rules: runs on the main thread.
#pragma once

#include "common/protocol/messages.h"
#include "dubanctl/commands.h"
#include "dubanctl/json_view.h"

namespace duban::ctl {

Action SetUpAgenda(CLI::App& sub);
Action SetUpMeeting(CLI::App& sub);
Action SetUpHot(CLI::App& sub);
Action SetUpBundle(CLI::App& sub);
Action SetUpProgress(CLI::App& sub);

}  // namespace duban::ctl
