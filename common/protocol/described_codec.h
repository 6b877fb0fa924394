// Internal to the codec: the msgpack writer and the strict reader that a message's description
// (describe.h) drives. codec.cc instantiates them once per message for WriteFields/ReadFields;
// nothing else includes this file.
//
// Reading is as strict as the wire is (wire.h): a required field missing, a field of the wrong
// type, an unknown enum name or (in MapReader::Finish) an unknown field is InvalidArgument naming
// the field; then the message's Validate (validate.h), when it has one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/protocol/codec.h"
#include "common/protocol/codec_helpers.h"
#include "common/protocol/describe.h"
#include "common/protocol/validate.h"

namespace duban::protocol::codec_internal {

using Counters = std::vector<std::pair<std::string, std::int64_t>>;

template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};
template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

// What kOmitEmpty leaves out.
template <typename X>
bool IsEmptyValue(const X& v) {
  if constexpr (std::is_same_v<X, std::string> || IsVector<X>::value) {
    return v.empty();
  } else if constexpr (IsOptional<X>::value) {
    return !v.has_value();
  } else if constexpr (std::is_same_v<X, bool>) {
    return !v;
  } else if constexpr (std::is_integral_v<X>) {
    return v == 0;
  } else {
    return false;  // an enum or a nested message is always written
  }
}

class FieldWriter {
 public:
  explicit FieldWriter(MapWriter& w) : w_(w) {}

  template <typename X>
  void operator()(std::string_view key, const X& value, unsigned flags = kRequired,
                  std::string_view = {}) {
    if ((flags & kNotOnWire) != 0) return;
    if ((flags & kOmitEmpty) == kOmitEmpty && IsEmptyValue(value)) return;
    Put(key, value, flags);
  }

 private:
  void Put(std::string_view key, const std::string& v, unsigned flags) {
    if ((flags & kBin) == kBin) {
      w_.Bin(key, v);
    } else {
      w_.Str(key, v);
    }
  }
  void Put(std::string_view key, std::int64_t v, unsigned) { w_.Int(key, v); }
  void Put(std::string_view key, bool v, unsigned) { w_.Bool(key, v); }
  void Put(std::string_view key, const std::vector<std::string>& v, unsigned) {
    w_.StrList(key, v);
  }
  void Put(std::string_view key, const std::vector<std::int64_t>& v, unsigned) {
    w_.IntList(key, v);
  }
  // A map whose keys are data (counter names).
  void Put(std::string_view key, const Counters& v, unsigned) {
    w_.Map(key, [&](MapWriter& nw) {
      for (const auto& [k, n] : v) nw.Int(k, n);
    });
  }
  template <WireEnum E>
  void Put(std::string_view key, E v, unsigned) {
    w_.Str(key, WireName(v));
  }
  template <Described T>
  void Put(std::string_view key, const T& v, unsigned) {
    WriteNested(w_, key, v);
  }
  template <Described T>
  void Put(std::string_view key, const std::optional<T>& v, unsigned) {
    if (v) WriteNested(w_, key, *v);
  }
  template <Described T>
  void Put(std::string_view key, const std::vector<T>& v, unsigned) {
    WriteList(w_, key, v);
  }

  MapWriter& w_;
};

class FieldReader {
 public:
  explicit FieldReader(MapReader& r) : r_(r) {}

  template <typename X>
  void operator()(std::string_view key, X& value, unsigned flags = kRequired,
                  std::string_view = {}) {
    if (!status_.ok() || (flags & kNotOnWire) != 0) return;
    status_ = Get(key, &value, flags, (flags & kOptional) == 0);
  }
  const Status& status() const { return status_; }

 private:
  Status Get(std::string_view key, std::string* v, unsigned flags, bool required) {
    return (flags & kAnyBytes) != 0 ? r_.Bytes(key, v, required) : r_.Str(key, v, required);
  }
  Status Get(std::string_view key, std::int64_t* v, unsigned, bool required) {
    return r_.Int(key, v, required);
  }
  Status Get(std::string_view key, bool* v, unsigned, bool required) {
    return r_.Bool(key, v, required);
  }
  Status Get(std::string_view key, std::vector<std::string>* v, unsigned, bool required) {
    return r_.StrList(key, v, required);
  }
  Status Get(std::string_view key, std::vector<std::int64_t>* v, unsigned, bool required) {
    return r_.IntList(key, v, required);
  }
  Status Get(std::string_view key, Counters* v, unsigned, bool required) {
    // The keys are data, so this map is read whole rather than field by field.
    MapReader nested;
    if (!required && !r_.Has(key)) return Status::Ok();
    DUBAN_RETURN_IF_ERROR(r_.Map(key, &nested, required));
    v->clear();
    return nested.ForEachInt(
        [&](std::string_view k, std::int64_t n) { v->emplace_back(std::string(k), n); });
  }
  template <WireEnum E>
  Status Get(std::string_view key, E* v, unsigned, bool required) {
    if (!required && !r_.Has(key)) return Status::Ok();
    std::string name;
    DUBAN_RETURN_IF_ERROR(r_.Str(key, &name, required));
    return ParseWire(name, v);
  }
  template <Described T>
  Status Get(std::string_view key, T* v, unsigned, bool required) {
    return ReadNested(r_, key, v, required);
  }
  template <Described T>
  Status Get(std::string_view key, std::optional<T>* v, unsigned, bool required) {
    if (!required && !r_.Has(key)) return Status::Ok();
    T value;
    DUBAN_RETURN_IF_ERROR(ReadNested(r_, key, &value, required));
    *v = std::move(value);
    return Status::Ok();
  }
  template <Described T>
  Status Get(std::string_view key, std::vector<T>* v, unsigned, bool required) {
    return ReadList(r_, key, v, required);
  }

  MapReader& r_;
  Status status_;
};

template <Described T>
void WriteDescribed(MapWriter& w, const T& m) {
  FieldWriter v(w);
  Describe(v, m);
}

template <Described T>
Status ReadDescribed(MapReader& r, T* m) {
  FieldReader v(r);
  Describe(v, *m);
  DUBAN_RETURN_IF_ERROR(v.status());
  if constexpr (requires { Validate(*m); }) {
    return Validate(*m);
  } else {
    return Status::Ok();
  }
}

}  // namespace duban::protocol::codec_internal
