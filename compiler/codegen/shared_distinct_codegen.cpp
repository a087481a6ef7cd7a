#include "codegen/shared_distinct_codegen.h"

#include "codegen/aggregate_codegen.h"
#include "codegen/job_generator.h"

namespace sqlc {

namespace {

bool counts_distinct(const AggregateCall& a) { return a.function == "COUNT" && a.distinct && !a.star && a.args.size() == 1; }

}  // namespace

SharedDistincts::SharedDistincts(const PlanNode& agg, NameScope& names)
    : agg_(&agg), group_of_(agg.aggregates.size(), -1), bit_of_(agg.aggregates.size(), 0) {
  std::vector<Group> candidates;
  for (size_t j = 0; j < agg.aggregates.size(); ++j) {
    const AggregateCall& a = agg.aggregates[j];
    if (!counts_distinct(a)) continue;
    Group* same = nullptr;
    for (auto& g : candidates) {
      const BoundExpr& x = *agg.aggregates[g.aggregates[0]].args[0];
      if (g.aggregates.size() < 64 && x.equals(*a.args[0]) && cpp_value_type(x.type) == cpp_value_type(a.args[0]->type)) same = &g;
    }
    if (same) same->aggregates.push_back(j);
    else candidates.push_back({"", {j}});
  }
  for (auto& g : candidates) {
    if (g.aggregates.size() < 2) continue;
    const BoundExpr& x = *agg.aggregates[g.aggregates[0]].args[0];
    g.member = names.fresh((x.kind == BoundExprKind::ColumnRef ? x.name : std::string("value")) + "_distinct");
    for (size_t bit = 0; bit < g.aggregates.size(); ++bit) {
      group_of_[g.aggregates[bit]] = static_cast<int>(groups_.size());
      bit_of_[g.aggregates[bit]] = static_cast<int>(bit);
    }
    groups_.push_back(std::move(g));
  }
}

std::string SharedDistincts::member_declaration(size_t j) const {
  if (!shares(j) || groups_[group_of_[j]].aggregates[0] != j) return "";
  const Group& g = groups_[group_of_[j]];
  const AggregateCall& first = agg_->aggregates[j];
  std::string of;
  for (size_t a : g.aggregates) of += (of.empty() ? "" : ", ") + agg_->aggregates[a].name;
  return "  sqlc::agg::SharedCountDistinct<" + cpp_value_type(first.args[0]->type) + ", " + std::to_string(g.aggregates.size()) + "> " +
         g.member + ";  // COUNT(DISTINCT " + comment_text(first.args[0]->to_string()) + ") of " + of + ": one set, a bit per FILTER\n";
}

std::vector<std::string> SharedDistincts::members() const {
  std::vector<std::string> out;
  for (const auto& g : groups_) out.push_back(g.member);
  return out;
}

std::string SharedDistincts::update(size_t j, const std::string& state, const ColumnEnv& env) const {
  if (!shares(j) || groups_[group_of_[j]].aggregates[0] != j) return "";
  const Group& g = groups_[group_of_[j]];
  const AggregateCall& first = agg_->aggregates[j];
  std::string names, passed;
  for (size_t a : g.aggregates) {
    const AggregateCall& call = agg_->aggregates[a];
    names += (names.empty() ? "" : ", ") + call.name;
    passed += ", " + (call.filter ? "sqlc::op::is_true(" + emit_expression(*call.filter, env).code + ")" : std::string("true"));
  }
  return "// COUNT(DISTINCT " + comment_text(first.args[0]->to_string()) + ") of " + names +
         ": one lookup, whether the row passed each one's FILTER\n" + state + "." + g.member + ".add(" +
         aggregate_call_arguments(first, env) + passed + ");\n";
}

std::string SharedDistincts::result(size_t j) const {
  return groups_[group_of_[j]].member + ".result(" + std::to_string(bit_of_[j]) + ")";
}

}  // namespace sqlc
