// Catalog statements: SHOW STREAMS / TABLES / VIEWS / FUNCTIONS, DESCRIBE <object> and
// DROP STREAM | TABLE | VIEW [IF EXISTS] [CASCADE]. They run at compile time in script
// order; SHOW and DESCRIBE append a table (in the Flink SQL client's style) to the
// program's statement output, which `sqlc` prints on stdout.
#include <algorithm>
#include <set>

#include "binder/binder.h"
#include "binder/function_registry.h"
#include "diag/name_suggestion.h"

namespace sqlc {

namespace {

// +------+------+
// | name | type |
// +------+------+
// | a    | INT  |
// +------+------+
// 1 row in set
std::string render_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  if (rows.empty()) return "Empty set\n";
  std::vector<size_t> width(header.size());
  for (size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const auto& r : rows) width[c] = std::max(width[c], r[c].size());
  }
  std::string rule = "+";
  for (size_t w : width) rule += std::string(w + 2, '-') + "+";
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out = "|";
    for (size_t c = 0; c < cells.size(); ++c) out += " " + cells[c] + std::string(width[c] - cells[c].size(), ' ') + " |";
    return out + "\n";
  };
  std::string out = rule + "\n" + line(header) + rule + "\n";
  for (const auto& r : rows) out += line(r);
  out += rule + "\n" + std::to_string(rows.size()) + (rows.size() == 1 ? " row" : " rows") + " in set\n";
  return out;
}

const char* kind_name(ast::ObjectKind k) {
  switch (k) {
    case ast::ObjectKind::Stream: return "stream";
    case ast::ObjectKind::Table: return "table";
    case ast::ObjectKind::View: return "view";
    case ast::ObjectKind::Function: return "function";
  }
  return "object";
}

void suggest_similar(Diagnostic& d, const std::string& name, const Catalog& catalog) {
  std::vector<std::string> names;
  for (const auto* s : catalog.sources()) names.push_back(s->name);
  for (const auto* v : catalog.views()) names.push_back(v->name);
  if (auto similar = most_similar_name(name, names)) d.help.push_back("a similar name exists: `" + *similar + "`");
}

}  // namespace

void Binder::bind_show(const ast::ShowStatement& show) {
  std::vector<std::vector<std::string>> rows;
  std::string header;
  switch (show.show) {
    case ast::ShowKind::Streams:
    case ast::ShowKind::Tables: {
      bool streams = show.show == ast::ShowKind::Streams;
      header = streams ? "stream name" : "table name";
      for (const SourceInfo* s : catalog_.sources())
        if (s->is_stream == streams) rows.push_back({s->name});
      break;
    }
    case ast::ShowKind::Views:
      header = "view name";
      for (const ViewInfo* v : catalog_.views()) rows.push_back({v->name});
      break;
    case ast::ShowKind::Functions: {
      header = "function name";
      std::set<std::string> names;
      for (const auto& f : scalar_functions()) names.insert(f.name);
      for (const auto& a : aggregate_functions()) names.insert(a.name);
      for (const auto& n : names) rows.push_back({n});
      break;
    }
    default:
      diags_.not_supported(show.range, "this SHOW statement");
      return;
  }
  if (show.like) {
    diags_.not_supported(show.range, "SHOW ... LIKE");
    return;
  }
  std::sort(rows.begin(), rows.end());
  program_.statement_output += render_table({header}, rows);
}

void Binder::bind_describe(const ast::DescribeStatement& describe) {
  std::string name = describe.name.to_string();
  std::vector<std::vector<std::string>> rows;
  auto nullable = [](const SqlType& t) { return std::string(t.nullable ? "TRUE" : "FALSE"); };
  if (const SourceInfo* s = catalog_.find_source(name)) {
    for (size_t i = 0; i < s->columns.size(); ++i) {
      const ColumnInfo& c = s->columns[i];
      std::string watermark;
      if (s->watermark && s->watermark->column == static_cast<int>(i)) watermark = s->watermark->expr->to_string();
      rows.push_back({c.name, c.type.base_name(), nullable(c.type), c.is_computed() ? c.computed->to_string() : "", watermark});
    }
    program_.statement_output += render_table({"name", "type", "null", "computed", "watermark"}, rows);
    return;
  }
  if (const ViewInfo* v = catalog_.find_view(name)) {
    LogicalProgram scratch;
    Binder view_binder(catalog_, diags_, scratch);
    PlanPtr plan = view_binder.bind_query(*v->query, SinkTarget{}, v->range);
    if (!plan) return;
    for (const auto& c : plan->schema) rows.push_back({c.name, c.type.base_name(), nullable(c.type)});
    program_.statement_output += render_table({"name", "type", "null"}, rows);
    return;
  }
  suggest_similar(diags_.error(DiagCode::UnknownRelation, describe.name.range,
                               "cannot describe `" + name + "`: no stream, table or view has that name"),
                  name, catalog_);
}

std::vector<std::string> Binder::views_depending_on(const std::string& name) {
  // A view depends on `name` when it no longer binds without it (directly or through other
  // views, subqueries, ...): bind each view with `name` hidden, reporting into a scratch engine.
  std::vector<std::string> out;
  catalog_.set_hidden(name);
  for (const ViewInfo* v : catalog_.views()) {
    if (lower(v->name) == lower(name)) continue;
    DiagnosticEngine scratch_diags(diags_.source());
    LogicalProgram scratch;
    Binder probe(catalog_, scratch_diags, scratch);
    if (!probe.bind_query(*v->query, SinkTarget{}, v->range)) out.push_back(v->name);
  }
  catalog_.set_hidden("");
  return out;
}

void Binder::bind_drop(const ast::DropStatement& drop) {
  std::string name = drop.name.to_string();
  if (drop.object == ast::ObjectKind::Function) {
    diags_.not_supported(drop.range, "DROP FUNCTION");
    return;
  }
  const SourceInfo* source = catalog_.find_source(name);
  const ViewInfo* view = catalog_.find_view(name);
  bool kind_matches = (view && drop.object == ast::ObjectKind::View) ||
                      (source && drop.object == ast::ObjectKind::Stream && source->is_stream) ||
                      (source && drop.object == ast::ObjectKind::Table && !source->is_stream);
  if (!source && !view) {
    if (!drop.if_exists)
      suggest_similar(diags_.error(DiagCode::UnknownRelation, drop.name.range, "cannot drop `" + name + "`: it does not exist"),
                      name, catalog_);
    return;
  }
  if (!kind_matches) {
    std::string actual = view ? "view" : source->is_stream ? "stream" : "table";
    diags_.error(DiagCode::TypeMismatch, drop.name.range,
                 "cannot drop `" + name + "` as a " + kind_name(drop.object) + ": it is a " + actual)
        .help.push_back("use DROP " + upper(actual) + " " + name);
    return;
  }
  auto dependents = views_depending_on(name);
  if (!dependents.empty() && !drop.cascade) {
    std::string list;
    for (const auto& d : dependents) list += (list.empty() ? "`" : ", `") + d + "`";
    diags_.error(DiagCode::TypeMismatch, drop.name.range,
                 "cannot drop `" + name + "`: " + (dependents.size() == 1 ? "view " : "views ") + list +
                     (dependents.size() == 1 ? " depends" : " depend") + " on it")
        .help.push_back("drop the dependent views first, or add CASCADE to drop them too");
    return;
  }
  for (const auto& d : dependents) catalog_.drop(d);
  catalog_.drop(name);
}

}  // namespace sqlc
