#include "codegen/kept_value_codegen.h"

#include "codegen/cpp_names.h"

namespace sqlc {

void view_kept_composites(const std::vector<OutputColumn>& columns, ColumnEnv& env) {
  for (const auto& c : columns) {
    if (!is_kept_composite(c.type)) continue;
    auto it = env.find(c.binding);
    if (it != env.end()) it->second.code = "sqlc::agg::view(" + it->second.code + ")";
  }
}

}  // namespace sqlc
