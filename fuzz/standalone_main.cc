// A main for the fuzz targets where libFuzzer is not at hand (the GCC build of CI): runs
// LLVMFuzzerTestOneInput on each input file, then on a fixed number of deterministic mutations
// of each (bit flips, bytes set, ranges erased, inserted, repeated, truncations, splices with
// another input), from a seeded PRNG, so that a run is the same run every time.
//
// usage: fuzz_<target> [--mutations N] [--seed S] PATH...
//   PATH: an input file, or a directory whose files (not recursive) are inputs, in name order.
//   --mutations N: mutated inputs run per input file (default 100); --seed S: the PRNG's seed.
//
// A crash is a crash, as under libFuzzer; the exit status is 0 when every input ran, 2 on a usage
// error. The summary line says how many inputs ran and how fast.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

std::vector<std::string> ListInputs(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> in_dir;
      for (const fs::directory_entry& e : fs::directory_iterator(p, ec)) {
        if (e.is_regular_file(ec)) in_dir.push_back(e.path().string());
      }
      std::sort(in_dir.begin(), in_dir.end());
      files.insert(files.end(), in_dir.begin(), in_dir.end());
    } else {
      files.push_back(p);
    }
  }
  return files;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// One to four edits of `input`, `other` giving the bytes of a splice.
std::string Mutate(const std::string& input, const std::string& other, std::mt19937_64& rng) {
  std::string s = input;
  auto pick = [&rng](size_t n) { return n == 0 ? size_t{0} : static_cast<size_t>(rng() % n); };
  const size_t edits = 1 + pick(4);
  for (size_t e = 0; e < edits; ++e) {
    switch (pick(7)) {
      case 0:  // flip a bit
        if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1U << pick(8));
        break;
      case 1:  // set a byte, often to one the parsers care about
        if (!s.empty()) {
          static constexpr std::string_view kBytes = ",\"\r\n0919-.\xEF\xBF\xD0\x00\xFF ";
          s[pick(s.size())] =
              pick(2) == 0 ? kBytes[pick(kBytes.size())] : static_cast<char>(pick(256));
        }
        break;
      case 2: {  // erase a range
        const size_t at = pick(s.size() + 1);
        s.erase(at, pick(std::min<size_t>(s.size() - at, 64) + 1));
        break;
      }
      case 3: {  // insert random bytes
        std::string bytes(1 + pick(8), '\0');
        for (char& c : bytes) c = static_cast<char>(pick(256));
        s.insert(pick(s.size() + 1), bytes);
        break;
      }
      case 4: {  // repeat a range
        const size_t at = pick(s.size() + 1);
        const std::string part = s.substr(at, pick(std::min<size_t>(s.size() - at, 64) + 1));
        s.insert(pick(s.size() + 1), part);
        break;
      }
      case 5:  // truncate
        s.resize(pick(s.size() + 1));
        break;
      default: {  // splice: the head of this input, the tail of another
        const size_t at = pick(s.size() + 1);
        s = s.substr(0, at) + other.substr(pick(other.size() + 1));
        break;
      }
    }
  }
  return s;
}

void Run(const std::string& input) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
}

}  // namespace

int main(int argc, char** argv) {
  long mutations = 100;
  uint64_t seed = 1;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if ((arg == "--mutations" || arg == "--seed") && i + 1 < argc) {
      const long value = std::strtol(argv[++i], nullptr, 10);
      if (value < 0) {
        std::fprintf(stderr, "%s: %s must be >= 0\n", argv[0], argv[i - 1]);
        return 2;
      }
      if (arg == "--mutations") {
        mutations = value;
      } else {
        seed = static_cast<uint64_t>(value);
      }
    } else if (arg.starts_with("-")) {
      std::fprintf(stderr, "usage: %s [--mutations N] [--seed S] PATH...\n", argv[0]);
      return 2;
    } else {
      paths.emplace_back(arg);
    }
  }
  const std::vector<std::string> files = ListInputs(paths);
  std::vector<std::string> inputs;
  inputs.reserve(files.size());
  for (const std::string& f : files) inputs.push_back(ReadFile(f));

  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  long runs = 0;
  Run("");
  ++runs;
  for (size_t i = 0; i < inputs.size(); ++i) {
    Run(inputs[i]);
    ++runs;
    std::mt19937_64 rng(seed * 0x9e3779b97f4a7c15ULL + i);
    const std::string& other = inputs[(i + 1) % inputs.size()];
    for (long m = 0; m < mutations; ++m) {
      Run(Mutate(inputs[i], other, rng));
      ++runs;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  // Per CPU second too: on a shared machine the wall clock also counts the others' work.
  std::printf(
      "%s: %ld runs (%zu inputs, %ld mutations each) in %.2f s (%.2f s CPU), %.0f exec/s, "
      "%.0f exec per CPU second\n",
      argv[0], runs, inputs.size(), mutations, seconds, cpu,
      seconds > 0 ? static_cast<double>(runs) / seconds : 0.0,
      cpu > 0 ? static_cast<double>(runs) / cpu : 0.0);
  return 0;
}
