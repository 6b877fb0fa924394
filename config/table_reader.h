// TableReader: how config/ reads a TOML table into typed fields (internal to config/; code outside
// receives structs). It records the keys it was asked for, so Finish() can report every key nobody
// knows (a typo such as `lease = 3` must not silently keep a default). Errors carry
// "file:line:column" when toml++ knows the position. Shared by the main file, the units file and
// the calendar files, so all of them word their errors the same way.
//
// Thread rules: a TableReader is used on one thread while its table lives.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace duban::config {

// "string", "integer", "floating-point", "table"... as toml++ names them.
std::string TypeName(const toml::node& n);

// "file:line:column", or just "file" when the position is unknown.
std::string Where(const std::string& file, const toml::source_region& at);

// The parsed file; InvalidArgument for a missing or unreadable file or a TOML syntax error (with
// line and column).
Result<toml::table> ParseFile(const std::string& path);

// A path from a config file, taken relative to that file's folder unless absolute ("" stays "").
std::string ResolveBeside(const std::string& config_path, const std::string& path);

// Reads the keys of one table into fields. Missing keys leave the field as it was (the default);
// present keys must have the right type. `prefix` names the table in messages ("broker"); `file`
// and `table` must outlive the reader (it keeps references).
class TableReader {
 public:
  TableReader(const std::string& file, std::string prefix, const toml::table& table)
      : file_(file), prefix_(std::move(prefix)), table_(table) {}

  bool Has(std::string_view key) const { return table_.contains(key); }

  Status Int(std::string_view key, std::int64_t* out);
  Status Str(std::string_view key, std::string* out);
  Status Bool(std::string_view key, bool* out);
  // Like Str, for a key that must be present and non-empty.
  Status RequiredStr(std::string_view key, std::string* out);
  Status StrList(std::string_view key, std::vector<std::string>* out);
  // The array at `key` (any element types: the caller checks them), nullptr when absent.
  Result<const toml::array*> Array(std::string_view key);
  // The sub-table at `key`, nullptr when absent.
  Result<const toml::table*> Table(std::string_view key);
  // The tables of an array of tables ([[key]]), empty when absent.
  Result<std::vector<const toml::table*>> Tables(std::string_view key);

  // InvalidArgument "file:line:col: 'prefix.key' <problem>", at the key's value when present.
  Status Error(std::string_view key, const std::string& problem) const;
  // InvalidArgument for the first key of the table that nobody asked for.
  Status Finish() const;

  // "prefix.key" (or "key" at the top level), as messages name it.
  std::string Name(std::string_view key) const;

 private:
  const toml::node* Use(std::string_view key);
  Status WrongType(std::string_view key, const toml::node& n, const std::string& want) const;

  const std::string& file_;
  std::string prefix_;
  const toml::table& table_;
  std::set<std::string, std::less<>> used_;
};

}  // namespace duban::config
