// The whole feed loader on a feed made of the input alone: the input's sections (feed_input.h)
// are the files of a feed directory, which loads as `coigraph scan` loads it (feed_load_check.h).
// A section may name any file: a feed file of docs/feeds.md, an unknown one, or none at all.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "fuzz/feed_input.h"
#include "fuzz/feed_load_check.h"
#include "loaders/buffer_pool.h"
#include "loaders/feed_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static coigraph::fuzz::ScratchDir dir("feed");
  const coigraph::fuzz::FeedInput input =
      coigraph::fuzz::SplitFeedInput(std::string_view(reinterpret_cast<const char*>(data), size));
  std::map<std::string, std::string_view, std::less<>> files;  // a later section wins
  for (const coigraph::fuzz::FeedSection& f : input.files) {
    files.insert_or_assign(std::string(f.name), f.bytes);
  }
  dir.Sync(files);  // writes only what differs from the last input's files
  static coigraph::loaders::BufferPool buffers;  // kept from one input to the next
  coigraph::loaders::LoadOptions options;
  options.encoding = input.encoding;
  options.buffers = &buffers;
  coigraph::fuzz::LoadAndCheck(dir.path(), options);
  return 0;
}
