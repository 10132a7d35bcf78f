#include "fuzz/feed_input.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace coigraph::fuzz {

namespace {

constexpr std::string_view kMark = "=== ";

bool PlainFileName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '.') return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "fuzz: %s\n", what.c_str());
  std::abort();
}

}  // namespace

FeedInput SplitFeedInput(std::string_view input) {
  FeedInput out;
  const std::string line_mark = std::string("\n").append(kMark);
  size_t at = 0;
  if (!input.starts_with(kMark)) {
    at = input.find(line_mark);
    if (at != std::string_view::npos) ++at;  // past the line end
  }
  while (at != std::string_view::npos && at < input.size()) {
    const size_t name_begin = at + kMark.size();
    const size_t name_end = input.find('\n', name_begin);
    const std::string_view name =
        input.substr(name_begin, name_end == std::string_view::npos ? std::string_view::npos
                                                                    : name_end - name_begin);
    if (name_end == std::string_view::npos) {
      if (name == "@cp1251") out.encoding = "cp1251";
      if (name == "@demo") out.whole_demo = true;
      break;
    }
    const size_t bytes_begin = name_end + 1;
    const size_t next = input.find(line_mark, name_end);
    const size_t bytes_end = next == std::string_view::npos ? input.size() : next + 1;
    if (name == "@cp1251") {
      out.encoding = "cp1251";
    } else if (name == "@demo") {
      out.whole_demo = true;
    } else if (PlainFileName(name)) {
      out.files.push_back({name, input.substr(bytes_begin, bytes_end - bytes_begin)});
    }
    at = next == std::string_view::npos ? next : next + 1;
  }
  return out;
}

std::string FeedSectionText(std::string_view name, std::string_view bytes) {
  std::string out(kMark);
  out.append(name).append("\n").append(bytes);
  if (!bytes.empty() && bytes.back() != '\n') out.push_back('\n');
  return out;
}

ScratchDir::ScratchDir(std::string_view tag) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path base =
      fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path(ec);
  path_ = (base / (std::string("coigraph-fuzz-").append(tag) + "-" + std::to_string(getpid())))
              .string();
  fs::remove_all(path_, ec);
  if (!fs::create_directories(path_, ec)) Fail("cannot make " + path_ + ": " + ec.message());
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void ScratchDir::Write(std::string_view name, std::string_view bytes) const {
  const std::string file = path_ + "/" + std::string(name);
  std::FILE* f = std::fopen(file.c_str(), "wb");
  if (f == nullptr) Fail("cannot write " + file);
  const size_t wrote = std::fwrite(bytes.data(), 1, bytes.size(), f);
  if (std::fclose(f) != 0 || wrote != bytes.size()) Fail("cannot write " + file);
}

void ScratchDir::Clear() {
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(path_, ec)) {
    std::filesystem::remove_all(e.path(), ec);
  }
  synced_.clear();
}

void ScratchDir::Sync(const std::map<std::string, std::string_view, std::less<>>& files) {
  for (auto it = synced_.begin(); it != synced_.end();) {
    if (files.contains(it->first)) {
      ++it;
      continue;
    }
    const std::string file = path_ + "/" + it->first;
    if (std::remove(file.c_str()) != 0) Fail("cannot remove " + file);
    it = synced_.erase(it);
  }
  for (const auto& [name, bytes] : files) {
    const auto it = synced_.find(name);
    if (it != synced_.end() && it->second == bytes) continue;
    Write(name, bytes);
    synced_[name] = std::string(bytes);
  }
}

}  // namespace coigraph::fuzz
