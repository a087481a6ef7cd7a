// EXPLAIN as a Graphviz digraph. Data flows top to bottom, from each source (a cylinder)
// through the operators to the sink; a stateful operator is filled and lists its state;
// every edge is labelled with the changelog mode of the rows on it. Node names are q<query>n<k>
// with k the node's position in a pre-order walk, so they do not depend on plan ids.
#include "plan/plan_fields.h"

namespace sqlc {

namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') out += "\\l";
    else out += c;
  }
  return out;
}

// The node's label: its kind, then one left-aligned line per field.
std::string label(const PlanNodeFields& f) {
  std::string out = f.kind + "\\n";
  for (const auto& field : f.fields) {
    std::string v;
    for (size_t i = 0; i < field.values.size(); ++i) v += (i ? ", " : "") + field.values[i];
    if (field.is_list) v = "[" + v + "]";
    out += escape(field.name + ": " + v) + "\\l";
  }
  return out;
}

std::string attributes(const PlanNode& n) {
  switch (n.kind) {
    case PlanKind::Scan: return "shape=cylinder, style=filled, fillcolor=\"#dbe9f6\"";
    case PlanKind::Sink: return "shape=box, style=\"rounded,filled\", fillcolor=\"#dff0d8\"";
    case PlanKind::Aggregate:
    case PlanKind::OverAggregate:
    case PlanKind::Rank:
    case PlanKind::WindowAggregate: return "shape=box, style=filled, fillcolor=\"#fcf3cf\", penwidth=2";
    default: return "shape=box";
  }
}

// Emits `n` and its inputs; returns n's name.
std::string emit(const PlanNode& n, const std::string& prefix, int& counter, const std::string& indent, std::string& out) {
  std::string name = prefix + "n" + std::to_string(++counter);
  out += indent + name + " [label=\"" + label(plan_node_fields(n)) + "\", " + attributes(n) + "];\n";
  for (const auto& input : n.inputs) {
    std::string from = emit(*input, prefix, counter, indent, out);
    out += indent + from + " -> " + name + " [label=\"" + changelog_mode_name(input->mode) + "\"];\n";
  }
  return name;
}

}  // namespace

std::string explain_dot(const LogicalProgram& program) {
  std::string out =
      "digraph sqlc_plan {\n"
      "  rankdir=TB;\n"
      "  node [fontname=\"Helvetica\", fontsize=10];\n"
      "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  bool several = program.queries.size() > 1;
  for (size_t q = 0; q < program.queries.size(); ++q) {
    std::string prefix = "q" + std::to_string(q + 1);
    std::string indent = several ? "    " : "  ";
    if (several) out += "  subgraph cluster_" + prefix + " {\n    label=\"query " + std::to_string(q + 1) + "\";\n";
    int counter = 0;
    emit(*program.queries[q], prefix, counter, indent, out);
    if (several) out += "  }\n";
  }
  out += "}\n";
  return out;
}

}  // namespace sqlc
