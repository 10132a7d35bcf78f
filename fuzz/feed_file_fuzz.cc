// Each feed file's row handler, in the feed around it: the input's sections (feed_input.h) stand
// in for those files of the demo feed (examples/demo) and the demo's other files stay, so that a
// row of kinship.csv meets the demo's persons, a bid the demo's tenders. The feed then loads as
// `coigraph scan` loads it (feed_load_check.h). One section is the usual input; the seeds have
// one per feed file.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <system_error>

#include "fuzz/feed_input.h"
#include "fuzz/feed_load_check.h"
#include "loaders/buffer_pool.h"
#include "loaders/feed_loader.h"

namespace {

// The demo feed's files, by name.
std::map<std::string, std::string, std::less<>> ReadDemo() {
  std::map<std::string, std::string, std::less<>> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(COIGRAPH_DEMO_DIR, ec)) {
    if (e.path().extension() != ".csv") continue;
    std::ifstream in(e.path(), std::ios::binary);
    files[e.path().filename().string()] =
        std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return files;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto demo = ReadDemo();
  static const coigraph::fuzz::ScratchDir dir("feed-file");
  static const bool written = [] {
    for (const auto& [name, bytes] : demo) dir.Write(name, bytes);
    return true;
  }();
  (void)written;
  const coigraph::fuzz::FeedInput input =
      coigraph::fuzz::SplitFeedInput(std::string_view(reinterpret_cast<const char*>(data), size));
  for (const coigraph::fuzz::FeedSection& f : input.files) dir.Write(f.name, f.bytes);
  static coigraph::loaders::BufferPool buffers;  // kept from one input to the next
  coigraph::loaders::LoadOptions options;
  options.encoding = input.encoding;
  options.buffers = &buffers;
  coigraph::fuzz::LoadAndCheck(dir.path(), options);
  // Back to the demo for the next input.
  for (const coigraph::fuzz::FeedSection& f : input.files) {
    if (const auto it = demo.find(f.name); it != demo.end()) {
      dir.Write(f.name, it->second);
    } else {
      std::error_code ec;
      std::filesystem::remove(dir.path() + "/" + std::string(f.name), ec);
    }
  }
  return 0;
}
