// Internal to compiler/parser: turns an ANTLR parse tree into the AST of ast/ast.h.
// Only parse.cpp includes this header; nothing ANTLR leaks out of compiler/parser.
#pragma once

#include <memory>
#include <vector>

#include "SqlParser.h"
#include "ast/ast.h"
#include "diag/diagnostics.h"

namespace sqlc::parser {

using sqlc_grammar::SqlParser;

class AstBuilder {
 public:
  // `cp_to_byte` maps the ANTLR character index (a code point index) to a byte offset; it is
  // empty when the source is pure ASCII (the two are then equal).
  AstBuilder(const SourceFile& source, const std::vector<uint32_t>& cp_to_byte, DiagnosticEngine& diags)
      : source_(source), cp_to_byte_(cp_to_byte), diags_(diags) {}

  ast::StatementPtr statement(SqlParser::StatementContext* ctx);
  ast::ExprPtr expression(SqlParser::ExpressionContext* ctx);
  std::unique_ptr<ast::TypeName> data_type(SqlParser::DataTypeContext* ctx);

  SourceRange range(antlr4::ParserRuleContext* ctx) const;
  SourceRange range(antlr4::Token* token) const;
  SourceRange range(antlr4::Token* first, antlr4::Token* last) const;
  uint32_t byte_offset(size_t char_index) const;

 private:
  // Statements
  ast::StatementPtr create_source(SqlParser::CreateSourceContext* ctx);
  ast::StatementPtr create_view(SqlParser::CreateViewContext* ctx);
  ast::StatementPtr insert(SqlParser::InsertStatementContext* ctx);
  void table_element(SqlParser::TableElementContext* ctx, ast::CreateSourceStatement& out);
  ast::Property property(SqlParser::PropertyContext* ctx);
  ast::Property property_of(antlr4::ParserRuleContext* ctx, SqlParser::PropertyKeyContext* key, SqlParser::PropertyValueContext* value);

  // Queries
  std::unique_ptr<ast::Query> query(SqlParser::QueryContext* ctx);
  ast::QueryBodyPtr query_term(SqlParser::QueryTermContext* ctx);
  std::unique_ptr<ast::QuerySpecification> query_specification(SqlParser::QuerySpecificationContext* ctx);
  ast::GroupingElement grouping_element(SqlParser::GroupingElementContext* ctx);
  ast::OrderItem sort_item(SqlParser::SortItemContext* ctx);
  std::optional<ast::EmitClause> emit_clause(SqlParser::EmitClauseContext* ctx);

  // Relations
  ast::RelationPtr relation(SqlParser::RelationContext* ctx);
  ast::RelationPtr aliased_relation(SqlParser::AliasedRelationContext* ctx);
  ast::RelationPtr relation_primary(SqlParser::RelationPrimaryContext* ctx);
  ast::RelationPtr table_function(SqlParser::TableFunctionContext* ctx);
  // MATCH_RECOGNIZE (match_recognize_builder.cpp)
  ast::RelationPtr match_recognize(ast::RelationPtr input, SqlParser::MatchRecognizeContext* ctx);
  std::unique_ptr<ast::RowPattern> row_pattern(SqlParser::RowPatternContext* ctx);

  // Expressions
  ast::ExprPtr boolean_expression(SqlParser::BooleanExpressionContext* ctx);
  ast::ExprPtr predicate(ast::ExprPtr value, SqlParser::PredicateContext* ctx);
  ast::ExprPtr value_expression(SqlParser::ValueExpressionContext* ctx);
  ast::ExprPtr primary(SqlParser::PrimaryExpressionContext* ctx);
  ast::ExprPtr function_call(SqlParser::FunctionCallContext* ctx);
  std::unique_ptr<ast::WindowSpec> window_specification(SqlParser::WindowSpecificationContext* ctx);
  ast::FrameBound frame_bound(SqlParser::FrameBoundContext* ctx);
  std::vector<ast::ExprPtr> expressions(const std::vector<SqlParser::ExpressionContext*>& list);

  // Names
  ast::Identifier identifier(SqlParser::IdentifierContext* ctx);
  ast::QualifiedName qualified_name(SqlParser::QualifiedNameContext* ctx);
  ast::QualifiedName function_name(SqlParser::FunctionNameContext* ctx);
  std::vector<ast::Identifier> identifier_list(SqlParser::IdentifierListContext* ctx);

  template <class T> std::unique_ptr<T> node(antlr4::ParserRuleContext* ctx) {
    auto n = std::make_unique<T>();
    n->range = range(ctx);
    return n;
  }

  const SourceFile& source_;
  const std::vector<uint32_t>& cp_to_byte_;
  DiagnosticEngine& diags_;
};

// Helpers shared with the driver.
std::string unescape_string(const std::string& quoted);  // 'it''s' -> it's
std::string normalize_interval_unit(const std::string& unit);  // minutes -> MINUTE

}  // namespace sqlc::parser
