// `dubanctl keys new NAME [--role ROLE]... [--dir DIR]`: makes a CurveZMQ key pair for a client,
// a worker or the broker itself (common/transport/curve_keys.h): DIR/NAME.key with the secret
// (mode 0600) and DIR/NAME.pub, never replacing a file, and prints the [[key]] entry to add to
// the broker's key registry (config/key_registry.h). Roles are checked as the registry checks
// them. `dubanctl keys checkpoint [NAME] [--dir DIR]` makes the broker's Ed25519 checkpoint key
// (common/checkpoint.h): DIR/NAME.key (0600, default name "checkpoint") and DIR/NAME.pub. It talks
// to no broker.
//
// Thread rules: main thread.
#pragma once

#include "dubanctl/commands.h"

namespace duban::ctl {

Action SetUpKeys(CLI::App& sub);

}  // namespace duban::ctl
