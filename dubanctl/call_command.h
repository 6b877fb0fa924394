// CallCommand: `dubanctl call SERVICE [FRAME...]`, one 7/MDP request to any worker service (an
// opaque request: the broker queues it and a worker of SERVICE answers), sent the way a careful
// client sends it: with a request id (common/protocol/mdp.h, kRequestIdFrame; a random one unless
// --request-id names it) and retried on a fresh connection when no reply comes within --timeout
// (the Lazy Pirate pattern), up to --retries times. The broker runs the work once whatever the
// retries: a retry attaches to the queued or running request, or gets its recorded reply
// (docs/protocol.md, "Request ids of 7/MDP clients"). Prints each reply frame on its own line
// (with --json: {"service", "request_id", "attempts", "frames": [...]}; a frame that is not
// UTF-8 is printed as "0x" and its bytes in hex).
//
// Exit codes (broker_client.h): 0 a reply; 1 the broker refused ("error: CODE: message"); 2 a bad
// command line; 3 no reply after every retry.
//
// Thread rules: runs on the main thread.
#pragma once

#include <string>
#include <vector>

#include "dubanctl/commands.h"
#include "dubanctl/json_view.h"

namespace duban::ctl {

// Adds the SERVICE and FRAME arguments, --request-id and --retries to `sub`.
Action SetUpCall(CLI::App& sub);

// A frame as `call` prints it: itself when it is UTF-8, else "0x" and its bytes in hex.
std::string PrintableFrame(const std::string& frame);

}  // namespace duban::ctl
