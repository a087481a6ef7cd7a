// A lookup join's table: a JSON lines file read once when the job starts, through the same
// reader and FieldSpec tables as a stream, into a hash map from the join key to its rows.
// Malformed lines go to the dead-letter output like a stream's.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "sqlc/runtime/kept_value.h"
#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/record_reader.h"

namespace sqlc {

template <class Key, class Row, class KeyHash>
class LookupTable {
 public:
  // key_of(row, key) fills the row's key and returns false when a key column is NULL: such
  // rows never match (NULL = x is never true). With unique_keys (a PRIMARY KEY), a later row
  // for a key replaces the earlier one.
  template <class KeyOf>
  void load(const SourceSpec& spec, const std::string& path, DeadLetterSink& dead_letter, bool unique_keys, KeyOf&& key_of) {
    JsonLinesReader reader(spec, path, dead_letter);
    reader.open();
    constexpr size_t kBatch = 1024;
    std::vector<Row> rows(kBatch);
    std::vector<RecordPosition> positions(kBatch);
    Key key;
    while (size_t count = reader.next_batch(rows.data(), positions.data(), kBatch)) {
      for (size_t i = 0; i < count; ++i) {
        if (!key_of(rows[i], key)) continue;
        std::vector<Kept<Row>>& matches = rows_[key];
        if (unique_keys) matches.clear();
        matches.emplace_back(rows[i]);  // a deep copy: the reader's strings and arrays last one batch
      }
    }
  }

  // The rows whose key equals `key`, in file order (empty when none).
  const std::vector<Kept<Row>>& matches(const Key& key) const {
    auto it = rows_.find(key);
    return it == rows_.end() ? none_ : it->second;
  }

  // A LEFT JOIN's padding: every column NULL.
  const Row& null_row() const { return null_row_; }

  size_t key_count() const { return rows_.size(); }

 private:
  std::unordered_map<Key, std::vector<Kept<Row>>, KeyHash> rows_;
  std::vector<Kept<Row>> none_;
  Row null_row_{};
};

}  // namespace sqlc
