#include "common/protocol/field_table.h"

#include <optional>
#include <utility>

#include "common/protocol/codec.h"
#include "common/protocol/describe.h"

namespace duban::protocol {

namespace {

std::string Link(std::string_view type) {
  return "[`" + std::string(type) + "`](#message-" + std::string(type) + ")";
}

// The name of a message type, from the same list the codec uses.
template <typename T>
std::string_view NameOf();
#define DUBAN_NAME_OF(T)                \
  template <>                           \
  std::string_view NameOf<T>() {        \
    return #T;                          \
  }
DUBAN_MESSAGES(DUBAN_NAME_OF)
#undef DUBAN_NAME_OF

template <typename X>
std::string TypeName(unsigned flags) {
  if constexpr (std::is_same_v<X, std::string>) {
    return (flags & kAnyBytes) != 0 ? ((flags & kBin) == kBin ? "bin" : "str or bin") : "str";
  } else if constexpr (std::is_same_v<X, bool>) {
    return "bool";
  } else if constexpr (std::is_same_v<X, std::int64_t>) {
    return (flags & kTime) != 0 ? "int (ms)" : "int";
  } else if constexpr (std::is_same_v<X, std::vector<std::string>>) {
    return "[str]";
  } else if constexpr (std::is_same_v<X, std::vector<std::int64_t>>) {
    return "[int]";
  } else if constexpr (std::is_same_v<X, std::vector<std::pair<std::string, std::int64_t>>>) {
    return "map str → int";
  } else if constexpr (WireEnum<X>) {
    return "str";
  } else if constexpr (Described<X>) {
    return "map " + Link(NameOf<X>());
  } else if constexpr (requires { typename X::value_type; } &&
                       std::is_same_v<X, std::optional<typename X::value_type>>) {
    return "map " + Link(NameOf<typename X::value_type>());
  } else {
    return "[map " + Link(NameOf<typename X::value_type>()) + "]";
  }
}

// A table cell: no line breaks, and a bar would end the cell.
std::string Cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += ' ';
    } else if (c == '|') {
      out += "\\|";
    } else {
      out += c;
    }
  }
  return out;
}

struct RowWriter {
  std::string rows;
  template <typename X>
  void operator()(std::string_view key, const X&, unsigned flags = kRequired,
                  std::string_view doc = {}) {
    if ((flags & kNotOnWire) != 0) return;
    std::string required = (flags & kOptional) == 0                ? "yes"
                           : (flags & kOmitEmpty) == kOmitEmpty ? "no; left out when empty"
                                                                 : "no";
    rows += "| `" + std::string(key) + "` | " + TypeName<std::remove_cv_t<X>>(flags) + " | " +
            required + " | " + Cell(doc) + (flags & kPrivate ? " (private)" : "") + " |\n";
  }
};

template <typename T>
std::string TableOf() {
  RowWriter w;
  const T m{};
  Describe(w, m);
  const std::string anchor = "<a id=\"message-" + std::string(NameOf<T>()) + "\"></a>";
  if (w.rows.empty()) return anchor + "`" + std::string(NameOf<T>()) + "` has no fields.\n";
  return anchor + "\n\n| field | type | required | meaning |\n| --- | --- | --- | --- |\n" +
         w.rows;
}

}  // namespace

const std::vector<std::string_view>& MessageNames() {
  static const std::vector<std::string_view> names = {
#define DUBAN_NAME(T) #T,
      DUBAN_MESSAGES(DUBAN_NAME)
#undef DUBAN_NAME
  };
  return names;
}

std::string FieldTable(std::string_view name) {
#define DUBAN_TABLE(T) \
  if (name == #T) return TableOf<T>();
  DUBAN_MESSAGES(DUBAN_TABLE)
#undef DUBAN_TABLE
  return "";
}

}  // namespace duban::protocol
