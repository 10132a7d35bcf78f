#include "service/export_gate.h"

#include <mutex>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "base/text.h"

namespace coigraph::service {

struct ExportGate::State {
  explicit State(ExportLimits l) : limits(l) {}
  const ExportLimits limits;
  std::mutex mu;
  int running = 0;
  absl::flat_hash_map<std::string, int> per_caller;  // callers with at least one running
};

ExportGate::Slot::Slot(std::shared_ptr<State> state, std::string caller)
    : state_(std::move(state)), caller_(std::move(caller)) {}

ExportGate::Slot::Slot(Slot&& other) noexcept
    : state_(std::move(other.state_)), caller_(std::move(other.caller_)) {}

ExportGate::Slot& ExportGate::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    Release();
    state_ = std::move(other.state_);
    caller_ = std::move(other.caller_);
  }
  return *this;
}

ExportGate::Slot::~Slot() { Release(); }

void ExportGate::Slot::Release() {
  if (state_ == nullptr) return;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    --state_->running;
    auto it = state_->per_caller.find(caller_);
    if (it != state_->per_caller.end() && --it->second == 0) state_->per_caller.erase(it);
  }
  state_.reset();
}

ExportGate::ExportGate(ExportLimits limits) : state_(std::make_shared<State>(limits)) {}

absl::StatusOr<ExportGate::Slot> ExportGate::Acquire(const std::string& caller) {
  std::lock_guard<std::mutex> lock(state_->mu);
  int& mine = state_->per_caller[caller];
  if (mine >= state_->limits.per_caller) {
    return absl::ResourceExhaustedError(base::Cat(
        "this caller already runs ", mine, " exports, the limit of concurrent exports per caller (",
        state_->limits.per_caller, "); retry when one has finished"));
  }
  if (state_->running >= state_->limits.total) {
    if (mine == 0) state_->per_caller.erase(caller);
    return absl::ResourceExhaustedError(
        base::Cat(state_->running, " exports are running, the limit of concurrent exports (",
                  state_->limits.total, "); retry when one has finished"));
  }
  ++mine;
  ++state_->running;
  return Slot(state_, caller);
}

int ExportGate::running() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->running;
}

}  // namespace coigraph::service
