// console_http_bench: what the console's pages cost on a running coigraphd, over HTTP, as the
// browser calls them (Connect JSON on loopback; the times are the client's, so they bound the
// server's from above).
//
//   console_http_bench --url http://127.0.0.1:PORT --token T [--cases 200] [--repeat 20]
//                      [--json FILE]
//
// 1. ListCases: filter mixes a commissioner uses (none; status NEW; a rule; a sphere and a
//    severity; first seen this month; a name search in lower-case Cyrillic and in lower-case
//    Latin; an IIN prefix), each --repeat times: p50 and p99 per mix and over all calls.
// 2. The case page, for --cases cases: GetCase, then at once (as the console does) ListAudit
//    of the case ("who looked") and Neighborhood around the official and the counterparty on
//    the finding's date: the time until all four have answered, p50 and p99.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "coigraph/v1/coigraph.pb.h"
#include "google/protobuf/util/json_util.h"

ABSL_FLAG(std::string, url, "", "coigraphd's --http address, e.g. http://127.0.0.1:8080");
ABSL_FLAG(std::string, token, "", "an ethics_commissioner token (or empty in demo mode)");
ABSL_FLAG(int, cases, 200, "how many case pages to open");
ABSL_FLAG(int, repeat, 20, "how often each ListCases mix is asked");
ABSL_FLAG(std::string, json, "", "also write the figures to this file as JSON");

namespace {

namespace v1 = ::coigraph::v1;
using Clock = std::chrono::steady_clock;
constexpr char kPurpose[] = "console benchmark";

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  return v[i];
}

class Api {
 public:
  Api(const std::string& url, const std::string& token) : client_(url) {
    if (!token.empty()) headers_.emplace("Authorization", "Bearer " + token);
    client_.set_keep_alive(true);
    client_.set_tcp_nodelay(true);  // as browsers do: no 40 ms wait between headers and body
    client_.set_read_timeout(60, 0);
  }

  // Calls `method` with `request`; fills `response`. Returns the milliseconds it took, or -1.
  double Call(const std::string& method, const google::protobuf::Message& request,
              google::protobuf::Message* response) {
    std::string body;
    (void)google::protobuf::util::MessageToJsonString(request, &body);
    const auto start = Clock::now();
    httplib::Result res =
        client_.Post("/coigraph.v1.Coigraph/" + method, headers_, body, "application/json");
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (!res || res->status != 200) {
      std::cerr << method << ": " << (res ? res->body : "no answer") << "\n";
      return -1;
    }
    google::protobuf::util::JsonParseOptions lenient;
    lenient.ignore_unknown_fields = true;
    if (!google::protobuf::util::JsonStringToMessage(res->body, response, lenient).ok()) return -1;
    return ms;
  }

 private:
  httplib::Client client_;
  httplib::Headers headers_;
};

// A name's first word in lower case, e.g. "жұмабаев" of "Жұмабаев М.Қ.".
std::string Surname(const std::string& name) {
  std::string word = name.substr(0, name.find(' '));
  // ASCII lower-casing only; the server folds case itself, and Cyrillic capitals stay.
  return absl::AsciiStrToLower(word);
}

// A rough Latin spelling of a Kazakh Cyrillic name, as a user would type it.
std::string ToLatin(const std::string& cyrillic) {
  static const std::map<std::string, std::string> kMap = {
      {"а", "a"}, {"ә", "a"},  {"б", "b"},  {"в", "v"},  {"г", "g"},  {"ғ", "g"},  {"д", "d"},
      {"е", "e"}, {"ё", "e"},  {"ж", "zh"}, {"з", "z"},  {"и", "i"},  {"й", "i"},  {"к", "k"},
      {"қ", "k"}, {"л", "l"},  {"м", "m"},  {"н", "n"},  {"ң", "n"},  {"о", "o"},  {"ө", "o"},
      {"п", "p"}, {"р", "r"},  {"с", "s"},  {"т", "t"},  {"у", "u"},  {"ұ", "u"},  {"ү", "u"},
      {"ф", "f"}, {"х", "kh"}, {"һ", "h"},  {"ц", "ts"}, {"ч", "ch"}, {"ш", "sh"}, {"щ", "shch"},
      {"ъ", ""},  {"ы", "y"},  {"і", "i"},  {"ь", ""},   {"э", "e"},  {"ю", "yu"}, {"я", "ya"}};
  std::string out;
  for (size_t i = 0; i < cyrillic.size();) {
    const size_t len = (static_cast<unsigned char>(cyrillic[i]) & 0x80) ? 2 : 1;
    const std::string ch = cyrillic.substr(i, len);
    auto it = kMap.find(ch);
    out += it != kMap.end() ? it->second : ch;
    i += len;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("what the console's pages cost on a running coigraphd");
  absl::ParseCommandLine(argc, argv);
  const std::string url = absl::GetFlag(FLAGS_url);
  if (url.empty()) {
    std::cerr << "console_http_bench: --url is required\n";
    return 2;
  }
  Api api(url, absl::GetFlag(FLAGS_token));

  // The cases to open: the first page of 500, newest first.
  v1::ListCasesRequest all;
  all.set_purpose(kPurpose);
  all.set_page_size(500);
  v1::ListCasesResponse first;
  if (api.Call("ListCases", all, &first) < 0 || first.cases_size() == 0) {
    std::cerr << "console_http_bench: no cases to open\n";
    return 1;
  }
  const v1::Case& sample = first.cases(first.cases_size() / 2);
  const std::string surname = Surname(sample.finding().path().vertices(0).name());

  // 1. ListCases mixes.
  std::vector<std::pair<std::string, v1::ListCasesRequest>> mixes;
  auto mix = [&](const std::string& name) -> v1::ListCasesRequest& {
    v1::ListCasesRequest r;
    r.set_purpose(kPurpose);
    mixes.emplace_back(name, r);
    return mixes.back().second;
  };
  mix("no filter");
  mix("status NEW").add_statuses(v1::CASE_STATUS_NEW);
  mix("one rule").set_rule(sample.finding().rule());
  {
    v1::ListCasesRequest& r = mix("sphere + severity");
    r.set_sphere(sample.finding().sphere());
    r.add_severities(v1::SEVERITY_HIGH);
  }
  mix("first seen this month").set_first_seen_from(sample.first_seen().substr(0, 8) + "01");
  mix("name, Cyrillic lower case").set_text(surname);
  mix("name, Latin lower case").set_text(ToLatin(surname));
  mix("IIN prefix").set_text(sample.finding().official().substr(0, 8));

  std::vector<double> every_list;
  std::string json = "{\"list_cases\":{";
  printf("%-28s %8s %8s %8s\n", "ListCases", "matches", "p50 ms", "p99 ms");
  for (const auto& [name, request] : mixes) {
    std::vector<double> times;
    int64_t matches = 0;
    for (int i = 0; i < absl::GetFlag(FLAGS_repeat); ++i) {
      v1::ListCasesResponse response;
      const double ms = api.Call("ListCases", request, &response);
      if (ms < 0) return 1;
      matches = response.total_count();
      times.push_back(ms);
      every_list.push_back(ms);
    }
    printf("%-28s %8lld %8.2f %8.2f\n", name.c_str(), static_cast<long long>(matches),
           Percentile(times, 0.5), Percentile(times, 0.99));
    absl::StrAppend(&json, json.back() == '{' ? "" : ",", "\"", name, "\":{\"matches\":", matches,
                    ",\"p50_ms\":", Percentile(times, 0.5), ",\"p99_ms\":", Percentile(times, 0.99),
                    "}");
  }
  printf("%-28s %8s %8.2f %8.2f\n", "all ListCases calls", "", Percentile(every_list, 0.5),
         Percentile(every_list, 0.99));

  // 2. Case pages.
  std::vector<double> pages;
  const int n = std::min(absl::GetFlag(FLAGS_cases), first.cases_size());
  for (int i = 0; i < n; ++i) {
    const v1::Case& c = first.cases(i);
    const auto start = Clock::now();
    v1::GetCaseRequest get;
    get.set_case_id(c.case_id());
    get.set_purpose(kPurpose);
    v1::Case got;
    if (api.Call("GetCase", get, &got) < 0) return 1;
    auto later = [&](auto request, auto response, const std::string& method) {
      return std::async(std::launch::async, [=, &url]() mutable {
        Api own(url, absl::GetFlag(FLAGS_token));
        return own.Call(method, request, &response);
      });
    };
    v1::ListAuditRequest looked;
    looked.set_id(c.case_id());
    looked.set_purpose(kPurpose);
    std::vector<std::future<double>> rest;
    rest.push_back(later(looked, v1::ListAuditResponse(), "ListAudit"));
    for (const std::string& seed : {got.finding().official(), got.finding().counterparty()}) {
      v1::NeighborhoodRequest around;
      around.set_seed(seed);
      around.set_date(got.finding().date());
      around.set_radius(1);
      around.set_purpose(kPurpose);
      rest.push_back(later(around, v1::NeighborhoodResponse(), "Neighborhood"));
    }
    for (auto& f : rest) {
      if (f.get() < 0) return 1;
    }
    pages.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  printf("%-28s %8d %8.2f %8.2f\n", "case page (4 calls)", n, Percentile(pages, 0.5),
         Percentile(pages, 0.99));
  absl::StrAppend(&json, "},\"list_cases_all\":{\"p50_ms\":", Percentile(every_list, 0.5),
                  ",\"p99_ms\":", Percentile(every_list, 0.99), "},\"case_page\":{\"pages\":", n,
                  ",\"p50_ms\":", Percentile(pages, 0.5), ",\"p99_ms\":", Percentile(pages, 0.99),
                  "}}\n");
  if (!absl::GetFlag(FLAGS_json).empty()) std::ofstream(absl::GetFlag(FLAGS_json)) << json;
  return 0;
}
