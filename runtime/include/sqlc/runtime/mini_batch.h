// Mini-batch (Flink's 'table.exec.mini-batch.enabled', '...allow-latency', '...size'): an
// updating operator (GROUP BY without a window, Top-N, deduplication) takes the rows of a batch
// into its state without emitting, keeping each key's state as it was before the batch the first
// time the batch touches the key; at the batch's end it emits each touched key's net change (as
// Flink's MiniBatchGroupAggFunction: -U the row before, +U the row after, +I a new key, -D a key
// whose last row was taken back, nothing when the row is unchanged), keys in the order the batch
// first touched them. A GROUP BY over another's changelog folds its own batch, which ends with
// the batch of the one below it (Flink's batch marker passes both).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>  // a GROUP BY's row before a batch (none: a new key)
#include <string>    // a deduplicated row before a batch, packed
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_set.hpp>

namespace sqlc {

// When a batch ends: after `size` rows into the operator (as Flink counts a bundle), or when
// `latency_ms` have passed since its first row (checked between the reader's batches and while
// the reader waits). The end of the input and every checkpoint end it too.
class MiniBatchTrigger {
 public:
  MiniBatchTrigger(uint64_t size, int64_t latency_ms) : size_(size), latency_(std::chrono::milliseconds(latency_ms)) {}

  // A row went into the operator; true when the batch is full.
  bool add_row() {
    if (rows_++ == 0) started_ = std::chrono::steady_clock::now();
    return rows_ >= size_;
  }
  bool latency_passed() const { return rows_ > 0 && std::chrono::steady_clock::now() - started_ >= latency_; }
  void reset() { rows_ = 0; }

 private:
  uint64_t size_;
  std::chrono::steady_clock::duration latency_;
  uint64_t rows_ = 0;
  std::chrono::steady_clock::time_point started_;
};

// The keys a batch touched, in first-touch order, each with its state before the batch.
template <class Key, class Snapshot, class KeyHash>
class MiniBatchChanges {
 public:
  // The slot for `key`'s state before the batch when this is the batch's first touch of the key
  // (the caller fills it before changing the state), nullptr when the batch touched it before.
  Snapshot* first_touch(const Key& key) {
    if (!touched_keys_.insert(key).second) return nullptr;
    if (touched_.size() < used_ + 1) touched_.emplace_back();
    auto& slot = touched_[used_++];
    slot.first = key;
    return &slot.second;
  }

  // f(key, state before) for every key the batch touched, in first-touch order; then empty.
  // The slots are reused by the next batch (their strings and vectors keep their buffers).
  template <class F>
  void flush(F&& f) {
    for (size_t i = 0; i < used_; ++i) f(touched_[i].first, touched_[i].second);
    touched_keys_.clear();
    used_ = 0;
  }

  // A GROUP BY: `key`'s row before the batch the first time the batch touches it: none for a
  // group the row creates, else results() (Snapshot is a std::optional of the group's results).
  template <class Results>
  void remember(const Key& key, bool new_group, Results&& results) {
    if (Snapshot* before = first_touch(key)) {
      if (new_group) before->reset();
      else *before = results();
    }
  }

  size_t keys() const { return used_; }

 private:
  boost::unordered_flat_set<Key, KeyHash> touched_keys_;  // of this batch
  std::vector<std::pair<Key, Snapshot>> touched_;
  size_t used_ = 0;
};

// A group's net change over a batch (Flink's MiniBatchGroupAggFunction at a batch's end): `before`
// its row before the batch (none: a new group), `after` its row now (none: its last row was taken
// back); emit(op, row) for each changelog row.
template <class Results, class Emit>
void emit_group_net_change(const std::optional<Results>& before, const std::optional<Results>& after, Emit&& emit) {
  if (!after) {
    if (before) emit("-D", *before);
    return;
  }
  if (!before) {
    emit("+I", *after);
    return;
  }
  if (*after == *before) return;  // an unchanged row is not emitted (as in Flink)
  emit("-U", *before);
  emit("+U", *after);
}

}  // namespace sqlc
