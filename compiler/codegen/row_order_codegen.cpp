#include "codegen/row_order_codegen.h"

namespace sqlc {

std::string row_order_body(const std::vector<RowOrderKey>& keys, const std::vector<std::pair<ColumnBinding, std::string>>& row_members) {
  std::string steps;
  for (const auto& k : keys) {
    std::string member;
    for (const auto& [binding, m] : row_members)
      if (binding == k.column) member = m;
    std::string a = "a." + member, b = "b." + member;
    // sqlc::Nullable's < puts NULL first; NULLS LAST ascending / NULLS FIRST descending go around it.
    if (k.nulls_last != k.descending)
      steps += "if (" + a + ".is_null != " + b + ".is_null) return " + (k.nulls_last ? b : a) + ".is_null;\n";
    if (k.descending) std::swap(a, b);
    steps += "if (" + a + " < " + b + ") return true;\nif (" + b + " < " + a + ") return false;\n";
  }
  return steps + "return false;\n";
}

std::string over_peer_order_definition(const PlanNode& over, const std::vector<std::pair<ColumnBinding, std::string>>& row_members) {
  if (over.sort_keys.empty()) return "";
  std::vector<RowOrderKey> keys;
  for (const auto& k : over.sort_keys) keys.push_back({k.column, k.descending, k.nulls_last});
  return "// ORDER BY " + over.over_order_text() + ": does row a come before row b of the same time?\nstruct OverPeerOrder {\n"
         "bool operator()(const OverRow& a, const OverRow& b) const {\n" + row_order_body(keys, row_members) + "}\n};\n\n";
}

}  // namespace sqlc
