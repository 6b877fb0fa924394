#pragma once
// The small `name = "value"` files that hold keys (CurveZMQ, checkpoint signing): one parser for
// their lines and one way to write them, created once and never replaced.

#include <sys/types.h>

#include <functional>
#include <string>

#include "common/status.h"

namespace duban {

// `key = "value"` -> {key, value}; false for anything else, and for a value holding `"` or `\`.
bool ParseKeyFileLine(const std::string& line, std::string* key, std::string* value);

// Calls `on_field(key, value, line_number)` for every non-blank, non-comment line of `path`;
// NotFound when the file cannot be opened, InvalidArgument naming the line when one is not
// `key = "value"` (`expected` says what the file may hold) or `on_field` refuses it.
Status ReadKeyFileFields(
    const std::string& path, const std::string& what, const std::string& expected,
    const std::function<Status(const std::string& key, const std::string& value, int line)>&
        on_field);

// Creates `path` with `mode` and writes `body`, fsynced; AlreadyExists when it exists (a key file
// is never replaced), Unavailable when it cannot be written.
Status WriteNewKeyFile(const std::string& path, const std::string& body, mode_t mode);

}  // namespace duban
