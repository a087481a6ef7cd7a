// JobGenerator (job_generator.h): mini-batch (SET 'table.exec.mini-batch.*', runtime/mini_batch.h)
// on a GROUP BY without a window, a Top-N or a deduplication: rows update the state without
// emitting, and each batch's end emits the net change of every key it touched.
#include "codegen/job_generator.h"

namespace sqlc {

namespace {

// The state before a batch that the batch's end compares with: a group's results (none for a
// new group), a partition's top rows packed (TopN::Snapshot), or a deduplicated partition's packed
// row.
std::string snapshot_type(bool group_by, const RankCode* rank) {
  if (group_by) return "std::optional<AggregateResults>";
  return rank->deduplicate ? "std::string" : "std::vector<std::string>";
}

}  // namespace

bool JobGenerator::mini_batch() const {
  return p_.stateful && p_.stateful->mini_batch_size > 0 && (updating_ || p_.stateful == rank_node_);
}

std::string JobGenerator::mini_batch_members() const {
  const PlanNode& n = *p_.stateful;
  const std::string key = updating_ ? "GroupKey" : "PartitionKey";
  return "// SET 'table.exec.mini-batch.*': a batch ends after " + std::to_string(n.mini_batch_size) + " rows or " +
         std::to_string(n.mini_batch_latency_ms) + " ms; the keys it touched, with their state before it.\n"
         "sqlc::MiniBatchTrigger mini_batch_{" + std::to_string(n.mini_batch_size) + ", " + std::to_string(n.mini_batch_latency_ms) +
         "};\nsqlc::MiniBatchChanges<" + key + ", " + snapshot_type(updating_, rank_ ? &*rank_ : nullptr) + ", " + key +
         "Hash> mini_batch_changes_;\n";
}

// The first time a batch touches a key: its state before the batch, kept for the batch's end.
std::string JobGenerator::mini_batch_first_touch() const {
  if (updating_)
    return "// Mini-batch: the key's row before the batch (none for a new key), the first time the batch touches it.\n"
           "if (auto* before = mini_batch_changes_.first_touch(group_key_)) {\n"
           "if (inserted) before->reset();\nelse *before = results_of(state);\n}\n";
  return "// Mini-batch: the partition's rows before the batch, the first time the batch touches it.\n"
         "if (auto* before = mini_batch_changes_.first_touch(partition_key_)) top_n_.snapshot(partition_key_, *before);\n";
}

// After the operator took a row: the batch ends when it has its size.
std::string JobGenerator::mini_batch_row_done() const {
  return "if (mini_batch_.add_row()) flush_mini_batch();  // mini-batch: the batch is full\n";
}

// flush_mini_batch(): the end of a batch.
std::string JobGenerator::mini_batch_flush_function() const {
  std::string out = "// Mini-batch: the end of a batch emits the net change of each key it touched, in the order it first touched them.\n"
                    "void flush_mini_batch() {\nmini_batch_.reset();\n";
  if (updating_)
    return out + "mini_batch_changes_.flush([this](const GroupKey& key, const std::optional<AggregateResults>& before) {\n"
                 "const AggregateResults after = results_of(group_aggregate_.at(key));\n"
                 "if (before && after == *before) return;  // an unchanged row is not emitted (as in Flink)\n"
                 "if (before) emit_change(\"-U\", key, *before);\n"
                 "emit_change(before ? \"+U\" : \"+I\", key, after);\n});\n}\n\n";
  return out + "mini_batch_changes_.flush([this](const PartitionKey& key, const auto& before) {\n"
               "top_n_.emit_net_change(key, before, [this](const char* op, const RankRow& row, int64_t row_number) {\n"
               "emit_rank(op, row, row_number);\n});\n});\n}\n\n";
}

// The source loop's hooks: after each of the reader's batches, before every checkpoint (and at
// the end of the input), and while the reader waits.
std::string JobGenerator::mini_batch_after_rows() const {
  return "\nif (mini_batch_.latency_passed()) flush_mini_batch();  // mini-batch: the batch's latency has passed";
}
std::string JobGenerator::mini_batch_before_checkpoint() const {
  return "\nflush_mini_batch();  // mini-batch: a checkpoint, a stop or the end of the input ends the batch";
}
std::string JobGenerator::mini_batch_idle_flush() const {
  return "\n// Mini-batch: while the reader waits, a batch ends when its latency has passed.\n"
         "reader.add_idle_callback(100, [this] {\nif (!mini_batch_.latency_passed()) return;\nflush_mini_batch();\ncontext_.output().flush();\n});";
}

}  // namespace sqlc
