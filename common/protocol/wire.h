// Wire: the msgpack adapter. The only code that touches msgpack-cxx. Structs are encoded as maps
// with string keys so fields can be added; decoding is strict and bounded:
//   - size limits (msgpack::unpack_limit) so a 5-byte header cannot ask for gigabytes;
//   - the whole buffer must be consumed (msgpack ignores trailing bytes otherwise);
//   - every msgpack exception (unpack_error, type_error, bad_alloc...) becomes a ProtocolError;
//   - a MapReader remembers which keys were read, and Finish() rejects unknown fields.
//
// Thread rules: value types; a MapReader and the readers nested in it share one immutable buffer.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <msgpack.hpp>

#include "common/result.h"

namespace duban::protocol {

inline constexpr std::size_t kMaxMessageBytes = 1 << 20;  // 1 MiB per body frame
inline constexpr std::size_t kMaxArrayItems = 10000;
inline constexpr std::size_t kMaxMapItems = 256;
inline constexpr std::size_t kMaxDepth = 16;

// Writes one msgpack map. Fields are counted as they are written and the map header is put in
// front by Take(), so writers never state a field count by hand.
class MapWriter {
 public:
  MapWriter() : pk_(body_) {}
  MapWriter& Str(std::string_view key, std::string_view value);
  MapWriter& Int(std::string_view key, std::int64_t value);
  MapWriter& Bool(std::string_view key, bool value);
  // Arbitrary bytes (msgpack bin): for opaque payloads that need not be UTF-8.
  MapWriter& Bin(std::string_view key, std::string_view value);
  MapWriter& StrList(std::string_view key, const std::vector<std::string>& values);
  MapWriter& IntList(std::string_view key, const std::vector<std::int64_t>& values);
  // A nested map: write(MapWriter&) fills it.
  template <typename F>
  MapWriter& Map(std::string_view key, F&& write) {
    MapWriter nested;
    write(nested);
    return Raw(key, nested.Take());
  }
  // An array of maps, one per item: write(MapWriter&, const T&) fills each.
  template <typename T, typename F>
  MapWriter& MapList(std::string_view key, const std::vector<T>& items, F&& write) {
    Key(key);
    pk_.pack_array(static_cast<std::uint32_t>(items.size()));
    for (const auto& item : items) {
      MapWriter nested;
      write(nested, item);
      std::string bytes = nested.Take();
      body_.write(bytes.data(), bytes.size());
    }
    return *this;
  }
  // Already encoded msgpack bytes (one complete object) as the value.
  MapWriter& Raw(std::string_view key, std::string_view msgpack_bytes);
  // The encoded map: header with the field count, then the fields.
  std::string Take() const;

 private:
  void Key(std::string_view key);

  msgpack::sbuffer body_;
  msgpack::packer<msgpack::sbuffer> pk_;
  std::uint32_t fields_ = 0;
};

class MapReader {
 public:
  // Parses one complete msgpack map. ProtocolError when the bytes are too large, truncated, carry
  // trailing bytes, break a limit or are not a map.
  static Result<MapReader> Parse(std::string_view bytes);

  // Each getter: OK and *out set when present and of the right type; OK and *out untouched when
  // absent and optional; InvalidArgument "missing field 'k'" or "field 'k' must be a string".
  Status Str(std::string_view key, std::string* out, bool required = true);
  Status Int(std::string_view key, std::int64_t* out, bool required = true);
  Status Bool(std::string_view key, bool* out, bool required = true);
  // Bytes from a bin or a str value.
  Status Bytes(std::string_view key, std::string* out, bool required = true);
  Status StrList(std::string_view key, std::vector<std::string>* out, bool required = true);
  Status IntList(std::string_view key, std::vector<std::int64_t>* out, bool required = true);
  Status Map(std::string_view key, MapReader* out, bool required = true);
  Status MapList(std::string_view key, std::vector<MapReader>* out, bool required = true);
  // The raw msgpack bytes of a field's value (re-encoded), for opaque sub-documents.
  Status Raw(std::string_view key, std::string* out, bool required = true);
  bool Has(std::string_view key) const;
  // Calls f(key, value) for every field; InvalidArgument if a value is not an integer. Marks every
  // field as read (for maps whose keys are data, such as counter names).
  template <typename F>
  Status ForEachInt(F&& f) {
    if (map_ == nullptr) return Status::Ok();
    for (std::uint32_t i = 0; i < map_->via.map.size; ++i) {
      const auto& kv = map_->via.map.ptr[i];
      std::string_view k(kv.key.via.str.ptr, kv.key.via.str.size);
      std::int64_t v = 0;
      DUBAN_RETURN_IF_ERROR(Int(k, &v));
      f(k, v);
    }
    return Status::Ok();
  }

  // InvalidArgument "unknown field 'k'" if the map has a key no getter asked for.
  Status Finish() const;

  MapReader() = default;

 private:
  MapReader(std::shared_ptr<msgpack::object_handle> h, const msgpack::object* map,
            std::string path);
  const msgpack::object* Find(std::string_view key) const;
  std::string Name(std::string_view key) const;

  std::shared_ptr<msgpack::object_handle> handle_;
  const msgpack::object* map_ = nullptr;
  std::string path_;  // "deputy." for nested maps, for messages people can act on
  mutable std::vector<std::string> seen_;
};

}  // namespace duban::protocol
