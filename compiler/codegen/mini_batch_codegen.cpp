// JobGenerator (job_generator.h): mini-batch (SET 'table.exec.mini-batch.*', runtime/mini_batch.h)
// on a GROUP BY without a window, a Top-N or a deduplication: rows update the state without
// emitting, and each batch's end emits the net change of every key it touched. A GROUP BY over
// another GROUP BY's (or an outer join's) changelog folds its own batches: the batch of the
// operator below ends it too, as Flink's batch marker passes every mini-batched operator.
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

// The batch's trigger, then `kept` (what the batch keeps of the keys it touched, described by `what`).
std::string batch_trigger_and(const std::string& prefix, const PlanNode& n, const std::string& what, const std::string& kept,
                              const std::string& role = "") {
  return "// SET 'table.exec.mini-batch.*'" + role + ": a batch ends after " + std::to_string(n.mini_batch_size) + " rows or " +
         std::to_string(n.mini_batch_latency_ms) + " ms; " + what + ".\nsqlc::MiniBatchTrigger " + prefix + "mini_batch_{" +
         std::to_string(n.mini_batch_size) + ", " + std::to_string(n.mini_batch_latency_ms) + "};\n" + kept;
}
std::string batch_members(const std::string& prefix, const PlanNode& n, const std::string& key, const std::string& snapshot,
                          const std::string& role = "") {
  return batch_trigger_and(prefix, n, "the keys it touched, with their state before it",
                           "sqlc::MiniBatchChanges<" + key + ", " + snapshot + ", " + key + "Hash> " + prefix + "mini_batch_changes_;\n", role);
}

// flush_<prefix>mini_batch() of a GROUP BY: each touched group's net change through `emit`,
// then `then` (the batch of the GROUP BY above ends with this one's).
std::string group_flush_function(const std::string& prefix, const std::string& type_prefix, const std::string& aggregate,
                                 const std::string& emit, const std::string& then) {
  const std::string results = type_prefix + "AggregateResults";
  return "// Mini-batch: the end of a batch emits the net change of each group it touched, in the order it first touched them.\n"
         "void flush_" + prefix + "mini_batch() {\n" + prefix + "mini_batch_.reset();\n" + prefix + "mini_batch_changes_.flush([this](const " +
         type_prefix + "GroupKey& key, const std::optional<" + results + ">& before) {\n"
         "const auto* state = " + aggregate + ".find(key);  // none: no row of the group is left\n"
         "const std::optional<" + results + "> after = state ? std::optional<" + results + ">(" + prefix + "results_of(*state)) : std::nullopt;\n"
         "sqlc::emit_group_net_change(before, after, [this, &key](const char* op, const " + results + "& row) { " + emit +
         "(op, key, row); });\n});\n" + then + "}\n\n";
}

}  // namespace

bool JobGenerator::mini_batch() const {
  return p_.stateful && p_.stateful->mini_batch_size > 0 && (updating_ || p_.stateful == rank_node_);
}

bool JobGenerator::any_mini_batch() const { return mini_batch() || (outer_ && outer_->mini_batch); }

namespace {

// Whether merging a batch's partial state into a group's state gives the state that adding the
// batch's rows one by one gives: not for floating-point sums (rounding depends on the order) nor
// MIN / MAX of floating point (NaN and -0.0 compare unordered), not for DISTINCT and the others.
bool merges_exactly(const AggregateCall& a) {
  if (a.distinct) return false;
  const std::string& f = a.function;
  if (f == "COUNT" || f == "FIRST_VALUE" || f == "LAST_VALUE") return true;
  if (f == "MIN" || f == "MAX") return !a.args[0]->type.is_approximate();
  if (f == "SUM" || f == "AVG") return a.args[0]->type.is_integer();
  return false;
}

}  // namespace

// Mini-batch on a GROUP BY over an insert-only input whose aggregates all merge exactly: rows fold
// into per-key partials, merged into the groups' state at the batch's end (mini_batch_partials.h).
// A state TTL, GROUPING SETS and shared COUNT(DISTINCT) states keep the row-by-row update.
bool JobGenerator::mini_batch_folds() const {
  if (!mini_batch() || !updating_ || state_ttl_ || !shared_distincts_.empty()) return false;
  const PlanNode& agg = *p_.stateful;
  if (!agg.grouping_sets.empty()) return false;
  for (const auto& a : agg.aggregates)
    if (!merges_exactly(a)) return false;
  return true;
}

// A row of a folding GROUP BY: into its group's partial aggregates of this batch.
std::string JobGenerator::mini_batch_fold_step(const ColumnEnv& env) {
  return "// Mini-batch: the row goes into its group's partial aggregates of this batch; the batch's end merges them into the group's state.\n"
         "AggregateState& state = mini_batch_partials_.partial(group_key_);\n" +
         aggregate_updates(env) + mini_batch_row_done();
}

std::string JobGenerator::mini_batch_members() const {
  std::string out;
  if (mini_batch_folds())
    out += batch_trigger_and("", *p_.stateful, "the partial aggregates of the keys it touched",
                         "sqlc::MiniBatchPartials<GroupKey, AggregateState, GroupKeyHash> mini_batch_partials_;\n");
  else if (mini_batch())
    out += batch_members("", *p_.stateful, updating_ ? "GroupKey" : "PartitionKey", snapshot_type(updating_, rank_ ? &*rank_ : nullptr));
  if (outer_ && outer_->mini_batch)
    out += batch_members(outer_->member_prefix, *outer_aggregate_, outer_->type_prefix + "GroupKey",
                         "std::optional<" + outer_->type_prefix + "AggregateResults>", " on the GROUP BY" + outer_->role);
  return out;
}

// The first time a batch touches a key: its state before the batch, kept for the batch's end.
std::string JobGenerator::mini_batch_first_touch() const {
  if (updating_)
    return "// Mini-batch: the group's row before the batch (none for a new group), the first time the batch touches it.\n"
           "mini_batch_changes_.remember(group_key_, inserted, [&] { return results_of(state); });\n";
  return "// Mini-batch: the partition's rows before the batch, the first time the batch touches it.\n"
         "if (auto* before = mini_batch_changes_.first_touch(partition_key_)) top_n_.snapshot(partition_key_, *before);\n";
}

// After the operator took a row: the batch ends when it has its size.
std::string JobGenerator::mini_batch_row_done() const {
  return "if (mini_batch_.add_row()) flush_mini_batch();  // mini-batch: the batch is full\n";
}

// flush_mini_batch(), flush_outer_mini_batch(): the end of a batch.
std::string JobGenerator::mini_batch_flush_function() const {
  const bool outer = outer_ && outer_->mini_batch;
  std::string out;
  if (outer) out += group_flush_function(outer_->member_prefix, outer_->type_prefix, outer_->member_prefix + "aggregate_", outer_->emit_function(), "");
  if (!mini_batch()) return out;
  // The batch of the GROUP BY over this one's changelog ends with this one's.
  const std::string then = outer ? outer_->batch_flush() + ";  // the GROUP BY above: its batch ends with this one's\n" : "";
  if (mini_batch_folds())
    return out + "// Mini-batch: the end of a batch merges each touched group's partial aggregates into its state and emits the net change, in the order it first touched them.\n"
                 "void flush_mini_batch() {\nmini_batch_.reset();\n"
                 "mini_batch_partials_.flush([this](const GroupKey& key, const AggregateState& partial) {\n"
                 "auto [state, inserted] = group_aggregate_.find_or_insert(key);\n"
                 "const std::optional<AggregateResults> before = inserted ? std::nullopt : std::optional<AggregateResults>(results_of(*state));\n"
                 "state->merge(partial);\n"
                 "sqlc::emit_group_net_change(before, std::optional<AggregateResults>(results_of(*state)), "
                 "[this, &key](const char* op, const AggregateResults& row) { emit_change(op, key, row); });\n});\n" +
                 then + "}\n\n";
  if (updating_) return out + group_flush_function("", "", "group_aggregate_", "emit_change", then);
  return out + "// Mini-batch: the end of a batch emits the net change of each key it touched, in the order it first touched them.\n"
               "void flush_mini_batch() {\nmini_batch_.reset();\n"
               "mini_batch_changes_.flush([this](const PartitionKey& key, const auto& before) {\n"
               "top_n_.emit_net_change(key, before, [this](const char* op, const RankRow& row, int64_t row_number) {\n"
               "emit_rank(op, row, row_number);\n});\n});\n}\n\n";
}

// The source loop's hooks: after each of the reader's batches, before every checkpoint (and at
// the end of the input), and while the reader waits. They end the batch of the first folding
// operator, whose end ends the batch of the one above it.
std::string JobGenerator::first_batch_trigger() const { return mini_batch() ? "mini_batch_" : outer_->batch_trigger(); }
std::string JobGenerator::first_batch_flush() const { return mini_batch() ? "flush_mini_batch()" : outer_->batch_flush(); }

std::string JobGenerator::mini_batch_after_rows() const {
  return "\nif (" + first_batch_trigger() + ".latency_passed()) " + first_batch_flush() + ";  // mini-batch: the batch's latency has passed";
}
std::string JobGenerator::mini_batch_before_checkpoint() const {
  return "\n" + first_batch_flush() + ";  // mini-batch: a checkpoint, a stop or the end of the input ends the batch";
}
std::string JobGenerator::mini_batch_idle_flush() const {
  return "\n// Mini-batch: while the reader waits, a batch ends when its latency has passed.\n"
         "reader.add_idle_callback(100, [this] {\nif (!" + first_batch_trigger() + ".latency_passed()) return;\n" +
         first_batch_flush() + ";\ncontext_.output().flush();\n});";
}

}  // namespace sqlc
