// ShowCommand: `dubanctl show CODE`, one suggestion (duban.get): its state (with its Chinese
// label), deputy, units, deadline, its text and each reply's text (--brief leaves them out), and
// its timeline, the newest page or every page (--all), notes wrapped to the terminal.
//
// Exit codes (broker_client.h): 0 printed; 1 the broker refused; 2 usage; 3 broker unreachable.
//
// Thread rules: runs on the main thread.
#pragma once

#include "dubanctl/commands.h"

namespace duban::ctl {

Action SetUpShow(CLI::App& sub);

}  // namespace duban::ctl
