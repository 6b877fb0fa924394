// Internal to the codec: the helpers that read and write nested maps and
// lists, shared by the codec's translation units (codec.cc, codec_handling.cc). Not for use
// outside common/protocol/.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "common/protocol/codec.h"
#include "common/protocol/limits.h"

namespace duban::protocol::codec_internal {

// The field limits live in common/protocol/limits.h (kMaxShortBytes, kMaxTitleBytes, ...).

template <typename T>
Status ReadNested(MapReader& r, std::string_view key, T* out, bool required = true) {
  if (!required && !r.Has(key)) return Status::Ok();
  MapReader nested;
  DUBAN_RETURN_IF_ERROR(r.Map(key, &nested, required));
  DUBAN_RETURN_IF_ERROR(ReadFields(nested, out));
  return nested.Finish();
}

template <typename T>
Status ReadList(MapReader& r, std::string_view key, std::vector<T>* out, bool required = true) {
  std::vector<MapReader> items;
  DUBAN_RETURN_IF_ERROR(r.MapList(key, &items, required));
  out->clear();
  for (auto& item : items) {
    T v;
    DUBAN_RETURN_IF_ERROR(ReadFields(item, &v));
    DUBAN_RETURN_IF_ERROR(item.Finish());
    out->push_back(std::move(v));
  }
  return Status::Ok();
}

template <typename T>
void WriteList(MapWriter& w, std::string_view key, const std::vector<T>& items) {
  w.MapList(key, items, [](MapWriter& nw, const T& item) { WriteFields(nw, item); });
}

template <typename T>
void WriteNested(MapWriter& w, std::string_view key, const T& m) {
  w.Map(key, [&](MapWriter& nw) { WriteFields(nw, m); });
}

}  // namespace duban::protocol::codec_internal
