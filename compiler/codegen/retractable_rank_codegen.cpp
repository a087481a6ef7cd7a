#include "codegen/retractable_rank_codegen.h"

namespace sqlc {

std::string retractable_top_n_member(const PlanNode& rank, const RankCode& code) {
  return "// " + std::string(code.numbered ? "Top-N with its row number" : "Top-N without a row number") +
         " over an updating input: every row of each partition, sorted; its top " + std::to_string(rank.rank_limit) +
         " are the result.\nsqlc::RetractableTopN<PartitionKey, RankRow, PartitionKeyHash, RankOrder> top_n_{" +
         std::to_string(rank.rank_limit) + ", sqlc::TopNOutput::" + (code.numbered ? "RowNumber" : "NoRowNumber") +
         "};\nPartitionKey partition_key_;  // reused for lookups\n";
}

std::string retractable_rank_step(const PlanNode& rank, const RankCode& code, const ColumnEnv& env) {
  std::string out = "// " + rank.clause + " (PARTITION BY ... ORDER BY ...) <= " + std::to_string(rank.rank_limit) +
                    " over an updating input: +I / +U add the row, -U / -D take it back\n";
  for (size_t i = 0; i < rank.groups.size(); ++i)
    out += "sqlc::set_key(partition_key_." + code.key_members[i] + ", " + emit_expression(*rank.groups[i], env).code + ");\n";
  out += "RankRow rank_row;\n";
  for (const auto& [binding, member] : code.row_members) out += "sqlc::set_key(rank_row." + member + ", " + env.at(binding).code + ");\n";
  out += "const auto emit = [this](const char* change, const RankRow& row, int64_t row_number) { emit_rank(change, row, row_number); };\n";
  out += "if (sqlc::agg::is_retraction(op)) top_n_.retract(partition_key_, rank_row, emit);\nelse top_n_.add(partition_key_, rank_row, emit);\n";
  return out;
}

}  // namespace sqlc
