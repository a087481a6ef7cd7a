#include "codegen/rank_codegen.h"

#include <algorithm>

#include "codegen/cpp_names.h"
#include "codegen/partition_key_codegen.h"
#include "codegen/row_order_codegen.h"

namespace sqlc {

namespace {

// RankOrder: does row a rank before row b? With a SortKey (Top-N): the ORDER BY columns a Top-N
// keeps beside each packed row (sorted_packed_rows.h), so that ranking a new row never unpacks a
// kept one; the order then compares rows and sort keys alike.
std::string rank_order_definition(const PlanNode& rank, const std::vector<RowOrderKey>& keys,
                                  const std::vector<std::pair<ColumnBinding, std::string>>& row_members, bool with_sort_key) {
  std::string order;
  for (const auto& k : rank.sort_keys) order += (order.empty() ? "" : ", ") + k.to_string();
  if (!with_sort_key)
    return "// ORDER BY " + order + ": does row a rank before row b?\nstruct RankOrder {\n"
           "bool operator()([[maybe_unused]] const RankRow& a, [[maybe_unused]] const RankRow& b) const {\n" +
           row_order_body(keys, row_members) + "}\n};\n\n";
  std::string key_members, key_values;
  std::vector<std::string> key_names;
  for (const auto& k : keys)
    for (size_t i = 0; i < row_members.size(); ++i) {
      const auto& [binding, member] = row_members[i];  // row_members[i]: input column i
      if (binding != k.column || std::find(key_names.begin(), key_names.end(), member) != key_names.end()) continue;
      key_names.push_back(member);
      key_members += "sqlc::Nullable<" + cpp_stored_type(rank.input()->schema[i].type) + "> " + member + ";\n";
      key_values += (key_values.empty() ? "row." : ", row.") + member;
    }
  return "// ORDER BY " + order + ": does row a rank before row b? (Either may be a RankRow or its SortKey.)\nstruct RankOrder {\n"
         "struct SortKey {\n" + key_members + "static SortKey of(const RankRow& row) {\nreturn {" + key_values + "};\n}\n};\n"
         "template <class A, class B>\nbool operator()([[maybe_unused]] const A& a, [[maybe_unused]] const B& b) const {\n" +
         row_order_body(keys, row_members) + "}\n};\n\n";
}

}  // namespace

RankCode rank_code(const PlanNode& rank) {
  RankCode code;
  code.definitions = partition_key_definition(rank, "ROW_NUMBER() OVER", code.key_members);
  code.definitions += "\n// A row of a partition's top " + std::to_string(rank.rank_limit) + ".\nstruct RankRow {\n";
  NameScope row_names;
  for (const auto& c : rank.input()->schema) {
    std::string member = row_names.fresh(c.name);
    code.row_members.push_back({c.binding, member});
    code.definitions += "  sqlc::Nullable<" + cpp_stored_type(c.type) + "> " + member + ";  // " + c.type.to_string() + "\n";
  }
  // ORDER BY: NULL is the smallest value (first ascending, last descending), as in Flink.
  std::vector<RowOrderKey> keys;
  for (const auto& k : rank.sort_keys) keys.push_back({k.column, k.descending, k.nulls_last});
  code.numbered = rank.schema.size() > rank.input()->schema.size();
  // Deduplication keeps the time beside each row itself (RankTime below).
  const bool deduplicate = !rank.rank_per_window && !code.numbered && rank.rank_limit == 1 && rank.sort_on_time;
  code.definitions += "};\n\n" + rank_order_definition(rank, keys, code.row_members, !deduplicate);
  code.step_comment = rank.clause.rfind("ORDER BY", 0) == 0
                          ? "// " + rank.clause + ": a Top-N over the whole stream\n"
                          : "// " + rank.clause + " (PARTITION BY ... ORDER BY ...) <= " + std::to_string(rank.rank_limit) + "\n";
  // Deduplication keeping the last row (ORDER BY time DESC): a later row of the same time wins.
  bool replace_peers = !code.numbered && rank.rank_limit == 1 && rank.sort_on_time && rank.sort_keys[0].descending;
  if (rank.rank_per_window) {
    code.member = "// Window " + std::string(replace_peers ? "deduplication keeping the last row" : "Top-N") + ": per window and partition its top " +
                  std::to_string(rank.rank_limit) + " rows, written when the window closes.\nsqlc::WindowTopN<PartitionKey, RankRow, RankOrder> window_top_n_{" +
                  std::to_string(rank.rank_limit) + (replace_peers ? ", true" : "") + "};\nPartitionKey partition_key_;  // reused for lookups\nRankRow rank_row_;  // the row being ranked (the operator copies what it keeps)\n";
    return code;
  }
  if (deduplicate) {
    // One kept row per partition: its own operator, the row stored in place.
    code.deduplicate = true;
    std::string time_member;
    for (const auto& [binding, member] : code.row_members)
      if (binding == rank.sort_keys[0].column) time_member = member;
    code.definitions += "// ORDER BY " + rank.sort_keys[0].name + ": the one column RankOrder compares, kept beside each packed row.\n"
                        "struct RankTime {\ntemplate <class Row>\nstatic auto& of(Row& row) {\nreturn row." + time_member + ";\n}\n};\n\n";
    code.member = std::string("// Deduplication keeping the ") + (replace_peers ? "last" : "first") +
                  " row of each partition.\nsqlc::Deduplicate<PartitionKey, RankRow, PartitionKeyHash, RankOrder, RankTime> top_n_{" +
                  (replace_peers ? "true" : "false") + " /* keep the last row */};\nPartitionKey partition_key_;  // reused for lookups\nRankRow rank_row_;  // the row being ranked (the operator copies what it keeps)\n";
    return code;
  }
  const char* output = code.numbered ? "RowNumber" : "NoRowNumber";
  code.member = "// " + std::string(code.numbered ? "Top-N with its row number" : "Top-N without a row number") +
                ": per partition its top " + std::to_string(rank.rank_limit) + " rows.\n" +
                "sqlc::TopN<PartitionKey, RankRow, PartitionKeyHash, RankOrder> top_n_{" + std::to_string(rank.rank_limit) +
                ", sqlc::TopNOutput::" + output + ", " + (replace_peers ? "true" : "false") + "};\nPartitionKey partition_key_;  // reused for lookups\nRankRow rank_row_;  // the row being ranked (the operator copies what it keeps)\n";
  return code;
}

}  // namespace sqlc
