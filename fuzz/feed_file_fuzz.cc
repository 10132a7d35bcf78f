// Each feed file's row handler, in the feed around it: the input's sections (feed_input.h) stand
// in for those files of the demo feed (examples/demo), beside the demo files that their rows
// point into, so that a row of kinship.csv meets the demo's persons, a bid the demo's tenders.
// The feed then loads as `coigraph scan` loads it (feed_load_check.h). One section is the usual
// input; the seeds have one per feed file.
//
// Unless the input has a `=== @demo` section, only the demo files its rows can point into are
// loaded with it (NeededFiles below): the registries, and the positions, commissions and tenders
// its file refers to. The whole demo, loaded, ruled on and printed as JSON for every input, costs
// about five times as much; `@demo` inputs (a seed of each file has one) keep the rules' paths
// that need the rest of the demo (kinship around a bid, ...) in the corpus.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <system_error>

#include "fuzz/feed_input.h"
#include "fuzz/feed_load_check.h"
#include "loaders/buffer_pool.h"
#include "loaders/feed_loader.h"
#include "loaders/feed_schema.h"

namespace {

using coigraph::loaders::FeedId;

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

// The files that the rows of `id` point into besides the registries (persons.csv and
// organizations.csv, always loaded): RowReader's Position, Commission and Tender references of
// its loader (loaders/*_feeds.cc), and what those files point into in turn.
std::span<const FeedId> NeededFiles(FeedId id) {
  static constexpr FeedId kCommissions[] = {FeedId::kCommissions};
  static constexpr FeedId kEmployment[] = {FeedId::kPositions, FeedId::kCommissions};
  static constexpr FeedId kTendered[] = {FeedId::kTenders, FeedId::kCommissions};
  switch (id) {
    case FeedId::kEmployment:
      return kEmployment;
    case FeedId::kCommissionMembers:
    case FeedId::kTenders:
    case FeedId::kAllocations:
    case FeedId::kDisciplinary:
    case FeedId::kWaitingList:
      return kCommissions;
    case FeedId::kBids:
    case FeedId::kContracts:
      return kTendered;
    default:
      return {};
  }
}

// The feed file named `name`, or null.
const FeedId* FeedIdOf(std::string_view name) {
  static const auto ids = [] {
    std::map<std::string_view, FeedId, std::less<>> m;
    for (int i = 0; i < coigraph::loaders::kFeedCount; ++i) {
      const auto id = static_cast<FeedId>(i);
      m[coigraph::loaders::Schema(id).file] = id;
    }
    return m;
  }();
  const auto it = ids.find(name);
  return it == ids.end() ? nullptr : &it->second;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto demo = ReadDemo();
  static coigraph::fuzz::ScratchDir dir("feed-file");
  const coigraph::fuzz::FeedInput input =
      coigraph::fuzz::SplitFeedInput(std::string_view(reinterpret_cast<const char*>(data), size));
  std::map<std::string, std::string_view, std::less<>> files;
  auto add_demo = [&](FeedId id) {
    const std::string_view name = coigraph::loaders::Schema(id).file;
    if (const auto it = demo.find(name); it != demo.end()) files.try_emplace(it->first, it->second);
  };
  for (const coigraph::fuzz::FeedSection& f : input.files) {
    files.insert_or_assign(std::string(f.name), f.bytes);  // a later section wins
  }
  if (input.whole_demo) {
    for (const auto& [name, bytes] : demo) files.try_emplace(name, bytes);
  } else {
    add_demo(FeedId::kPersons);
    add_demo(FeedId::kOrganizations);
    for (const coigraph::fuzz::FeedSection& f : input.files) {
      if (const FeedId* id = FeedIdOf(f.name)) {
        for (const FeedId needed : NeededFiles(*id)) add_demo(needed);
      }
    }
  }
  dir.Sync(files);  // writes only what differs from the last input's files
  static coigraph::loaders::BufferPool buffers;  // kept from one input to the next
  coigraph::loaders::LoadOptions options;
  options.encoding = input.encoding;
  options.buffers = &buffers;
  coigraph::fuzz::LoadAndCheck(dir.path(), options);
  return 0;
}
