// One loader per feed file (docs/feeds.md, "Files"). Each streams its file into the context's
// builder, rejecting bad rows into the file's report. Internal to loaders/; feed_loader.cc calls
// them in kLoadOrder. Errors: InvalidArgument when the file cannot be read.
#pragma once

#include "absl/status/status.h"
#include "loaders/load_context.h"

namespace coigraph::loaders {

// person_feeds.cc
absl::Status LoadPersons(FeedFile& file, LoadContext& ctx);
absl::Status LoadKinship(FeedFile& file, LoadContext& ctx);
absl::Status LoadResidence(FeedFile& file, LoadContext& ctx);

// organization_feeds.cc
absl::Status LoadOrganizations(FeedFile& file, LoadContext& ctx);
absl::Status LoadPositions(FeedFile& file, LoadContext& ctx);
absl::Status LoadCommissions(FeedFile& file, LoadContext& ctx);
absl::Status LoadEmployment(FeedFile& file, LoadContext& ctx);
absl::Status LoadCommissionMembers(FeedFile& file, LoadContext& ctx);
absl::Status LoadCompanyRoles(FeedFile& file, LoadContext& ctx);

// procurement_feeds.cc
absl::Status LoadTenders(FeedFile& file, LoadContext& ctx);
absl::Status LoadBids(FeedFile& file, LoadContext& ctx);
absl::Status LoadContracts(FeedFile& file, LoadContext& ctx);
absl::Status LoadBlacklist(FeedFile& file, LoadContext& ctx);

// decision_feeds.cc
absl::Status LoadAllocations(FeedFile& file, LoadContext& ctx);
absl::Status LoadDisciplinary(FeedFile& file, LoadContext& ctx);
absl::Status LoadBonuses(FeedFile& file, LoadContext& ctx);
absl::Status LoadWaitingList(FeedFile& file, LoadContext& ctx);

}  // namespace coigraph::loaders
