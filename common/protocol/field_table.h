// FieldTable: the field tables of docs/protocol.md, from the messages' descriptions (describe.h).
// Each message's table stands in the document between
//   <!-- BEGIN fields T -->  and  <!-- END fields T -->
// and tests/common/protocol/field_tables_test.cc fails when one is stale (DUBAN_UPDATE_DOCS=1
// rewrites them); a message that no section of the document shows is in its "Message reference".
//
// Thread rules: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace duban::protocol {

// Every message of DUBAN_MESSAGES (codec.h) by name, in that order.
const std::vector<std::string_view>& MessageNames();

// The Markdown table of message `name` (an anchor, then | field | type | required | meaning |
// rows, one per field on the wire); "" for an unknown name; a message without fields gets one
// line saying so.
std::string FieldTable(std::string_view name);

}  // namespace duban::protocol
