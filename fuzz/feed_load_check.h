// What the feed fuzz targets do with a feed directory once their input is in it: load it as
// `coigraph scan` does (loaders::LoadSnapshot), check the report against itself, write every
// reject as JSON and run every rule on the snapshot. Aborts on a report that contradicts itself.
#pragma once

#include <string>

#include "loaders/feed_loader.h"

namespace coigraph::fuzz {

void LoadAndCheck(const std::string& dir, const loaders::LoadOptions& options);

}  // namespace coigraph::fuzz
