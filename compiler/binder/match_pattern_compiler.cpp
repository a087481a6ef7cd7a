#include "binder/match_pattern_compiler.h"

#include <set>
#include <vector>

#include "ast/case_folding.h"

namespace sqlc {

namespace {

constexpr int64_t kMaxRepetitions = 100;  // {n,m} bounds, unrolled into copies
constexpr int kMaxStates = 2000;

// A Thompson graph built back to front: every node knows its successors in priority order.
struct Graph {
  enum class Kind { Take, Split, Final };
  struct Node {
    Kind kind = Kind::Final;
    int variable = -1;             // Take
    std::vector<int> next;         // Take: one; Split: its branches in priority order
    std::vector<uint32_t> guards;  // Split: per branch, variables that must not accept the row
  };
  std::vector<Node> nodes;
  int add(Node n) {
    nodes.push_back(std::move(n));
    return static_cast<int>(nodes.size()) - 1;
  }
};

class PatternCompiler {
 public:
  PatternCompiler(const std::map<std::string, int>& variables, DiagnosticEngine& diags) : variables_(variables), diags_(diags) {}

  // The entry node of `p` followed by `next`; -1 after an error.
  int build(const ast::RowPattern& p, int next) {
    if (p.quantified) return build_quantified(p, next);
    return build_once(p, next);
  }

  Graph graph;

 private:
  int build_once(const ast::RowPattern& p, int next) {
    if (next < 0) return -1;
    if (graph.nodes.size() > static_cast<size_t>(kMaxStates)) {
      diags_.not_supported(p.range, "a PATTERN with more than " + std::to_string(kMaxStates) + " elements once its quantifiers are unrolled");
      return -1;
    }
    switch (p.kind) {
      case ast::RowPattern::Kind::Variable: {
        Graph::Node n;
        n.kind = Graph::Kind::Take;
        n.variable = variables_.at(lower(p.variable.name));
        n.next = {next};
        return graph.add(n);
      }
      case ast::RowPattern::Kind::Empty: return next;
      case ast::RowPattern::Kind::Concatenation: {
        int n = next;
        for (auto it = p.children.rbegin(); it != p.children.rend(); ++it) n = build(**it, n);
        return n;
      }
      case ast::RowPattern::Kind::Alternation: {
        Graph::Node split;
        split.kind = Graph::Kind::Split;
        for (const auto& c : p.children) {
          int branch = build(*c, next);
          if (branch < 0) return -1;
          split.next.push_back(branch);
          split.guards.push_back(0);
        }
        return graph.add(split);
      }
    }
    return -1;
  }

  int build_quantified(const ast::RowPattern& p, int next) {
    if (p.min > kMaxRepetitions || p.max > kMaxRepetitions || (p.max >= 0 && p.max < p.min)) {
      diags_.error(DiagCode::InvalidMatchRecognize, p.range,
                   p.max >= 0 && p.max < p.min ? "a quantifier's upper bound is below its lower bound"
                                               : "a quantifier's bounds must be at most " + std::to_string(kMaxRepetitions));
      return -1;
    }
    if (p.max == 0) return next;
    // Leaving a greedy repetition needs a row the repeated part does not accept.
    uint32_t guard = p.reluctant ? 0 : first_mask(p);
    int n = next;
    if (p.max < 0) {
      Graph::Node loop;
      loop.kind = Graph::Kind::Split;
      int split = graph.add(loop);
      int body = build_once(p, split);
      if (body < 0) return -1;
      graph.nodes[split].next = p.reluctant ? std::vector<int>{next, body} : std::vector<int>{body, next};
      graph.nodes[split].guards = p.reluctant ? std::vector<uint32_t>{0, 0} : std::vector<uint32_t>{0, guard};
      n = split;
    } else {
      for (int64_t i = p.min; i < p.max; ++i) {
        int body = build_once(p, n);
        if (body < 0) return -1;
        Graph::Node optional;
        optional.kind = Graph::Kind::Split;
        optional.next = p.reluctant ? std::vector<int>{next, body} : std::vector<int>{body, next};
        optional.guards = p.reluctant ? std::vector<uint32_t>{0, 0} : std::vector<uint32_t>{0, guard};
        n = graph.add(optional);
      }
    }
    for (int64_t i = 0; i < p.min; ++i) {
      n = build_once(p, n);
      if (n < 0) return -1;
    }
    return n;
  }

  // The variables a row can be taken as when `p` starts.
  uint32_t first_mask(const ast::RowPattern& p) const {
    switch (p.kind) {
      case ast::RowPattern::Kind::Variable: return 1u << variables_.at(lower(p.variable.name));
      case ast::RowPattern::Kind::Empty: return 0;
      case ast::RowPattern::Kind::Alternation: {
        uint32_t m = 0;
        for (const auto& c : p.children) m |= first_mask(*c);
        return m;
      }
      case ast::RowPattern::Kind::Concatenation: {
        uint32_t m = 0;
        for (const auto& c : p.children) {
          m |= first_mask(*c);
          if (!nullable(*c)) break;
        }
        return m;
      }
    }
    return 0;
  }

  static bool nullable(const ast::RowPattern& p) {
    if (p.quantified && p.min == 0) return true;
    switch (p.kind) {
      case ast::RowPattern::Kind::Variable: return false;
      case ast::RowPattern::Kind::Empty: return true;
      case ast::RowPattern::Kind::Alternation:
        for (const auto& c : p.children)
          if (nullable(*c)) return true;
        return false;
      case ast::RowPattern::Kind::Concatenation:
        for (const auto& c : p.children)
          if (!nullable(*c)) return false;
        return true;
    }
    return false;
  }

  const std::map<std::string, int>& variables_;
  DiagnosticEngine& diags_;
};

// What a row can be taken as from node `n` on: Take nodes (and Final, as -1... recorded by
// `final_at`), in priority order, each with the guards of the greedy exits passed on the way.
struct Reach {
  std::vector<std::pair<int, uint32_t>> takes;
  int final_at = -1;  // position in `takes` where Final was reached (-1: never)
};

void closure(const Graph& g, int n, uint32_t guards, std::set<int>& seen, Reach& out) {
  if (!seen.insert(n).second) return;
  const Graph::Node& node = g.nodes[n];
  switch (node.kind) {
    case Graph::Kind::Take: out.takes.push_back({n, guards}); return;
    case Graph::Kind::Final:
      if (out.final_at < 0) out.final_at = static_cast<int>(out.takes.size());
      return;
    case Graph::Kind::Split:
      for (size_t i = 0; i < node.next.size(); ++i) closure(g, node.next[i], guards | node.guards[i], seen, out);
      return;
  }
}

Reach reach(const Graph& g, int n) {
  Reach r;
  std::set<int> seen;
  closure(g, n, 0, seen, r);
  return r;
}

std::string quantifier_text(const ast::RowPattern& p) {
  if (!p.quantified) return "";
  std::string q;
  if (p.min == 0 && p.max < 0) q = "*";
  else if (p.min == 1 && p.max < 0) q = "+";
  else if (p.min == 0 && p.max == 1) q = "?";
  else if (p.min == p.max) q = "{" + std::to_string(p.min) + "}";
  else q = "{" + std::to_string(p.min) + "," + (p.max >= 0 ? std::to_string(p.max) : "") + "}";
  return q + (p.reluctant ? "?" : "");
}

}  // namespace

std::string row_pattern_text(const ast::RowPattern& p) {
  std::string body;
  switch (p.kind) {
    case ast::RowPattern::Kind::Variable: body = p.variable.name; break;
    case ast::RowPattern::Kind::Empty: body = "()"; break;
    case ast::RowPattern::Kind::Concatenation:
    case ast::RowPattern::Kind::Alternation: {
      const char* sep = p.kind == ast::RowPattern::Kind::Alternation ? " | " : " ";
      for (size_t i = 0; i < p.children.size(); ++i) body += (i ? sep : "") + row_pattern_text(*p.children[i]);
      if (p.quantified || p.kind == ast::RowPattern::Kind::Alternation) body = "(" + body + ")";
      break;
    }
  }
  return body + quantifier_text(p);
}

bool row_pattern_unbounded(const ast::RowPattern& p) {
  if (p.quantified && p.max < 0) return true;
  for (const auto& c : p.children)
    if (row_pattern_unbounded(*c)) return true;
  return false;
}

bool compile_match_pattern(const ast::RowPattern& pattern, const std::map<std::string, int>& variables, MatchRecognizeSpec& spec,
                           DiagnosticEngine& diags) {
  PatternCompiler compiler(variables, diags);
  int final_node = compiler.graph.add(Graph::Node{});
  int entry = compiler.build(pattern, final_node);
  if (entry < 0) return false;
  const Graph& g = compiler.graph;
  Reach start = reach(g, entry);
  if (start.final_at >= 0) {
    diags.error(DiagCode::InvalidMatchRecognize, pattern.range, "this PATTERN can match zero rows; every match must take at least one row");
    return false;
  }
  // States numbered in the order a match reaches them (breadth first from the start).
  std::map<int, int> state_of;  // graph node -> state
  std::vector<int> order = {-1};
  spec.state_names = {"start"};
  spec.state_variables = {-1};
  std::map<std::string, int> occurrences;
  auto state = [&](int node) {
    auto [it, added] = state_of.try_emplace(node, static_cast<int>(order.size()));
    if (added) {
      order.push_back(node);
      const std::string& v = spec.variables[g.nodes[node].variable];
      int k = ++occurrences[v];
      spec.state_names.push_back(k == 1 ? v : v + "#" + std::to_string(k));
      spec.state_variables.push_back(g.nodes[node].variable);
    }
    return it->second;
  };
  spec.accepting = {false};
  for (size_t s = 0; s < order.size(); ++s) {
    Reach r = s == 0 ? start : reach(g, g.nodes[order[s]].next[0]);
    if (s > 0) {
      spec.accepting.push_back(r.final_at >= 0);
      if (r.final_at > 0) {
        diags.not_supported(pattern.range,
                            "a greedy quantifier at the end of PATTERN (Flink refuses it too): end the pattern with a variable, "
                            "or make the quantifier reluctant (`*?`)");
        return false;
      }
      if (r.final_at >= 0) continue;  // a match is complete: the thread ends here
    }
    std::set<int> targets;
    for (const auto& [node, guards] : r.takes) {
      int to = state(node);
      if (!targets.insert(to).second) continue;
      spec.transitions.push_back({static_cast<int>(s), to, g.nodes[node].variable, guards});
    }
  }
  spec.state_count = static_cast<int>(order.size());
  spec.pattern_text = row_pattern_text(pattern);
  return true;
}

}  // namespace sqlc
