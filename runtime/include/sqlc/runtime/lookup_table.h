// A lookup join's table: a JSON lines file read once when the job starts, through the same
// reader and FieldSpec tables as a stream, into a hash map from the join key to its rows.
// Malformed lines go to the dead-letter output like a stream's.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

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
        own_strings(spec, &rows[i]);
        if (!key_of(rows[i], key)) continue;
        std::vector<Row>& matches = rows_[key];
        if (unique_keys) matches.clear();
        matches.push_back(rows[i]);
      }
    }
  }

  // The rows whose key equals `key`, in file order (empty when none).
  const std::vector<Row>& matches(const Key& key) const {
    auto it = rows_.find(key);
    return it == rows_.end() ? none_ : it->second;
  }

  // A LEFT JOIN's padding: every column NULL.
  const Row& null_row() const { return null_row_; }

  size_t key_count() const { return rows_.size(); }

 private:
  // The reader's strings point into its buffer: copy them to storage that lives as long as
  // the table (a deque never moves its elements).
  void own_strings(const SourceSpec& spec, Row* row) {
    for (uint32_t f = 0; f < spec.field_count; ++f) {
      if (spec.fields[f].type != FieldType::String) continue;
      auto& v = *reinterpret_cast<Nullable<StringRef>*>(reinterpret_cast<char*>(row) + spec.fields[f].offset);
      if (v.is_null) continue;
      strings_.emplace_back(v.value);
      v.value = strings_.back();
    }
  }

  std::unordered_map<Key, std::vector<Row>, KeyHash> rows_;
  std::deque<std::string> strings_;
  std::vector<Row> none_;
  Row null_row_{};
};

}  // namespace sqlc
