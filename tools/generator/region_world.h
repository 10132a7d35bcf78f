// What the background world built, handed to the planting of conflicts (internal header).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tools/generator/region_writer.h"

namespace coigraph::generator {

struct StateBody {
  std::string bin;
  std::string region;
  std::string akimat_bin;  // the region's akimat ("" for the akimat itself)
};

// How many of each thing a region of `persons` persons gets.
struct RegionSizes {
  int regions = 0;
  int bodies = 0;  // including one akimat per region
  int companies = 0;
  int holdings = 0;
  int entrepreneurs = 0;
  int tenders_per_body = 4;
  int blacklisted = 0;
  int land_allocations_per_akimat = 0;
  int housing_allocations_per_akimat = 0;
  int other_allocations_per_akimat = 0;
  int planted_rounds = 1;  // each round plants every scenario of planter.h once
};
RegionSizes SizesFor(int64_t persons);

struct RegionWorld {
  std::vector<StateBody> bodies;
  std::vector<StateBody> akimats;
  // Companies that may bid: no two of them share a tied person or an owner up a chain.
  std::vector<std::string> bidders;
};

// Writes the background: state bodies with staff, commissions with seats, companies with
// owners and holdings, tenders with bids and contracts, waiting lists and allocations,
// disciplinary cases, bonuses, the blacklist. Produces no conflict (region_writer.h).
void WriteBackground(RegionWriter& w, const RegionSizes& sizes, RegionWorld& world);

// Plants the true conflicts of every rule and the traps; writes expected.jsonl and traps.jsonl.
void PlantConflicts(RegionWriter& w, const RegionSizes& sizes, const RegionWorld& world);

}  // namespace coigraph::generator
