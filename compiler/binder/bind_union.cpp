// SELECT ... UNION ALL SELECT ...: the rows of every branch, as one relation. The branches
// must have the same number of columns; each column gets the common type of the branches'
// columns (as Flink: numeric types widen, TIMESTAMP and TIMESTAMP_LTZ meet, NULL takes the
// other side's type), and a branch whose column differs is cast by a Project on top of it.
// UNION (without ALL) is UNION ALL under a duplicate removal (a group aggregate keyed by every
// column, as SELECT DISTINCT); a parenthesized operand is its query's body. INTERSECT and
// EXCEPT stay unsupported.
#include "binder/binder.h"

namespace sqlc {

namespace {

bool same_type(const SqlType& a, const SqlType& b) { return a.id == b.id && a.precision == b.precision && a.scale == b.scale; }

// The type both columns fit in, or false.
bool common_column_type(const SqlType& a, const SqlType& b, SqlType& out) {
  bool nullable = a.nullable || b.nullable;
  if (a.id == TypeId::Null) {
    out = b.with_nullable(true);
    return true;
  }
  if (b.id == TypeId::Null) {
    out = a.with_nullable(true);
    return true;
  }
  if (a.is_numeric() && b.is_numeric()) {
    if (a.id == b.id && a.precision == b.precision && a.scale == b.scale) {
      out = a.with_nullable(nullable);
      return true;
    }
    if (!common_numeric_type(a, b, out)) return false;
    out = out.with_nullable(nullable);
    return true;
  }
  if (a.is_timestamp() && b.is_timestamp()) {
    out = (a.id == TypeId::TimestampLtz ? a : b).with_nullable(nullable);
    return true;
  }
  if (a.id != b.id) return false;
  out = a.with_nullable(nullable);
  return true;
}

}  // namespace

PlanPtr Binder::bind_set_operation(const ast::QueryBody& body, const ast::Query& query, std::vector<std::string>& output_names) {
  // The branches of a chain of UNION ALLs, left to right. A UNION on top removes the duplicates
  // of all of them (the UNIONs and UNION ALLs below it change nothing then).
  std::vector<const ast::QueryBody*> branches;
  bool ok = true;
  const ast::QueryBody* top = &body;
  while (top->nested && top->nested->with.empty() && top->nested->order_by.empty() && !top->nested->limit && !top->nested->emit)
    top = top->nested->body.get();
  const bool distinct = !top->select && !top->nested && top->set_op == ast::SetOpKind::Union;
  auto collect = [&](auto& self, const ast::QueryBody& b) -> void {
    if (b.select) {
      branches.push_back(&b);
      return;
    }
    if (b.nested) {
      const ast::Query& q = *b.nested;
      if (!q.with.empty() || !q.order_by.empty() || q.limit || q.offset || q.emit) {
        diags_.not_supported(b.range, "a parenthesized query with WITH, ORDER BY, LIMIT or EMIT");
        ok = false;
        return;
      }
      self(self, *q.body);
      return;
    }
    if (b.set_op != ast::SetOpKind::UnionAll && !(b.set_op == ast::SetOpKind::Union && distinct)) {
      static const char* names[] = {"UNION ALL", "UNION (without ALL) under a UNION ALL", "INTERSECT", "EXCEPT"};
      diags_.not_supported(b.range, names[static_cast<int>(b.set_op)]);
      ok = false;
      return;
    }
    self(self, *b.left);
    self(self, *b.right);
  };
  collect(collect, body);
  if (!ok) return nullptr;
  if (branches.size() == 1) return bind_select(*branches[0]->select, query, output_names);  // ( SELECT ... )

  std::vector<PlanPtr> plans;
  std::vector<std::vector<std::string>> names(branches.size());
  for (size_t i = 0; i < branches.size(); ++i) {
    plans.push_back(bind_select(*branches[i]->select, query, names[i]));
    if (!plans.back()) return nullptr;
  }
  const size_t width = plans[0]->schema.size();
  std::vector<SqlType> types;
  for (const auto& c : plans[0]->schema) types.push_back(c.type);
  for (size_t i = 1; i < plans.size(); ++i) {
    if (plans[i]->schema.size() != width) {
      diags_.error(DiagCode::TypeMismatch, branches[i]->range,
                   "each UNION ALL branch must produce the same number of columns: the first produces " + std::to_string(width) +
                       ", this one " + std::to_string(plans[i]->schema.size()));
      return nullptr;
    }
    for (size_t c = 0; c < width; ++c) {
      SqlType common;
      if (!common_column_type(types[c], plans[i]->schema[c].type, common)) {
        diags_.error(DiagCode::TypeMismatch, branches[i]->range,
                     "column " + std::to_string(c + 1) + " (`" + names[0][c] + "`) of UNION ALL is " + types[c].base_name() +
                         " in the first branch but " + plans[i]->schema[c].type.base_name() + " in this one");
        return nullptr;
      }
      types[c] = common;
    }
  }

  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::Union;
  node->id = new_node_id();
  node->range = body.range;
  node->clause = distinct ? "UNION (every branch's rows, then duplicates removed)" : "UNION ALL";
  for (size_t c = 0; c < width; ++c) node->schema.push_back(OutputColumn{ColumnBinding{node->id, static_cast<int>(c)}, names[0][c], types[c]});
  for (size_t i = 0; i < plans.size(); ++i) {
    PlanPtr plan = std::move(plans[i]);
    if (plan->mode != ChangelogMode::InsertOnly) node->mode = ChangelogMode::Retract;
    bool cast = false;
    for (size_t c = 0; c < width; ++c) cast = cast || !same_type(plan->schema[c].type, types[c]);
    if (cast) {
      // This branch's columns converted to the union's types.
      PlanPtr project = new_select_project(branches[i]->range);
      project->clause = "UNION ALL branch " + std::to_string(i + 1) + " (converted to the common column types)";
      project->mode = plan->mode;
      for (size_t c = 0; c < width; ++c) {
        const OutputColumn& in = plan->schema[c];
        BoundExprPtr e = make_column_ref(in.binding, in.name, in.type, branches[i]->range);
        if (!same_type(in.type, types[c])) e = make_cast(std::move(e), types[c].with_nullable(in.type.nullable));
        project->schema.push_back(OutputColumn{ColumnBinding{project->id, static_cast<int>(c)}, in.name, e->type});
        project->exprs.push_back(std::move(e));
      }
      project->inputs.push_back(std::move(plan));
      plan = std::move(project);
    }
    node->inputs.push_back(std::move(plan));
  }
  output_names = names[0];
  if (distinct) {
    if (node->mode != ChangelogMode::InsertOnly) {
      diags_.not_supported(body.range, "UNION (without ALL) of an updating result");
      return nullptr;
    }
    return make_distinct(std::move(node), body.range, "UNION", output_names);
  }
  return node;
}

}  // namespace sqlc
