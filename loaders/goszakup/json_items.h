// The records of one goszakup registry file, read as a stream (docs/loaders.md, "goszakup").
//
// The v3 REST registries answer pages `{"total": N, "next_page": ..., "limit": L, "items": [...]}`;
// an operator's dump keeps those pages as they came, one after another in a file, or writes the
// items one per line (JSON lines), or as one array. JsonItemReader takes any of these: every
// element of an `items` array of a top-level object, every element of a top-level array, and
// every other top-level object is one record. Files of any size are read in 64 KiB blocks; at
// most one record is held in memory.
//
// A record is flat, as the registries' items are: its scalar fields by name (numbers as written,
// `true`/`false`, null as absent), a nested object's fields as "object.field", and an array of
// objects (`app_lots`, `founders`) as a list of records.
//
// A syntax error ends the file: the records before it stand, and status() says where (byte
// offset) and what.
//
// Example:
//   JsonItemReader r;
//   absl::Status s = r.ReadFile("in/lots.json", [&](const JsonItem& item) {
//     std::string_view id = item.Get("id");
//   });
//
// Thread safety: none.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace coigraph::loaders::goszakup {

class JsonItem {
 public:
  // The field's text; "" when absent or null.
  std::string_view Get(std::string_view key) const;
  // Whether the field is there with a value that is not null.
  bool Has(std::string_view key) const;
  // The records of an array of objects; empty when absent.
  std::span<const JsonItem> Array(std::string_view key) const;

  // The record's position in its file: the byte offset of its first character.
  int64_t offset() const { return offset_; }

  // Building (JsonItemReader): fields are kept across records to reuse their strings.
  void Clear();
  std::string& AddField(std::string_view key);
  JsonItem& AddArrayItem(std::string_view key);
  void set_offset(int64_t offset) { offset_ = offset; }

 private:
  struct Field {
    std::string key;
    std::string value;
  };
  struct ArrayField {
    std::string key;
    std::vector<JsonItem> items;
    size_t used = 0;
  };
  std::vector<Field> fields_;
  size_t field_count_ = 0;
  std::vector<ArrayField> arrays_;
  size_t array_count_ = 0;
  int64_t offset_ = 0;
};

class JsonItemReader {
 public:
  using Visit = std::function<void(const JsonItem&)>;
  // Calls `visit` for each record of the file. Errors: NotFound / Internal when the file cannot
  // be read; InvalidArgument "PATH: byte N: REASON" at a syntax error (after the records before
  // it were visited).
  absl::Status ReadFile(const std::string& path, const Visit& visit);
  // The same over text in memory (tests, fuzzing); `name` stands for the path in errors.
  absl::Status ReadText(std::string_view text, std::string_view name, const Visit& visit);

  int64_t records() const { return records_; }  // visited so far, over every file

 private:
  int64_t records_ = 0;
};

}  // namespace coigraph::loaders::goszakup
