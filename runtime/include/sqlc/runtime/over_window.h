// OVER aggregation ordered by event time (Flink's over aggregate): rows wait until the
// watermark is past their time, then are processed in time order (rows of one time in arrival
// order). Per partition, the rows the frames can still reach are kept: ROWS n PRECEDING needs
// the last n, RANGE d PRECEDING those within d of the next row; UNBOUNDED frames fold rows into
// running state (the generated OverState) and need none.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sqlc/runtime/state_codec.h"

namespace sqlc {

// The rows of a partition as one frame computation sees them. Rows are numbered by arrival in
// the partition (0, 1, ...); `at` reaches the kept ones.
template <class Row>
class OverFrame {
 public:
  struct Entry {
    int64_t time;
    Row row;
  };
  OverFrame(const std::deque<Entry>& rows, uint64_t base, uint64_t current, uint64_t peers_end)
      : rows_(rows), base_(base), current_(current), peers_end_(peers_end) {}

  const Row& row() const { return at(current_); }
  int64_t time() const { return rows_[current_ - base_].time; }
  uint64_t current() const { return current_; }
  // One past the last row with the current row's time (RANGE frames include these peers).
  uint64_t peers_end() const { return peers_end_; }
  // ROWS n PRECEDING: the first row of the frame.
  uint64_t rows_from(uint64_t n) const { return current_ - std::min<uint64_t>(n, current_ - base_); }
  // RANGE: the first row whose time is at least `min_time`.
  uint64_t range_from(int64_t min_time) const {
    auto it = std::lower_bound(rows_.begin(), rows_.end(), min_time, [](const Entry& e, int64_t t) { return e.time < t; });
    return base_ + static_cast<uint64_t>(it - rows_.begin());
  }
  const Row& at(uint64_t n) const { return rows_[n - base_].row; }
  // The row n rows before the current one (LAG), or null when the partition has no such row.
  const Row* back(uint64_t n) const { return current_ >= n && current_ - n >= base_ ? &at(current_ - n) : nullptr; }

 private:
  const std::deque<Entry>& rows_;
  uint64_t base_, current_, peers_end_;
};

// Rows of one time in arrival order (every OVER window; a temporal sort by the time alone).
struct ArrivalOrder {
  template <class Row>
  bool operator()(const Row&, const Row&) const { return false; }
};

// PeerOrder: does row a come before row b of the same time (ORDER BY time, then more columns)?
template <class Key, class Row, class State, class KeyHash, class PeerOrder = ArrivalOrder>
class OverWindow {
 public:
  // keep_rows: the largest n of the ROWS n PRECEDING frames (-1: none); keep_ms: the largest d
  // of the RANGE d PRECEDING frames (-1: none).
  OverWindow(int64_t keep_rows, int64_t keep_ms) : keep_rows_(keep_rows), keep_ms_(keep_ms) {}

  void add(int64_t time, const Key& key, const Row& row) { pending_.emplace(time, std::make_pair(key, row)); }

  // Processes every waiting row with time < watermark (as a window ending at the watermark
  // fires): emit(key, state, frame) per row.
  template <class Emit>
  void fire(int64_t watermark, Emit&& emit) {
    while (!pending_.empty() && pending_.begin()->first < watermark) {
      const int64_t time = pending_.begin()->first;
      auto end = pending_.upper_bound(time);
      std::vector<std::pair<Key, Row>*> waiting;
      for (auto it = pending_.begin(); it != end; ++it) waiting.push_back(&it->second);
      if constexpr (!std::is_same_v<PeerOrder, ArrivalOrder>)
        std::stable_sort(waiting.begin(), waiting.end(), [](const auto* a, const auto* b) { return PeerOrder{}(a->second, b->second); });
      // All rows of this time join their partitions first: each is a peer of the others.
      std::vector<std::pair<Partition*, uint64_t>> rows;
      for (auto* w : waiting) {
        auto [p, inserted] = partitions_.try_emplace(w->first);
        Partition& part = p->second;
        part.rows.push_back({time, std::move(w->second)});
        rows.emplace_back(&part, part.base + part.rows.size() - 1);
      }
      for (size_t i = 0; i < rows.size(); ++i) {
        const auto& [part, n] = rows[i];
        emit(waiting[i]->first, part->state, OverFrame<Row>(part->rows, part->base, n, part->base + part->rows.size()));
      }
      for (const auto& [part, n] : rows) trim(*part, time);
      pending_.erase(pending_.begin(), end);
    }
  }

  uint64_t waiting_rows() const { return pending_.size(); }
  uint64_t kept_rows() const {
    uint64_t n = 0;
    for (const auto& [key, part] : partitions_) n += part.rows.size();
    return n;
  }
  uint64_t partition_count() const { return partitions_.size(); }

  // Checkpoints (state_codec.h): the rows waiting for the watermark and every partition's
  // kept rows and running state.
  void save(StateWriter& out) const {
    sqlc::save(out, pending_);
    sqlc::save(out, partitions_);
  }
  void load(StateReader& in) {
    sqlc::load(in, pending_);
    sqlc::load(in, partitions_);
  }

 private:
  struct Partition {
    std::deque<typename OverFrame<Row>::Entry> rows;
    uint64_t base = 0;  // the number of the first kept row
    State state;
  };

  // After the rows of `time`: drop what no later row's frame reaches.
  void trim(Partition& part, int64_t time) {
    const uint64_t next = part.base + part.rows.size();
    while (!part.rows.empty()) {
      bool rows_need = keep_rows_ >= 0 && part.base + static_cast<uint64_t>(keep_rows_) >= next;
      bool range_need = keep_ms_ >= 0 && part.rows.front().time >= time - keep_ms_;
      if (rows_need || range_need) break;
      part.rows.pop_front();
      ++part.base;
    }
  }

  std::multimap<int64_t, std::pair<Key, Row>> pending_;  // equal times keep arrival order
  std::unordered_map<Key, Partition, KeyHash> partitions_;
  int64_t keep_rows_, keep_ms_;
};

}  // namespace sqlc
