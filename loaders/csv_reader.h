// A streaming RFC 4180 CSV reader (docs/feeds.md, "General rules").
//
// Reads its input in large chunks and hands out one record at a time: comma separator, `"`
// quoting, quoted fields holding commas, doubled quotes (`""`) and line ends; LF or CRLF line
// ends; a leading UTF-8 BOM is skipped; the last line may lack its line end; blank lines are
// skipped. Each record knows the 1-based physical line it starts on and its raw text (without
// the trailing line end), for reject records.
//
// A plain record (no quote, no CR but in a CRLF line end, whole in the buffer) is cut out of the
// buffer without copying; any other record goes through a byte-at-a-time state machine. Both give
// the same records (tests/loaders/csv_batch_test.cc).
//
// A malformed record (text after a closing quote, a quote inside an unquoted field, a quote left
// open at the end of the input, a record longer than kMaxRecordBytes) is still returned, with
// `error` saying what is wrong; reading goes on with the next record.
//
// Example:
//   absl::StatusOr<std::unique_ptr<CsvReader>> r = CsvReader::OpenFile("persons.csv");
//   if (!r.ok()) return r.status();
//   while ((*r)->Next()) {
//     const CsvRecord& rec = (*r)->record();  // views valid until the next Next()
//     if (!rec.error.empty()) { ... reject rec.line, rec.raw ... }
//   }
//   if (!(*r)->status().ok()) return (*r)->status();  // an I/O error
//
// Thread safety: none; one thread reads one reader.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "loaders/buffer_pool.h"
#include "loaders/text_converter.h"

namespace coigraph::loaders {

// One record. Its views point into the reader's buffers, which are reused: they stay valid
// until the next call of CsvReader::Next().
struct CsvRecord {
  int64_t line = 0;                      // 1-based physical line the record starts on
  std::vector<std::string_view> fields;  // unquoted values
  std::string_view raw;                  // the record as in the file, without its line end
  std::string_view error;                // non-empty: the record is malformed, and why
};

class CsvReader {
 public:
  // A record longer than this is returned as malformed (its text is cut).
  static constexpr size_t kMaxRecordBytes = size_t{16} << 20;
  static constexpr size_t kDefaultChunkBytes = size_t{1} << 20;

  // `encoding`: the input's encoding when it is not UTF-8 (e.g. "cp1251"); the text is then
  // converted to UTF-8 as it is read (TextConverter).
  // `buffers`: where the reader takes its buffer from and gives it back to when it is destroyed
  // (null: its own); the pool must outlive the reader.
  // Errors: NotFound when the file does not exist, InvalidArgument when it cannot be opened or
  // iconv knows no such encoding.
  static absl::StatusOr<std::unique_ptr<CsvReader>> OpenFile(
      const std::string& path, size_t chunk_bytes = kDefaultChunkBytes,
      const std::string& encoding = "", BufferPool* buffers = nullptr);
  // Reads from memory (tests); `chunk_bytes` small values exercise chunk boundaries. The buffer
  // is no larger than the input.
  static std::unique_ptr<CsvReader> FromString(std::string data,
                                               size_t chunk_bytes = kDefaultChunkBytes);

  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next non-blank record. Returns false at the end of the input or on an I/O error
  // (then status() is not ok).
  bool Next();
  const CsvRecord& record() const { return record_; }
  // Reads up to `max` records at once, the same records Next() would return, so that a caller
  // can look ahead (prefetch what the next rows will touch). Their views stay valid until the
  // next call of Next() or NextBatch(). Empty at the end of the input or on an I/O error.
  std::span<const CsvRecord> NextBatch(size_t max);
  absl::Status status() const { return status_; }

 private:
  CsvReader(std::FILE* file, std::string memory, std::string path, size_t chunk_bytes,
            BufferPool* buffers);

  // Reads up to `max` bytes of input (converted to UTF-8 when an encoding was given); 0 at the
  // end of the input or on an I/O error.
  size_t ReadInput(char* dst, size_t max);
  size_t ReadRaw(char* dst, size_t max);
  bool Refill();
  // Moves the unread bytes to the front of the buffer and reads more after them. False when the
  // buffer is already full or nothing more could be read.
  bool Compact();
  // Reads a plain record (no quote, no CR but in a CRLF, whole in the buffer) straight out of
  // the buffer into `out`, without copying. kMore: the record runs past the buffer end (Compact()
  // and try again); kSlow: the record needs SlowNext(). Blank lines before it are consumed.
  enum class Plain { kRecord, kMore, kSlow };
  Plain ParsePlain(CsvRecord& out);
  bool FastNext();
  // The byte-at-a-time state machine: every record, and the only reader of the odd ones.
  bool SlowNext();
  int Get() {
    if (pos_ == end_ && !Refill()) return -1;
    return static_cast<unsigned char>(buf_[pos_++]);
  }
  void AppendRaw(char c) {
    if (raw_.size() < kMaxRecordBytes) {
      raw_.push_back(c);
    } else {
      too_long_ = true;
    }
  }
  void AppendText(char c) {
    if (!too_long_) text_.push_back(c);
  }
  void EndField();
  void SetError(std::string_view reason);

  std::FILE* file_ = nullptr;
  std::unique_ptr<TextConverter> converter_;  // when the input is not UTF-8
  std::string memory_;                        // FromString input
  size_t memory_pos_ = 0;
  std::string path_;
  size_t chunk_bytes_;
  BufferPool* buffers_;  // buf_ comes from and goes back to it; may be null
  std::vector<char> buf_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool started_ = false;
  bool at_end_ = false;
  int64_t line_ = 1;  // physical line of the next byte

  // Reused between records.
  std::string raw_;
  std::string text_;
  std::vector<std::pair<size_t, size_t>> spans_;  // [begin, end) of each field in text_
  size_t field_begin_ = 0;
  std::string error_;
  bool too_long_ = false;
  CsvRecord record_;
  std::vector<CsvRecord> batch_;
  absl::Status status_;
};

}  // namespace coigraph::loaders
