// Writes the seed corpora of the loader fuzz targets from the demo feed (examples/demo):
//   OUT_DIR/csv_reader/     each demo file, behind a byte that picks a chunk size
//   OUT_DIR/field_parsers/  the values of the first rows of each demo file, one per seed
//   OUT_DIR/feed_file/      each demo file as one section (feed_input.h), alone and (NAME.demo)
//                           behind a `=== @demo` section
//   OUT_DIR/feed/           the whole demo feed as sections; its first rows only; the registries
//
// usage: fuzz_feed_seeds DEMO_DIR OUT_DIR
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "fuzz/feed_input.h"
#include "loaders/csv_reader.h"

namespace {

namespace fs = std::filesystem;

void WriteFile(const fs::path& path, std::string_view bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// The header and the first `rows` lines after it.
std::string Head(const std::string& text, int rows) {
  size_t at = 0;
  for (int i = 0; i <= rows && at != std::string::npos; ++i) {
    at = text.find('\n', at);
    if (at != std::string::npos) ++at;
  }
  return at == std::string::npos ? text : text.substr(0, at);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DEMO_DIR OUT_DIR\n", argv[0]);
    return 2;
  }
  const fs::path out = argv[2];
  std::map<std::string, std::string> demo;
  for (const auto& e : fs::directory_iterator(argv[1])) {
    if (e.path().extension() != ".csv") continue;
    std::ifstream in(e.path(), std::ios::binary);
    demo[e.path().filename().string()] =
        std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (demo.empty()) {
    std::fprintf(stderr, "%s: no .csv file in %s\n", argv[0], argv[1]);
    return 1;
  }
  for (const char* sub : {"csv_reader", "field_parsers", "feed_file", "feed"}) {
    fs::remove_all(out / sub);
  }

  // csv_reader: chunk sizes 1 to 64 bytes, and the default (a first byte >= 192).
  int i = 0;
  for (const auto& [name, text] : demo) {
    const char pick = static_cast<char>(i % 5 == 4 ? 0xC0 : (i * 13) % 64);
    WriteFile(out / "csv_reader" / name, std::string(1, pick) + text);
    ++i;
  }
  WriteFile(
      out / "csv_reader" / "quoted.csv",
      std::string("\x03") + "\xEF\xBB\xBF" + "a,b\r\n\"x,\"\"y\"\"\",\"two\nlines\"\r\n\r\nz,");

  // field_parsers: every distinct value of the first rows.
  std::set<std::string> values = {"1000000000000000000", "9223372036854775807", "12.50", "100"};
  for (const auto& [name, text] : demo) {
    std::unique_ptr<coigraph::loaders::CsvReader> r =
        coigraph::loaders::CsvReader::FromString(Head(text, 3));
    while (r->Next()) {
      for (std::string_view f : r->record().fields) values.emplace(f);
    }
  }
  i = 0;
  for (const std::string& v : values) WriteFile(out / "field_parsers" / std::to_string(i++), v);

  // feed_file and feed.
  std::string whole;
  std::string head;
  for (const auto& [name, text] : demo) {
    WriteFile(out / "feed_file" / name, coigraph::fuzz::FeedSectionText(name, text));
    // The same in the whole demo, not just the files it points into (feed_file_fuzz.cc).
    WriteFile(out / "feed_file" / (name + ".demo"),
              "=== @demo\n" + coigraph::fuzz::FeedSectionText(name, text));
    whole += coigraph::fuzz::FeedSectionText(name, text);
    head += coigraph::fuzz::FeedSectionText(name, Head(text, 4));
  }
  WriteFile(out / "feed" / "demo", whole);
  WriteFile(out / "feed" / "demo-head", head);
  WriteFile(
      out / "feed" / "registries",
      coigraph::fuzz::FeedSectionText("persons.csv", Head(demo["persons.csv"], 8)) +
          coigraph::fuzz::FeedSectionText("organizations.csv", Head(demo["organizations.csv"], 8)));
  return 0;
}
