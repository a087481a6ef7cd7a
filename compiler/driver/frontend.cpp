#include "driver/frontend.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "parser/parse.h"
#include "rewrite/rewrites.h"

namespace sqlc {

std::unique_ptr<CompiledSql> compile_sql(const std::string& input_path) {
  std::string text;
  std::stringstream ss;
  if (input_path == "-") {
    ss << std::cin.rdbuf();
  } else {
    std::ifstream in(input_path, std::ios::binary);
    if (!in) {
      std::cerr << "sqlc: error: cannot read " << input_path << "\n";
      return nullptr;
    }
    ss << in.rdbuf();
  }
  text = ss.str();

  auto c = std::make_unique<CompiledSql>();
  c->source = std::make_unique<SourceFile>(input_path, std::move(text));
  c->diags = std::make_unique<DiagnosticEngine>(*c->source);
  DiagnosticEngine& diags = *c->diags;
  auto fail = [&]() -> std::unique_ptr<CompiledSql> {
    std::cerr << diags.render();
    return nullptr;
  };

  auto script = parse_script(*c->source, diags);
  if (diags.has_errors() || !script) return fail();

  Binder binder(c->catalog, diags, c->program);
  binder.bind_script(*script);
  if (diags.has_errors()) return fail();
  // SHOW / DESCRIBE results, in statement order: a script of only such statements is complete.
  if (c->program.queries.empty() && !c->program.statement_output.empty()) {
    std::cout << c->program.statement_output;
    c->statements_only = true;
    return c;
  }
  if (c->program.queries.empty()) {
    diags.error(DiagCode::NoQuery, {}, "nothing to compile: " + input_path + " has no SELECT or INSERT INTO statement");
    return fail();
  }

  c->bound_plan = explain(c->program);
  for (auto& query : c->program.queries) query = run_rewrites(std::move(query));
  share_source_columns(c->program);
  c->optimized_plan = explain(c->program);

  if (!lower_to_pipelines(c->program, c->pipelines, diags)) return fail();
  if (!diags.diagnostics().empty()) std::cerr << diags.render();  // warnings
  return c;
}

}  // namespace sqlc
