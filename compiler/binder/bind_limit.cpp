// SELECT ... LIMIT n on a stream without ORDER BY (Flink's Limit over an append stream): the first
// n rows, then nothing. A Limit node, a row-by-row step that counts the rows it lets through.
#include <charconv>

#include "binder/binder.h"

namespace sqlc {

std::optional<int64_t> Binder::limit_row_count(const ast::Query& query) {
  const ast::Expr& limit = *query.limit;
  if (query.offset) {
    diags_.not_supported(query.offset->range, "OFFSET on a stream");
    return std::nullopt;
  }
  int64_t rows = -1;
  if (limit.kind == ast::ExprKind::Literal && limit.as<ast::LiteralExpr>().literal_kind == ast::LiteralKind::Integer) {
    const std::string& text = limit.as<ast::LiteralExpr>().text;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), rows);
    if (error != std::errc() || end != text.data() + text.size()) rows = -1;
  }
  if (rows < 0) {
    diags_.error(DiagCode::TypeMismatch, limit.range, "LIMIT needs a whole number of rows (an integer literal >= 0)");
    return std::nullopt;
  }
  return rows;
}

PlanPtr Binder::bind_limit(const ast::Query& query, PlanPtr input) {
  const ast::Expr& limit = *query.limit;
  auto count = limit_row_count(query);
  if (!count) return nullptr;
  const int64_t rows = *count;
  if (input->mode != ChangelogMode::InsertOnly) {
    diags_.not_supported(limit.range, "LIMIT over an updating result");
    return nullptr;
  }
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::Limit;
  node->id = new_node_id();
  node->range = limit.range;
  node->clause = "LIMIT " + std::to_string(rows);
  node->rank_limit = rows;
  node->schema = input->schema;
  node->mode = input->mode;
  node->inputs.push_back(std::move(input));
  return node;
}

}  // namespace sqlc
