#include "common/protocol/wire.h"

#include <algorithm>
#include <new>

namespace duban::protocol {

void MapWriter::Key(std::string_view key) {
  ++fields_;
  pk_.pack_str(static_cast<std::uint32_t>(key.size()));
  pk_.pack_str_body(key.data(), static_cast<std::uint32_t>(key.size()));
}

std::string MapWriter::Take() const {
  msgpack::sbuffer head;
  msgpack::packer<msgpack::sbuffer> pk(head);
  pk.pack_map(fields_);
  std::string out;
  out.reserve(head.size() + body_.size());
  out.append(head.data(), head.size());
  out.append(body_.data(), body_.size());
  return out;
}

MapWriter& MapWriter::Str(std::string_view key, std::string_view value) {
  Key(key);
  pk_.pack_str(static_cast<std::uint32_t>(value.size()));
  pk_.pack_str_body(value.data(), static_cast<std::uint32_t>(value.size()));
  return *this;
}

MapWriter& MapWriter::Int(std::string_view key, std::int64_t value) {
  Key(key);
  pk_.pack_int64(value);
  return *this;
}

MapWriter& MapWriter::Bin(std::string_view key, std::string_view value) {
  Key(key);
  pk_.pack_bin(static_cast<std::uint32_t>(value.size()));
  pk_.pack_bin_body(value.data(), static_cast<std::uint32_t>(value.size()));
  return *this;
}

MapWriter& MapWriter::Bool(std::string_view key, bool value) {
  Key(key);
  if (value) pk_.pack_true(); else pk_.pack_false();
  return *this;
}

MapWriter& MapWriter::StrList(std::string_view key, const std::vector<std::string>& values) {
  Key(key);
  pk_.pack_array(static_cast<std::uint32_t>(values.size()));
  for (const auto& v : values) {
    pk_.pack_str(static_cast<std::uint32_t>(v.size()));
    pk_.pack_str_body(v.data(), static_cast<std::uint32_t>(v.size()));
  }
  return *this;
}

MapWriter& MapWriter::IntList(std::string_view key, const std::vector<std::int64_t>& values) {
  Key(key);
  pk_.pack_array(static_cast<std::uint32_t>(values.size()));
  for (std::int64_t v : values) pk_.pack_int64(v);
  return *this;
}

MapWriter& MapWriter::Raw(std::string_view key, std::string_view msgpack_bytes) {
  Key(key);
  body_.write(msgpack_bytes.data(), msgpack_bytes.size());
  return *this;
}

// ---------------------------------------------------------------------------------------------

MapReader::MapReader(std::shared_ptr<msgpack::object_handle> h, const msgpack::object* map,
                     std::string path)
    : handle_(std::move(h)), map_(map), path_(std::move(path)) {}

Result<MapReader> MapReader::Parse(std::string_view bytes) {
  if (bytes.size() > kMaxMessageBytes) {
    return ProtocolError("message of " + std::to_string(bytes.size()) + " bytes exceeds the " +
                         std::to_string(kMaxMessageBytes) + "-byte limit");
  }
  if (bytes.empty()) return ProtocolError("empty message body");
  auto handle = std::make_shared<msgpack::object_handle>();
  try {
    std::size_t offset = 0;
    msgpack::unpack_limit limit(kMaxArrayItems, kMaxMapItems, kMaxMessageBytes, kMaxMessageBytes,
                                0, kMaxDepth);
    msgpack::unpack(*handle, bytes.data(), bytes.size(), offset, nullptr, nullptr, limit);
    if (offset != bytes.size()) {
      return ProtocolError("trailing bytes after the msgpack message (" +
                           std::to_string(bytes.size() - offset) + " bytes)");
    }
  } catch (const msgpack::unpack_error& e) {
    return ProtocolError(std::string("bad msgpack: ") + e.what());
  } catch (const msgpack::type_error& e) {
    return ProtocolError(std::string("bad msgpack type: ") + e.what());
  } catch (const std::bad_alloc&) {
    return ProtocolError("bad msgpack: allocation failed");
  } catch (const std::exception& e) {
    return ProtocolError(std::string("bad msgpack: ") + e.what());
  }
  const msgpack::object* obj = &handle->get();
  if (obj->type != msgpack::type::MAP) return ProtocolError("message must be a msgpack map");
  for (std::uint32_t i = 0; i < obj->via.map.size; ++i) {
    if (obj->via.map.ptr[i].key.type != msgpack::type::STR) {
      return ProtocolError("message map keys must be strings");
    }
  }
  return MapReader(std::move(handle), obj, "");
}

const msgpack::object* MapReader::Find(std::string_view key) const {
  if (map_ == nullptr) return nullptr;
  for (std::uint32_t i = 0; i < map_->via.map.size; ++i) {
    const auto& kv = map_->via.map.ptr[i];
    if (kv.key.type == msgpack::type::STR &&
        std::string_view(kv.key.via.str.ptr, kv.key.via.str.size) == key) {
      if (std::find(seen_.begin(), seen_.end(), key) == seen_.end()) seen_.emplace_back(key);
      if (kv.val.type == msgpack::type::NIL) return nullptr;  // nil means absent
      return &kv.val;
    }
  }
  return nullptr;
}

bool MapReader::Has(std::string_view key) const { return Find(key) != nullptr; }

std::string MapReader::Name(std::string_view key) const { return path_ + std::string(key); }

#define DUBAN_FIND_OR_ABSENT(key, required)                                      \
  const msgpack::object* o = Find(key);                                          \
  if (o == nullptr) {                                                            \
    if (required) return InvalidArgument("missing field '" + Name(key) + "'");   \
    return Status::Ok();                                                         \
  }

Status MapReader::Str(std::string_view key, std::string* out, bool required) {
  DUBAN_FIND_OR_ABSENT(key, required);
  if (o->type != msgpack::type::STR) return InvalidArgument("field '" + Name(key) + "' must be a string");
  out->assign(o->via.str.ptr, o->via.str.size);
  return Status::Ok();
}

Status MapReader::Int(std::string_view key, std::int64_t* out, bool required) {
  DUBAN_FIND_OR_ABSENT(key, required);
  if (o->type == msgpack::type::POSITIVE_INTEGER) {
    if (o->via.u64 > static_cast<std::uint64_t>(INT64_MAX)) {
      return InvalidArgument("field '" + Name(key) + "' is out of range");
    }
    *out = static_cast<std::int64_t>(o->via.u64);
  } else if (o->type == msgpack::type::NEGATIVE_INTEGER) {
    *out = o->via.i64;
  } else {
    return InvalidArgument("field '" + Name(key) + "' must be an integer");
  }
  return Status::Ok();
}

Status MapReader::Bytes(std::string_view key, std::string* out, bool required) {
  DUBAN_FIND_OR_ABSENT(key, required);
  if (o->type == msgpack::type::BIN) {
    out->assign(o->via.bin.ptr, o->via.bin.size);
  } else if (o->type == msgpack::type::STR) {
    out->assign(o->via.str.ptr, o->via.str.size);
  } else {
    return InvalidArgument("field '" + Name(key) + "' must be bytes");
  }
  return Status::Ok();
}

Status MapReader::Bool(std::string_view key, bool* out, bool required) {
  DUBAN_FIND_OR_ABSENT(key, required);
  if (o->type != msgpack::type::BOOLEAN) return InvalidArgument("field '" + Name(key) + "' must be a boolean");
  *out = o->via.boolean;
  return Status::Ok();
}

Status MapReader::StrList(std::string_view key, std::vector<std::string>* out, bool required) {
  DUBAN_FIND_OR_ABSENT(key, required);
  if (o->type != msgpack::type::ARRAY) return InvalidArgument("field '" + Name(key) + "' must be an array of strings");
  out->clear();
  for (std::uint32_t i = 0; i < o->via.array.size; ++i) {
    const auto& e = o->via.array.ptr[i];
    if (e.type != msgpack::type::STR) return InvalidArgument("field '" + Name(key) + "' must be an array of strings");
    out->emplace_back(e.via.str.ptr, e.via.str.size);
  }
  return Status::Ok();
}

Status MapReader::IntList(std::string_view key, std::vector<std::int64_t>* out, bool required) {
  DUBAN_FIND_OR_ABSENT(key, required);
  auto bad = [&] { return InvalidArgument("field '" + Name(key) + "' must be an array of integers"); };
  if (o->type != msgpack::type::ARRAY) return bad();
  out->clear();
  for (std::uint32_t i = 0; i < o->via.array.size; ++i) {
    const auto& e = o->via.array.ptr[i];
    if (e.type == msgpack::type::POSITIVE_INTEGER && e.via.u64 <= static_cast<std::uint64_t>(INT64_MAX)) {
      out->push_back(static_cast<std::int64_t>(e.via.u64));
    } else if (e.type == msgpack::type::NEGATIVE_INTEGER) {
      out->push_back(e.via.i64);
    } else {
      return bad();
    }
  }
  return Status::Ok();
}

Status MapReader::Map(std::string_view key, MapReader* out, bool required) {
  DUBAN_FIND_OR_ABSENT(key, required);
  if (o->type != msgpack::type::MAP) return InvalidArgument("field '" + Name(key) + "' must be a map");
  for (std::uint32_t i = 0; i < o->via.map.size; ++i) {
    if (o->via.map.ptr[i].key.type != msgpack::type::STR) {
      return InvalidArgument("field '" + Name(key) + "' must have string keys");
    }
  }
  *out = MapReader(handle_, o, Name(key) + ".");
  return Status::Ok();
}

Status MapReader::MapList(std::string_view key, std::vector<MapReader>* out, bool required) {
  DUBAN_FIND_OR_ABSENT(key, required);
  if (o->type != msgpack::type::ARRAY) return InvalidArgument("field '" + Name(key) + "' must be an array of maps");
  out->clear();
  for (std::uint32_t i = 0; i < o->via.array.size; ++i) {
    const auto& e = o->via.array.ptr[i];
    if (e.type != msgpack::type::MAP) return InvalidArgument("field '" + Name(key) + "' must be an array of maps");
    for (std::uint32_t j = 0; j < e.via.map.size; ++j) {
      if (e.via.map.ptr[j].key.type != msgpack::type::STR) {
        return InvalidArgument("field '" + Name(key) + "' must have string keys");
      }
    }
    out->push_back(MapReader(handle_, &e, Name(key) + "[" + std::to_string(i) + "]."));
  }
  return Status::Ok();
}

Status MapReader::Raw(std::string_view key, std::string* out, bool required) {
  DUBAN_FIND_OR_ABSENT(key, required);
  msgpack::sbuffer sb;
  msgpack::pack(sb, *o);
  out->assign(sb.data(), sb.size());
  return Status::Ok();
}

#undef DUBAN_FIND_OR_ABSENT

Status MapReader::Finish() const {
  if (map_ == nullptr) return Status::Ok();
  for (std::uint32_t i = 0; i < map_->via.map.size; ++i) {
    const auto& k = map_->via.map.ptr[i].key;
    std::string_view name(k.via.str.ptr, k.via.str.size);
    if (std::find(seen_.begin(), seen_.end(), name) == seen_.end()) {
      return InvalidArgument("unknown field '" + Name(name) + "'");
    }
  }
  return Status::Ok();
}

}  // namespace duban::protocol
