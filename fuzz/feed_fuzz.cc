// The whole feed loader on a feed made of the input alone: the input's sections (feed_input.h)
// are the files of a feed directory, which loads as `coigraph scan` loads it (feed_load_check.h).
// A section may name any file: a feed file of docs/feeds.md, an unknown one, or none at all.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/feed_input.h"
#include "fuzz/feed_load_check.h"
#include "loaders/buffer_pool.h"
#include "loaders/feed_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const coigraph::fuzz::ScratchDir dir("feed");
  const coigraph::fuzz::FeedInput input =
      coigraph::fuzz::SplitFeedInput(std::string_view(reinterpret_cast<const char*>(data), size));
  dir.Clear();
  for (const coigraph::fuzz::FeedSection& f : input.files) dir.Write(f.name, f.bytes);
  static coigraph::loaders::BufferPool buffers;  // kept from one input to the next
  coigraph::loaders::LoadOptions options;
  options.encoding = input.encoding;
  options.buffers = &buffers;
  coigraph::fuzz::LoadAndCheck(dir.path(), options);
  return 0;
}
