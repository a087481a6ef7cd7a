// SELECT ... ORDER BY k [DESC], ... LIMIT n on a stream: Flink plans it as a SortLimit, a Top-N
// over the whole stream without a row number (AppendOnlyTopNFunction), whatever the keys (also
// the event time: unlike ORDER BY alone, it does not wait for the watermark). Its result is a
// changelog: a row entering the top n is +I, the row it pushes out -D. A Rank node without
// partition and without its number column.
#include "binder/binder.h"

namespace sqlc {

bool reads_one_stream(const PlanNode& n);  // bind_rank.cpp: mini-batch folds a Top-N only over one stream

PlanPtr Binder::bind_sort_limit(const ast::Query& query, PlanPtr input, const Scope& scope, const PlanNode* select_list,
                                const std::vector<std::string>* output_names) {
  auto rows = limit_row_count(query);
  if (!rows) return nullptr;
  if (*rows == 0) return input;  // no row at all: the Limit node bind_query adds
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::Rank;
  node->id = new_node_id();
  node->range = query.order_by.front().range;
  for (const auto& item : query.order_by) {
    auto key = bind_sort_key(item, scope, select_list, output_names);
    if (!key) return nullptr;
    node->sort_keys.push_back(std::move(*key));
  }
  std::string order;
  for (const auto& k : node->sort_keys) order += (order.empty() ? "" : ", ") + k.to_string();
  node->clause = "ORDER BY " + order + " LIMIT " + std::to_string(*rows);
  // Over an updating result (a GROUP BY's changelog) the Top-N takes rows back; lowering checks
  // which updating inputs it can.
  node->rank_limit = *rows;
  node->state_ttl_ms = program_.state_ttl_ms;
  if (reads_one_stream(*input)) apply_mini_batch(*node);  // else it emits per row, as Flink's Rank
  node->schema = input->schema;
  node->mode = ChangelogMode::Retract;
  node->inputs.push_back(std::move(input));
  limit_taken_ = &query;
  return node;
}

PlanPtr Binder::bind_sort_limit_over_result(const ast::Query& query, PlanPtr select_list) {
  Scope output;
  for (const auto& c : select_list->schema) output.columns.push_back(ScopeColumn{"", c.name, c.type, c.binding});
  return bind_sort_limit(query, std::move(select_list), output, nullptr, nullptr);
}

}  // namespace sqlc
