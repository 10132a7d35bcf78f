// How many exports may stream at once, per caller and in all: an export holds a slot from the
// moment it is admitted until its last chunk is sent or its caller goes away, and past either
// limit the next one is refused RESOURCE_EXHAUSTED with a message naming the limit.
//
// A streaming export holds little memory (graph::SubgraphWriter: its subgraph's edges and a
// chunk), but a CPU for as long as it is read; the limits keep a crowd of exports, or one
// caller's script, from taking every core from the checks.
//
// Example:
//   ExportGate gate({.total = 8, .per_caller = 2});
//   absl::StatusOr<ExportGate::Slot> slot = gate.Acquire("aigerim");
//   if (!slot.ok()) return slot.status();   // RESOURCE_EXHAUSTED
//   ...                                     // the slot is given back when destroyed
//
// Thread safety: Acquire may be called from many threads; a Slot may outlive the gate.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "service/limits.h"

namespace coigraph::service {

struct ExportLimits {
  int total = kMaxConcurrentExports;                // REQUIRES: >= 1
  int per_caller = kMaxConcurrentExportsPerCaller;  // REQUIRES: >= 1
};

class ExportGate {
  struct State;

 public:
  // A running export's place; given back when destroyed (an empty Slot holds none).
  class Slot {
   public:
    Slot() = default;
    Slot(Slot&& other) noexcept;
    Slot& operator=(Slot&& other) noexcept;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot();

   private:
    friend class ExportGate;
    Slot(std::shared_ptr<State> state, std::string caller);
    void Release();
    std::shared_ptr<State> state_;
    std::string caller_;
  };

  explicit ExportGate(ExportLimits limits);

  // A slot for an export of `caller`. Errors: ResourceExhausted naming the limit when `caller`
  // already runs limits.per_caller exports, or all callers limits.total.
  absl::StatusOr<Slot> Acquire(const std::string& caller);

  // How many exports hold a slot now.
  int running() const;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace coigraph::service
