// Writes the seed corpus of service_requests_fuzz.cc: for each RPC, requests that name what the
// demo feed (examples/demo) holds, in the target's input form ("<RPC>\n<body>").
//
// usage: fuzz_service_seeds OUT_DIR
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "absl/time/clock.h"
#include "coigraph/v1/coigraph.pb.h"
#include "service/snapshot_holder.h"

namespace {

namespace v1 = ::coigraph::v1;

std::string g_out;
int g_count = 0;

void Seed(std::string_view rpc, const google::protobuf::Message& request) {
  const std::string path = g_out + "/" + std::string(rpc) + "-" + std::to_string(++g_count);
  std::ofstream out(path, std::ios::binary);
  out << rpc << '\n' << request.SerializeAsString();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
    return 2;
  }
  g_out = argv[1];
  std::filesystem::create_directories(g_out);
  // A case id of the demo feed, for the case RPCs.
  auto state = coigraph::service::LoadScan(COIGRAPH_DEMO_DIR, 1, absl::Now());
  if (!state.ok() || (*state)->cases.empty()) {
    std::fprintf(stderr, "%s: the demo feed did not load\n", argv[0]);
    return 1;
  }
  const std::string case_id = (*state)->cases.front().case_id;
  const std::string purpose = "fuzz seed: ethics review 17/2024";

  v1::CheckHireRequest hire;
  hire.set_candidate_iin("720518301212");
  hire.set_position_id("AKM-02");
  hire.set_date("2024-01-15");
  hire.set_purpose(purpose);
  Seed("CheckHire", hire);
  hire.set_appointed_by_iin("700811301846");
  hire.set_selection_commission_id("HC-AKM");
  hire.set_request_id("r-1");
  Seed("CheckHireBatch", hire);

  v1::CheckTenderRequest tender;
  tender.set_tender_id("T-2022-031");
  tender.set_purpose(purpose);
  Seed("CheckTender", tender);

  v1::CheckBidderRequest bidder;
  bidder.set_tender_id("T-2022-031");
  bidder.set_supplier_bin("100640118734");
  bidder.set_date("2022-11-21");
  bidder.set_purpose(purpose);
  Seed("CheckBidder", bidder);

  v1::CheckAllocationRequest allocation;
  allocation.set_commission_id("LC-AKM");
  allocation.set_recipient_iin("010409601429");
  allocation.set_date("2022-03-10");
  allocation.set_approved_by_iin("720518301212");
  allocation.set_purpose(purpose);
  Seed("CheckAllocation", allocation);

  v1::FindPathsRequest paths;
  paths.set_from("700811301846");
  paths.set_to("720518301212");
  paths.set_date("2024-01-15");
  paths.set_max_hops(4);
  paths.set_relations("kinship");
  paths.set_k(3);
  paths.set_purpose(purpose);
  Seed("FindPaths", paths);

  v1::NeighborhoodRequest around;
  around.set_seed("700811301846");
  around.set_radius(2);
  around.set_date("2024-01-15");
  around.set_relations("spouse,founder");
  around.set_purpose(purpose);
  Seed("Neighborhood", around);

  v1::ExportSubgraphRequest export_case;
  export_case.set_case_id(case_id);
  export_case.set_radius(1);
  export_case.set_format(v1::EXPORT_FORMAT_GRAPHML);
  export_case.set_purpose(purpose);
  Seed("ExportSubgraph", export_case);
  v1::ExportSubgraphRequest export_seeds;
  export_seeds.mutable_seeds()->add_ids("700811301846");
  export_seeds.mutable_seeds()->add_ids("100640118734");
  export_seeds.set_radius(2);
  export_seeds.set_format(v1::EXPORT_FORMAT_NEO4J_CSV);
  export_seeds.set_date("2023-01-01");
  export_seeds.set_purpose(purpose);
  Seed("ExportSubgraph", export_seeds);

  v1::ListCasesRequest list;
  list.set_sphere("hiring");
  list.add_statuses(v1::CASE_STATUS_NEW);
  list.add_severities(v1::SEVERITY_HIGH);
  list.set_date_from("2019-01-01");
  list.set_text("zhumabaev");
  list.set_page_size(5);
  list.set_purpose(purpose);
  Seed("ListCases", list);

  v1::GetCaseRequest get;
  get.set_case_id(case_id);
  get.set_purpose(purpose);
  Seed("GetCase", get);

  v1::UpdateCaseRequest update;
  update.set_case_id(case_id);
  update.set_status(v1::CASE_STATUS_IN_REVIEW);
  update.set_note("looked at the order");
  update.set_assignee("aigerim");
  update.set_purpose(purpose);
  Seed("UpdateCase", update);

  v1::LoadFeedsRequest load;
  load.set_purpose(purpose);
  Seed("LoadFeeds", load);

  Seed("Status", v1::StatusRequest());

  v1::ListAuditRequest audit;
  audit.set_rpc("GetCase");
  audit.set_date_from("2023-01-01");
  audit.set_page_size(10);
  audit.set_purpose(purpose);
  audit.set_verify_chain(true);
  Seed("ListAudit", audit);
  return 0;
}
