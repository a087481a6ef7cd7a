#include "codegen/match_recognize_codegen.h"

#include "codegen/aggregate_codegen.h"
#include "codegen/kept_value_codegen.h"
#include "codegen/partition_key_codegen.h"
#include "codegen/row_order_codegen.h"

#include <set>

namespace sqlc {

namespace {

std::string one_line(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\n' ? ' ' : c;
  return out;
}

// The navigations an expression reads (FIRST, LAST, PREV, aggregates, V.col of another row).
void navigations_read(const BoundExpr& e, int node_id, std::set<int>& out) {
  e.visit_columns([&](const ColumnBinding& b) {
    if (b.node == node_id && b.column >= kMatchNavigationColumn) out.insert(b.column - kMatchNavigationColumn);
  });
}

// Locals for the navigations in `used`, computed from `view`, bound in `env`.
std::string navigation_values(const PlanNode& node, const MatchRecognizeCode& code, const std::set<int>& used, ColumnEnv& env,
                              NameScope& locals) {
  const MatchRecognizeSpec& m = *node.match;
  std::string out;
  for (int i : used) {
    const MatchNavigation& nav = m.navigations[i];
    std::string name = locals.fresh("nav_" + std::to_string(i));
    std::string var = std::to_string(nav.variable);
    std::string comment = "// " + one_line(nav.text) + (nav.variable >= 0 ? " (rows taken as " + m.variables[nav.variable] + ")" : "") + "\n";
    ColumnEnv row_env;
    for (const auto& [binding, member] : code.row_members) row_env[binding] = CppValue{"r->" + member, true};
    view_kept_composites(node.input()->schema, row_env);
    switch (nav.kind) {
      case MatchNavigation::Kind::MatchRowtime:
        out += comment + "const int64_t " + name + " = view.last_time();\n";
        env[{node.id, kMatchNavigationColumn + i}] = CppValue{name, false};
        continue;
      case MatchNavigation::Kind::Aggregate: {
        const AggregateCall& a = *nav.aggregate;
        ColumnEnv agg_env;
        for (const auto& [binding, member] : code.row_members) agg_env[binding] = CppValue{"r." + member, true};
        view_kept_composites(node.input()->schema, agg_env);
        out += comment + aggregate_state_type(a) + " " + name + "_state" + aggregate_state_init(a) + ";\n";
        std::string args;
        for (size_t k = 0; k < a.args.size(); ++k) {
          CppValue v = emit_expression(*a.args[k], agg_env);
          args += (k ? ", " : "") + (v.nullable ? v.code : "sqlc::op::nullable(" + v.code + ")");
        }
        out += "view.for_each(" + var + ", [&]([[maybe_unused]] const MatchRow& r) { " + name + "_state.add(" + args + "); });\n";
        out += "const auto " + name + " = " + name + "_state.result()" + (a.type.nullable ? "" : ".value") + ";\n";
        env[{node.id, kMatchNavigationColumn + i}] = CppValue{name, a.type.nullable};
        continue;
      }
      default: break;
    }
    std::string row = nav.kind == MatchNavigation::Kind::Prev    ? "view.prev(" + std::to_string(nav.offset) + ")"
                      : nav.kind == MatchNavigation::Kind::First ? "view.first(" + var + ", " + std::to_string(nav.offset) + ")"
                                                                 : "view.last(" + var + ", " + std::to_string(nav.offset) + ")";
    CppValue v = emit_expression(*nav.value, row_env);
    // A composite value stays a view of the kept row, which outlives the match's measures.
    const SqlType& t = nav.value->type;
    std::string type = "sqlc::Nullable<" + (is_kept_composite(t) ? cpp_value_type(t) : cpp_stored_type(t)) + ">";
    out += comment + "const " + type + " " + name + " = [&]() -> " + type + " {\nconst MatchRow* r = " + row + ";\nif (!r) return {};\nreturn " +
           (v.nullable ? v.code : "sqlc::op::nullable(" + v.code + ")") + ";\n}();\n";
    env[{node.id, kMatchNavigationColumn + i}] = CppValue{name, true};
  }
  return out;
}

}  // namespace

MatchRecognizeCode match_recognize_code(const PlanNode& node) {
  const MatchRecognizeSpec& m = *node.match;
  MatchRecognizeCode code;
  code.definitions = partition_key_definition(node, "MATCH_RECOGNIZE", code.key_members);
  code.definitions += "\n// A row of the MATCH_RECOGNIZE input, kept while a partial match holds it.\nstruct MatchRow {\n";
  NameScope row_names;
  for (const auto& c : node.input()->schema) {
    std::string member = row_names.fresh(c.name);
    code.row_members.push_back({c.binding, member});
    code.definitions += "  sqlc::Nullable<" + cpp_stored_type(c.type) + "> " + member + ";  // " + c.type.to_string() + "\n";
  }
  code.definitions += "};\n\n";
  // The NFA, one line per edge.
  code.definitions += "// PATTERN (" + m.pattern_text + ") as a state machine: state 0 has taken no row, state k has just taken a row as\n"
                      "// the pattern element named in its comment. Edges of one state are tried in order (greedy quantifiers\n"
                      "// prefer repeating); `guards` are variables that must not accept the row for the edge to be taken.\n";
  code.definitions += "const sqlc::MatchTransition kMatchTransitions[] = {\n";
  for (const auto& t : m.transitions) {
    std::string guards;
    for (int g = 0; g < 32; ++g)
      if ((t.guards >> g) & 1u) guards += (guards.empty() ? "" : ", ") + m.variables[g];
    code.definitions += "    {" + std::to_string(t.from) + ", " + std::to_string(t.to) + ", " + std::to_string(t.variable) + ", " +
                        std::to_string(t.guards) + "},  // " + m.state_names[t.from] + " -> " + m.state_names[t.to] +
                        (m.accepting[t.to] ? " (match)" : "") + (guards.empty() ? "" : ", unless " + guards + " accepts the row") + "\n";
  }
  code.definitions += "};\nconst bool kMatchAccepting[] = {";
  for (int s = 0; s < m.state_count; ++s) code.definitions += std::string(s ? ", " : "") + (m.accepting[s] ? "true" : "false");
  const char* skip = m.skip == MatchSkip::PastLastRow ? "PastLastRow" : m.skip == MatchSkip::ToNextRow ? "ToNextRow"
                     : m.skip == MatchSkip::ToFirst   ? "ToFirst"
                                                      : "ToLast";
  code.definitions += "};\n// AFTER MATCH SKIP " + std::string(match_skip_text(m.skip)) +
                      (m.skip_variable >= 0 ? " " + m.variables[m.skip_variable] : "") +
                      (m.within_ms >= 0 ? ", WITHIN " + std::to_string(m.within_ms) + " ms" : "") + "\n";
  code.definitions += "const sqlc::MatchPattern kMatchPattern = {kMatchTransitions, " + std::to_string(m.transitions.size()) +
                      ", kMatchAccepting, sqlc::MatchSkipKind::" + skip + ", " + std::to_string(m.skip_variable) + ", " +
                      std::to_string(m.within_ms) + ", " + std::to_string(m.prev_history) + "};\n\n";

  // DEFINE: one function per variable; the row being tested is the view's last.
  ColumnEnv current;
  for (const auto& [binding, member] : code.row_members) current[binding] = CppValue{"row." + member, true};
  view_kept_composites(node.input()->schema, current);
  std::string dispatch;
  for (size_t v = 0; v < m.variables.size(); ++v) {
    std::string fn = "define_" + cpp_identifier(m.variables[v]);
    dispatch += "case " + std::to_string(v) + ": return " + fn + "(view);\n";
    if (!m.defines[v]) {
      code.functions += "// " + m.variables[v] + " has no DEFINE: it takes any row.\nbool " + fn + "(const sqlc::MatchView<MatchRow>&) const { return true; }\n\n";
      continue;
    }
    NameScope locals;
    for (const char* reserved : {"view", "row"}) locals.reserve(reserved);
    ColumnEnv env = current;
    std::set<int> used;
    navigations_read(*m.defines[v], node.id, used);
    std::string body = "[[maybe_unused]] const MatchRow& row = view.at(view.size() - 1);\n";
    body += navigation_values(node, code, used, env, locals);
    CppValue cond = emit_expression(*m.defines[v], env);
    body += "return " + (cond.nullable ? "sqlc::op::is_true(" + cond.code + ")" : cond.code) + ";\n";
    code.functions += "// DEFINE " + m.variables[v] + " AS " + one_line(m.defines[v]->to_string()) + "\nbool " + fn +
                      "(const sqlc::MatchView<MatchRow>& view) const {\n" + body + "}\n\n";
  }
  code.functions += "// Whether the view's last row may be taken as `variable`.\nbool match_condition(int variable, const sqlc::MatchView<MatchRow>& view) const {\n"
                    "switch (variable) {\n" + dispatch + "}\nreturn false;\n}\n\n";
  // ORDER BY after the time: rows of one time in that order.
  std::string before = "// ORDER BY " + m.order_time_name;
  for (const auto& n : m.order_rest_names) before += ", " + n;
  before += ": rows of one time in the order of the columns after it.\nstatic bool match_row_before([[maybe_unused]] const MatchRow& a, [[maybe_unused]] const MatchRow& b) {\n";
  std::vector<RowOrderKey> keys;
  for (const auto& col : m.order_rest) keys.push_back({col, false});
  code.functions += before + row_order_body(keys, code.row_members) + "}\n\n";
  code.member = "sqlc::MatchRecognize<PartitionKey, MatchRow, PartitionKeyHash> match_{kMatchPattern};\nPartitionKey partition_key_;  // reused for lookups\n";
  return code;
}

std::string match_measures(const PlanNode& node, const MatchRecognizeCode& code, ColumnEnv& env, NameScope& locals) {
  const MatchRecognizeSpec& m = *node.match;
  for (size_t i = 0; i < code.key_members.size(); ++i) env[node.schema[i].binding] = CppValue{"key." + code.key_members[i], true};
  std::set<int> used;
  for (const auto& e : m.measures) navigations_read(*e, node.id, used);
  std::string out = "// MEASURES\n" + navigation_values(node, code, used, env, locals);
  for (size_t j = 0; j < m.measures.size(); ++j) {
    const OutputColumn& c = node.schema[code.key_members.size() + j];
    CppValue v = emit_expression(*m.measures[j], env);
    std::string name = locals.fresh(c.name);
    out += "[[maybe_unused]] const auto " + name + " = " + v.code + ";  // " + c.name + "\n";
    env[c.binding] = CppValue{name, v.nullable};
  }
  return out;
}

}  // namespace sqlc
