#include "config/table_reader.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

namespace duban::config {

std::string TypeName(const toml::node& n) {
  std::ostringstream name;
  name << n.type();
  return name.str();
}

std::string Where(const std::string& file, const toml::source_region& at) {
  if (at.begin.line == 0) return file;
  return file + ":" + std::to_string(at.begin.line) + ":" + std::to_string(at.begin.column);
}

Result<toml::table> ParseFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return InvalidArgument(path + ": cannot read the file (missing or not a regular file)");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) return InvalidArgument(path + ": cannot read the file");
  try {
    return toml::parse(text.str(), path);
  } catch (const toml::parse_error& e) {
    return InvalidArgument(Where(path, e.source()) +
                           ": TOML syntax error: " + std::string(e.description()));
  }
}

std::string ResolveBeside(const std::string& config_path, const std::string& path) {
  if (path.empty() || std::filesystem::path(path).is_absolute()) return path;
  return (std::filesystem::path(config_path).parent_path() / path).string();
}

Status TableReader::Int(std::string_view key, std::int64_t* out) {
  const toml::node* n = Use(key);
  if (n == nullptr) return Status::Ok();
  if (!n->is_integer()) return WrongType(key, *n, "an integer");
  *out = n->as_integer()->get();
  return Status::Ok();
}

Status TableReader::Bool(std::string_view key, bool* out) {
  const toml::node* n = Use(key);
  if (n == nullptr) return Status::Ok();
  if (!n->is_boolean()) return WrongType(key, *n, "a boolean");
  *out = n->as_boolean()->get();
  return Status::Ok();
}

Status TableReader::Str(std::string_view key, std::string* out) {
  const toml::node* n = Use(key);
  if (n == nullptr) return Status::Ok();
  if (!n->is_string()) return WrongType(key, *n, "a string");
  *out = n->as_string()->get();
  return Status::Ok();
}

Status TableReader::RequiredStr(std::string_view key, std::string* out) {
  DUBAN_RETURN_IF_ERROR(Str(key, out));
  if (!out->empty()) return Status::Ok();
  return InvalidArgument(Where(file_, table_.source()) + ": '" + Name(key) +
                         "' is required and must not be empty");
}

Status TableReader::StrList(std::string_view key, std::vector<std::string>* out) {
  const toml::node* n = Use(key);
  if (n == nullptr) return Status::Ok();
  if (!n->is_array()) return WrongType(key, *n, "an array of strings");
  out->clear();
  for (const toml::node& item : *n->as_array()) {
    if (!item.is_string()) {
      return InvalidArgument(Where(file_, item.source()) + ": '" + Name(key) +
                             "' must hold only strings, found " + TypeName(item));
    }
    out->push_back(item.as_string()->get());
  }
  return Status::Ok();
}

Result<const toml::array*> TableReader::Array(std::string_view key) {
  const toml::node* n = Use(key);
  if (n == nullptr) return static_cast<const toml::array*>(nullptr);
  if (!n->is_array() || n->is_array_of_tables()) return WrongType(key, *n, "an array");
  return n->as_array();
}

Result<const toml::table*> TableReader::Table(std::string_view key) {
  const toml::node* n = Use(key);
  if (n == nullptr) return static_cast<const toml::table*>(nullptr);
  if (!n->is_table()) return WrongType(key, *n, "a table");
  return n->as_table();
}

Result<std::vector<const toml::table*>> TableReader::Tables(std::string_view key) {
  std::vector<const toml::table*> out;
  const toml::node* n = Use(key);
  if (n == nullptr) return out;
  if (!n->is_array_of_tables())
    return WrongType(key, *n, "an array of tables ([[" + Name(key) + "]])");
  for (const toml::node& item : *n->as_array()) out.push_back(item.as_table());
  return out;
}

Status TableReader::Error(std::string_view key, const std::string& problem) const {
  const toml::node* n = table_.get(key);
  return InvalidArgument(Where(file_, n ? n->source() : table_.source()) + ": '" + Name(key) +
                         "' " + problem);
}

Status TableReader::Finish() const {
  for (const auto& [key, value] : table_) {
    if (used_.count(key.str()) != 0) continue;
    std::string what = value.is_table() || value.is_array_of_tables()
                           ? "unknown section [" + Name(key.str()) + "]"
                           : "unknown key '" + Name(key.str()) + "'";
    return InvalidArgument(Where(file_, key.source()) + ": " + what);
  }
  return Status::Ok();
}

std::string TableReader::Name(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

const toml::node* TableReader::Use(std::string_view key) {
  used_.insert(std::string(key));
  return table_.get(key);
}

Status TableReader::WrongType(std::string_view key, const toml::node& n,
                              const std::string& want) const {
  return InvalidArgument(Where(file_, n.source()) + ": '" + Name(key) + "' must be " + want +
                         ", got " + TypeName(n));
}

}  // namespace duban::config
