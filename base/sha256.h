// SHA-256 (FIPS 180-4): graph/'s export pseudonyms, and in service/ the audit chain, token
// hashes and case ids.
//
// A small self-contained implementation: hashing a few hundred bytes per call is all coigraph
// needs, and it keeps libcrypto out of the link.
//
// Example:
//   Sha256 h;
//   h.Update("abc");
//   std::string hex = Sha256Hex(h.Finish());   // "ba7816bf..."
//   std::string same = Sha256Hex("abc");
//
// Thread safety: a Sha256 object is not shared; the free functions are pure.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace coigraph::base {

using Sha256Digest = std::array<uint8_t, 32>;

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  // The digest of everything passed to Update. REQUIRES: called once; the object is spent.
  Sha256Digest Finish();

 private:
  void Compress(const uint8_t* block);

  std::array<uint32_t, 8> state_;
  std::array<uint8_t, 64> buffer_{};
  size_t buffered_ = 0;
  uint64_t total_bytes_ = 0;
};

// Lowercase hex of a digest (64 characters).
std::string DigestHex(const Sha256Digest& digest);
// Lowercase hex of SHA-256(data).
std::string Sha256Hex(std::string_view data);

}  // namespace coigraph::base
