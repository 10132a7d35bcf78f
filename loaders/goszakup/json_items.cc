#include "loaders/goszakup/json_items.h"

#include <cstdio>
#include <memory>

#include "absl/strings/str_cat.h"
#include "base/text.h"
#include "loaders/goszakup/utf8_stream.h"
#include "rapidjson/error/en.h"
#include "rapidjson/reader.h"

namespace coigraph::loaders::goszakup {

namespace {

// Whether `key` is `want`: the size and first letter before the rest, as most keys differ there.
bool SameKey(const std::string& key, std::string_view want) {
  return key.size() == want.size() && (want.empty() || key[0] == want[0]) &&
         std::string_view(key) == want;
}

}  // namespace

std::string_view JsonItem::Get(std::string_view key) const {
  for (size_t i = 0; i < field_count_; ++i) {
    if (SameKey(fields_[i].key, key)) return fields_[i].value;
  }
  return {};
}

bool JsonItem::Has(std::string_view key) const {
  for (size_t i = 0; i < field_count_; ++i) {
    if (SameKey(fields_[i].key, key)) return true;
  }
  return false;
}

std::span<const JsonItem> JsonItem::Array(std::string_view key) const {
  for (size_t i = 0; i < array_count_; ++i) {
    if (arrays_[i].key == key) return {arrays_[i].items.data(), arrays_[i].used};
  }
  return {};
}

void JsonItem::Clear() {
  field_count_ = 0;
  array_count_ = 0;
  offset_ = 0;
}

std::string& JsonItem::AddField(std::string_view key) {
  if (field_count_ == fields_.size()) fields_.emplace_back();
  Field& f = fields_[field_count_++];
  f.key.assign(key);
  f.value.clear();
  return f.value;
}

JsonItem& JsonItem::AddArrayItem(std::string_view key) {
  ArrayField* a = nullptr;
  for (size_t i = 0; i < array_count_; ++i) {
    if (arrays_[i].key == key) a = &arrays_[i];
  }
  if (a == nullptr) {
    if (array_count_ == arrays_.size()) arrays_.emplace_back();
    a = &arrays_[array_count_++];
    a->key.assign(key);
    a->used = 0;
  }
  if (a->used == a->items.size()) a->items.emplace_back();
  JsonItem& item = a->items[a->used++];
  item.Clear();
  return item;
}

namespace {

// The SAX handler: a stack of frames, one per open object or array, each knowing what its
// values are (docs in json_items.h).
template <typename Stream>
class ItemHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, ItemHandler<Stream>> {
 public:
  ItemHandler(const Stream& stream, const JsonItemReader::Visit& visit, int64_t& records)
      : stream_(stream), visit_(visit), records_(records) {}

  bool Key(const char* s, rapidjson::SizeType n, bool /*copy*/) {
    key_.assign(s, n);
    return true;
  }
  bool String(const char* s, rapidjson::SizeType n, bool /*copy*/) { return Scalar({s, n}); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool /*copy*/) { return Scalar({s, n}); }
  bool Bool(bool b) { return Scalar(b ? "true" : "false"); }
  bool Null() { return true; }  // absent

  bool StartObject() {
    if (frames_.empty()) {  // a top-level object: a page or a record
      root_.Clear();
      root_.set_offset(static_cast<int64_t>(stream_.Tell()) - 1);
      page_ = false;
      frames_.push_back({Kind::kRecord, &root_, ""});
      return true;
    }
    Frame& top = frames_.back();
    switch (top.kind) {
      case Kind::kTopArray:
      case Kind::kItems:
        element_.Clear();
        element_.set_offset(static_cast<int64_t>(stream_.Tell()) - 1);
        frames_.push_back({Kind::kElement, &element_, ""});
        break;
      case Kind::kRecord:
      case Kind::kElement:
      case Kind::kNested:
        frames_.push_back({Kind::kNested, top.target, base::Cat(top.prefix, key_, ".")});
        break;
      case Kind::kSubArray: {
        JsonItem& sub = top.target->AddArrayItem(top.prefix);
        frames_.push_back({Kind::kNested, &sub, ""});
        break;
      }
      case Kind::kIgnore:
        frames_.push_back({Kind::kIgnore, nullptr, ""});
        break;
    }
    return true;
  }

  bool EndObject(rapidjson::SizeType /*members*/) {
    const Kind kind = frames_.back().kind;
    frames_.pop_back();
    if (kind == Kind::kElement) {
      Emit(element_);
    } else if (kind == Kind::kRecord && !page_) {
      Emit(root_);
    }
    return true;
  }

  bool StartArray() {
    if (frames_.empty()) {
      frames_.push_back({Kind::kTopArray, nullptr, ""});
      return true;
    }
    Frame& top = frames_.back();
    if (top.kind == Kind::kRecord && top.prefix.empty() && key_ == "items") {
      page_ = true;
      frames_.push_back({Kind::kItems, nullptr, ""});
    } else if (top.kind == Kind::kRecord || top.kind == Kind::kElement ||
               top.kind == Kind::kNested) {
      frames_.push_back({Kind::kSubArray, top.target, base::Cat(top.prefix, key_)});
    } else {
      frames_.push_back({Kind::kIgnore, nullptr, ""});  // arrays of arrays
    }
    return true;
  }

  bool EndArray(rapidjson::SizeType /*elements*/) {
    frames_.pop_back();
    return true;
  }

 private:
  enum class Kind {
    kTopArray,  // a top-level array: its objects are records
    kItems,     // a page's `items`: its objects are records
    kRecord,    // a top-level object (a record, or a page until `items` shows it is one)
    kElement,   // a record of kTopArray / kItems
    kNested,    // an object inside a record: fields go to `target` under `prefix`
    kSubArray,  // an array inside a record: its objects are records of target->Array(prefix)
    kIgnore,    // anything else
  };
  struct Frame {
    Kind kind;
    JsonItem* target;
    std::string prefix;
  };

  bool Scalar(std::string_view value) {
    if (frames_.empty()) return true;  // a top-level scalar: not a record
    Frame& top = frames_.back();
    if (top.kind == Kind::kRecord || top.kind == Kind::kElement || top.kind == Kind::kNested) {
      if (top.prefix.empty()) {
        top.target->AddField(key_).assign(value);
      } else {
        top.target->AddField(base::Cat(top.prefix, key_)).assign(value);
      }
    }
    return true;
  }

  void Emit(const JsonItem& item) {
    ++records_;
    visit_(item);
  }

  const Stream& stream_;
  const JsonItemReader::Visit& visit_;
  int64_t& records_;
  std::vector<Frame> frames_;
  std::string key_;
  JsonItem root_, element_;
  bool page_ = false;
};

absl::Status ReadStream(Utf8Stream& stream, std::string_view name,
                        const JsonItemReader::Visit& visit, int64_t& records) {
  // UTF-8 is checked by the stream, a block at a time (utf8_stream.h).
  constexpr unsigned kFlags = rapidjson::kParseStopWhenDoneFlag |
                              rapidjson::kParseNumbersAsStringsFlag |
                              rapidjson::kParseIterativeFlag;
  rapidjson::Reader reader;
  ItemHandler<Utf8Stream> handler(stream, visit, records);  // kept: its records' strings are reused
  auto not_utf8 = [&] {
    return absl::InvalidArgumentError(
        base::Cat(name, ": byte ", stream.bad_offset(), ": not UTF-8"));
  };
  for (;;) {
    rapidjson::SkipWhitespace(stream);
    if (stream.Peek() == '\0') return stream.bad_offset() >= 0 ? not_utf8() : absl::OkStatus();
    const rapidjson::ParseResult r = reader.Parse<kFlags>(stream, handler);
    if (r.IsError()) {
      if (stream.bad_offset() >= 0) return not_utf8();
      return absl::InvalidArgumentError(
          base::Cat(name, ": byte ", r.Offset(), ": ", rapidjson::GetParseError_En(r.Code())));
    }
  }
}

}  // namespace

absl::Status JsonItemReader::ReadFile(const std::string& path, const Visit& visit) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) return absl::NotFoundError(base::Cat("cannot open ", path));
  Utf8Stream stream(file.get());
  absl::Status s = ReadStream(stream, path, visit, records_);
  if (s.ok() && stream.read_error()) return absl::InternalError("read error: " + path);
  return s;
}

absl::Status JsonItemReader::ReadText(std::string_view text, std::string_view name,
                                      const Visit& visit) {
  Utf8Stream stream(text);
  return ReadStream(stream, name, visit, records_);
}

}  // namespace coigraph::loaders::goszakup
