// MATCH_RECOGNIZE (Flink's CEP over SQL): per partition, rows in time order run through a
// state machine the compiler built from PATTERN. Every row may start a partial match; a
// partial match takes the next row as one of the pattern elements its state allows when that
// variable's DEFINE holds (and, leaving a greedy quantifier, when the repeated part does not
// also accept it), or dies. A partial match that takes a row into an accepting state is a
// match: matches found at one row are emitted oldest start first, and AFTER MATCH SKIP drops
// the partial matches (and matches) that start too early. Rows wait until the watermark
// passes them (event time) or are processed as they arrive (processing time).
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sqlc {

// One edge of the generated NFA (MatchRecognizeSpec::transitions).
struct MatchTransition {
  int from;
  int to;
  int variable;
  uint32_t guards;  // variables that must not accept the row (leaving a greedy quantifier)
};

enum class MatchSkipKind { PastLastRow, ToNextRow, ToFirst, ToLast };

struct MatchPattern {
  const MatchTransition* transitions;  // grouped by `from`, in priority order
  int transition_count;
  const bool* accepting;  // per state
  MatchSkipKind skip;
  int skip_variable;      // TO FIRST / TO LAST v
  int64_t within_ms;      // -1: no WITHIN
  int64_t prev_history;   // rows before a match that PREV reaches
};

// The rows of a (partial) match, as DEFINE and MEASURES see them. With a candidate, the row
// being tested is the last one, taken as `candidate_variable`.
template <class Row>
class MatchView {
 public:
  struct Entry {
    int64_t time;
    Row row;
  };
  MatchView(const std::deque<Entry>& rows, uint64_t base, uint64_t start, const std::vector<uint8_t>& labels, int candidate_variable)
      : rows_(rows), base_(base), start_(start), labels_(labels), candidate_(candidate_variable) {}

  uint64_t size() const { return labels_.size() + (candidate_ >= 0 ? 1 : 0); }
  int label(uint64_t i) const { return i < labels_.size() ? labels_[i] : candidate_; }
  const Row& at(uint64_t i) const { return rows_[start_ + i - base_].row; }
  bool has(uint64_t i, int variable) const { return variable < 0 || label(i) == variable; }

  // LAST(V.x, n): the n-th row from the last taken as V (-1: any row); null when there is none.
  const Row* last(int variable, int64_t n) const {
    for (uint64_t i = size(); i-- > 0;)
      if (has(i, variable) && n-- == 0) return &at(i);
    return nullptr;
  }
  // FIRST(V.x, n): the n-th row from the first taken as V.
  const Row* first(int variable, int64_t n) const {
    for (uint64_t i = 0; i < size(); ++i)
      if (has(i, variable) && n-- == 0) return &at(i);
    return nullptr;
  }
  // PREV(x, n): the row n rows before the last one in the partition, inside the match or not.
  const Row* prev(int64_t n) const {
    uint64_t current = start_ + size() - 1;
    if (static_cast<uint64_t>(n) > current || current - n < base_) return nullptr;
    return &rows_[current - n - base_].row;
  }
  template <class F>
  void for_each(int variable, F&& f) const {
    for (uint64_t i = 0; i < size(); ++i)
      if (has(i, variable)) f(at(i));
  }
  // MATCH_ROWTIME(): the time of the match's last row.
  int64_t last_time() const { return rows_[start_ + size() - 1 - base_].time; }
  // The first / last position taken as `variable`, or -1.
  int64_t first_position(int variable) const {
    for (uint64_t i = 0; i < size(); ++i)
      if (label(i) == variable) return static_cast<int64_t>(i);
    return -1;
  }
  int64_t last_position(int variable) const {
    for (uint64_t i = size(); i-- > 0;)
      if (label(i) == variable) return static_cast<int64_t>(i);
    return -1;
  }

 private:
  const std::deque<Entry>& rows_;
  uint64_t base_, start_;
  const std::vector<uint8_t>& labels_;
  int candidate_;
};

template <class Key, class Row, class KeyHash>
class MatchRecognize {
 public:
  using View = MatchView<Row>;
  explicit MatchRecognize(MatchPattern pattern) : pattern_(pattern) {}

  // Event time: the row waits for the watermark (fire); rows of one time keep arrival order.
  void add(int64_t time, const Key& key, const Row& row) { pending_.emplace(time, std::make_pair(key, row)); }

  // Matches `row` now (processing time: rows in arrival order).
  // condition(variable, view) -> bool; emit(key, view) per match.
  template <class Condition, class Emit>
  void process(int64_t time, const Key& key, const Row& row, Condition&& condition, Emit&& emit) {
    auto [it, inserted] = partitions_.try_emplace(key);
    step(it->first, it->second, time, row, condition, emit);
    if (it->second.threads.empty() && it->second.rows.empty()) partitions_.erase(it);
  }

  // Every waiting row with time < watermark, in (time, `before`) order; then partial matches
  // that WITHIN no longer allows are dropped.
  template <class Before, class Condition, class Emit>
  void fire(int64_t watermark, Before&& before, Condition&& condition, Emit&& emit) {
    while (!pending_.empty() && pending_.begin()->first < watermark) {
      const int64_t time = pending_.begin()->first;
      auto end = pending_.upper_bound(time);
      std::vector<std::pair<Key, Row>*> rows;
      for (auto it = pending_.begin(); it != end; ++it) rows.push_back(&it->second);
      std::stable_sort(rows.begin(), rows.end(), [&](const auto* a, const auto* b) { return before(a->second, b->second); });
      for (auto* r : rows) process(time, r->first, r->second, condition, emit);
      pending_.erase(pending_.begin(), end);
    }
    if (pattern_.within_ms < 0) return;
    for (auto it = partitions_.begin(); it != partitions_.end();) {
      Partition& part = it->second;
      std::erase_if(part.threads, [&](const Thread& t) { return watermark - t.start_time >= pattern_.within_ms; });
      trim(part);
      it = part.threads.empty() && part.rows.empty() ? partitions_.erase(it) : std::next(it);
    }
  }

  uint64_t waiting_rows() const { return pending_.size(); }
  uint64_t partition_count() const { return partitions_.size(); }
  uint64_t kept_rows() const {
    uint64_t n = 0;
    for (const auto& [key, part] : partitions_) n += part.rows.size();
    return n;
  }
  uint64_t partial_matches() const {
    uint64_t n = 0;
    for (const auto& [key, part] : partitions_) n += part.threads.size();
    return n;
  }

 private:
  struct Thread {
    uint64_t start;  // the position of its first row in the partition
    int64_t start_time;
    int state;
    std::vector<uint8_t> labels;  // the variable each of its rows was taken as
  };
  struct Partition {
    std::deque<typename View::Entry> rows;
    uint64_t base = 0;  // the position of rows.front()
    std::vector<Thread> threads;  // by start, then priority
  };

  template <class Condition, class Emit>
  void step(const Key& key, Partition& part, int64_t time, const Row& row, Condition& condition, Emit& emit) {
    part.rows.push_back({time, row});
    const uint64_t position = part.base + part.rows.size() - 1;
    if (pattern_.within_ms >= 0)
      std::erase_if(part.threads, [&](const Thread& t) { return time - t.start_time >= pattern_.within_ms; });
    std::vector<Thread> next, matches;
    std::set<std::pair<uint64_t, int>> taken;  // (start, state): the first (preferred) thread wins
    auto advance = [&](const Thread& t) {
      for (int i = 0; i < pattern_.transition_count; ++i) {
        const MatchTransition& e = pattern_.transitions[i];
        if (e.from != t.state) continue;
        if (!condition(e.variable, View(part.rows, part.base, t.start, t.labels, e.variable))) continue;
        bool blocked = false;
        for (int g = 0; g < 32 && !blocked; ++g)
          if ((e.guards >> g) & 1u) blocked = condition(g, View(part.rows, part.base, t.start, t.labels, g));
        if (blocked) continue;
        if (!taken.insert({t.start, e.to}).second) continue;
        Thread n{t.start, t.start_time, e.to, t.labels};
        n.labels.push_back(static_cast<uint8_t>(e.variable));
        if (!pattern_.accepting[e.to]) {
          next.push_back(std::move(n));
        } else if (matches.empty() || matches.back().start != t.start) {
          matches.push_back(std::move(n));
        }
      }
    };
    for (const Thread& t : part.threads) advance(t);
    advance(Thread{position, time, 0, {}});
    part.threads = std::move(next);
    // Matches oldest start first; each one's AFTER MATCH SKIP drops what starts too early.
    uint64_t keep_from = 0;  // partial matches starting before this are dropped
    for (const Thread& m : matches) {
      if (m.start < keep_from) continue;
      std::vector<uint8_t> labels = m.labels;
      View view(part.rows, part.base, m.start, labels, -1);
      emit(key, view);
      const uint64_t end = m.start + labels.size() - 1;
      uint64_t from = m.start + 1;  // TO NEXT ROW
      if (pattern_.skip == MatchSkipKind::PastLastRow) from = end + 1;
      if (pattern_.skip == MatchSkipKind::ToFirst || pattern_.skip == MatchSkipKind::ToLast) {
        int64_t at = pattern_.skip == MatchSkipKind::ToFirst ? view.first_position(pattern_.skip_variable) : view.last_position(pattern_.skip_variable);
        // A match must not resume at its own first row (it would be found again).
        if (at > 0) from = m.start + static_cast<uint64_t>(at);
      }
      keep_from = std::max(keep_from, from);
      std::erase_if(part.threads, [&](const Thread& t) { return t.start < keep_from; });
    }
    trim(part);
  }

  // Drops the rows no partial match and no PREV can reach any more.
  void trim(Partition& part) {
    uint64_t next = part.base + part.rows.size();
    uint64_t keep = next - std::min<uint64_t>(next, static_cast<uint64_t>(pattern_.prev_history));
    for (const Thread& t : part.threads) keep = std::min(keep, t.start - std::min<uint64_t>(t.start, static_cast<uint64_t>(pattern_.prev_history)));
    while (part.base < keep && !part.rows.empty()) {
      part.rows.pop_front();
      ++part.base;
    }
  }

  MatchPattern pattern_;
  std::multimap<int64_t, std::pair<Key, Row>> pending_;
  std::unordered_map<Key, Partition, KeyHash> partitions_;
};

}  // namespace sqlc
