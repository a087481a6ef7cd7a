#include <doctest/doctest.h>

#include "codegen/cpp_names.h"
#include "codegen/expression_codegen.h"
#include "codegen/template_engine.h"

using namespace sqlc;

TEST_CASE("SQL names become readable, valid C++ identifiers") {
  CHECK(cpp_identifier("model_id") == "model_id");
  CHECK(cpp_identifier("Model-ID") == "model_id");
  CHECK(cpp_identifier("1st") == "_1st");
  CHECK(cpp_identifier("class") == "class_");
  CHECK(cpp_identifier("row") == "row_");  // names the generated code uses itself
  CHECK(cpp_type_name("llm_requests") == "LlmRequests");
  CHECK(cpp_string_literal("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"");
  CHECK(cpp_string_literal("??=") == "\"\\077\\077=\"");
  NameScope scope;
  CHECK(scope.fresh("total") == "total");
  CHECK(scope.fresh("TOTAL") == "total_2");
  CHECK(scope.fresh("total") == "total_3");
}

TEST_CASE("templates: placeholders filled, template docs dropped, a missing value is an error") {
  CodeTemplate t("group_key.cpp");
  CHECK_THROWS(t.render());
  t.set("CLAUSE", "GROUP BY a").set("KEY", "K").set("KEY_MEMBERS", "int a;").set("KEY_FIELDS", "a");
  t.set("OTHER_KEY_FIELDS", "other.a").set("HASH_STEPS", "");
  std::string out = t.render();
  CHECK(out.find("//!") == std::string::npos);
  CHECK(out.find("struct K {") != std::string::npos);
  CHECK(out.find("struct KHash {") != std::string::npos);
  CHECK(out.find("/*@") == std::string::npos);
}

TEST_CASE("expressions: plain C++ when NOT NULL, sqlc::op when nullable") {
  ColumnEnv env;
  env[{1, 0}] = CppValue{"row.cost", true};
  env[{1, 1}] = CppValue{"count", false};
  auto cost = make_column_ref({1, 0}, "cost", SqlType::of(TypeId::Double));
  auto count = make_column_ref({1, 1}, "count", SqlType::of(TypeId::Double, false));

  auto cmp = std::make_unique<BoundExpr>();
  cmp->kind = BoundExprKind::Compare;
  cmp->compare_op = CompareOp::Gt;
  cmp->type = SqlType::of(TypeId::Boolean);
  cmp->args.push_back(cost->clone());
  cmp->args.push_back(count->clone());
  CppValue v = emit_expression(*cmp, env);
  CHECK(v.code == "sqlc::op::gt(row.cost, count)");
  CHECK(v.nullable);

  cmp->args[0] = count->clone();
  v = emit_expression(*cmp, env);
  CHECK(v.code == "(count > count)");
  CHECK(!v.nullable);

  auto is_null = std::make_unique<BoundExpr>();
  is_null->kind = BoundExprKind::IsNull;
  is_null->negated = true;
  is_null->type = SqlType::of(TypeId::Boolean, false);
  is_null->args.push_back(cost->clone());
  CHECK(emit_expression(*is_null, env).code == "!sqlc::is_null(row.cost)");
}
