#include "codegen/partition_key_codegen.h"

#include "codegen/cpp_names.h"
#include "codegen/template_engine.h"

namespace sqlc {

std::string partition_key_definition(const PlanNode& node, const std::string& function, std::vector<std::string>& members) {
  NameScope key_names;
  std::string declarations, fields, other_fields, hash_steps, clause;
  for (size_t i = 0; i < node.groups.size(); ++i) {
    const BoundExpr& g = *node.groups[i];
    std::string member = key_names.fresh(g.kind == BoundExprKind::ColumnRef ? g.name : "key" + std::to_string(i));
    members.push_back(member);
    declarations += "sqlc::Nullable<" + cpp_stored_type(g.type) + "> " + member + ";\n";
    fields += (fields.empty() ? "" : ", ") + member;
    other_fields += (other_fields.empty() ? "" : ", ") + std::string("other.") + member;
    hash_steps += "hash = sqlc::hash_mix(hash, sqlc::hash_value_of(key." + member + "));\n";
    clause += (clause.empty() ? " " : ", ") + g.to_string();
  }
  return CodeTemplate("group_key.cpp")
      .set("CLAUSE", function + " (PARTITION BY" + (clause.empty() ? std::string(" nothing") : clause) + ") (the key of a partition)")
      .set("KEY", "PartitionKey")
      .set("KEY_MEMBERS", declarations)
      .set("KEY_FIELDS", fields)
      .set("OTHER_KEY_FIELDS", other_fields)
      .set("HASH_STEPS", hash_steps)
      .render();
}

}  // namespace sqlc
