// Parse tree -> AST for MATCH_RECOGNIZE: the clause's parts and its PATTERN as a tree.
#include "parser/ast_builder.h"

#include <limits>

namespace sqlc::parser {

namespace ast = sqlc::ast;
using P = SqlParser;

namespace {

template <class T, class U> T* as(U* ctx) { return dynamic_cast<T*>(ctx); }

// A quantifier bound as written; absurdly large ones are clamped (the binder refuses them).
int64_t bound(antlr4::Token* token) {
  try {
    return std::stoll(token->getText());
  } catch (const std::exception&) {
    return std::numeric_limits<int32_t>::max();
  }
}

}  // namespace

ast::RelationPtr AstBuilder::match_recognize(ast::RelationPtr input, P::MatchRecognizeContext* ctx) {
  auto mr = node<ast::MatchRecognizeRelation>(ctx);
  mr->range = range(ctx);
  mr->input = std::move(input);
  for (auto* e : ctx->expression()) {
    if (ctx->within && e == ctx->within) continue;
    mr->partition_by.push_back(expression(e));
  }
  for (auto* s : ctx->sortItem()) mr->order_by.push_back(sort_item(s));
  for (auto* m : ctx->measureDefinition()) mr->measures.push_back({expression(m->expression()), identifier(m->name)});
  if (auto* rows = ctx->rowsPerMatch()) {
    mr->all_rows = as<P::AllRowsPerMatchContext>(rows) != nullptr;
    mr->rows_per_match_range = range(rows);
  }
  if (auto* skip = ctx->skipTo()) {
    if (as<P::SkipToNextRowContext>(skip)) mr->skip = ast::AfterMatchSkip::ToNextRow;
    if (auto* f = as<P::SkipToFirstContext>(skip)) mr->skip = ast::AfterMatchSkip::ToFirst, mr->skip_variable = identifier(f->identifier());
    if (auto* l = as<P::SkipToLastContext>(skip)) mr->skip = ast::AfterMatchSkip::ToLast, mr->skip_variable = identifier(l->identifier());
    // SKIP TO v is SKIP TO LAST v (SQL:2016).
    if (auto* v = as<P::SkipToVariableContext>(skip)) mr->skip = ast::AfterMatchSkip::ToLast, mr->skip_variable = identifier(v->identifier());
  }
  mr->pattern = row_pattern(ctx->rowPattern());
  if (ctx->within) mr->within = expression(ctx->within);
  for (auto* d : ctx->variableDefinition()) mr->defines.push_back({identifier(d->name), expression(d->condition)});
  return mr;
}

std::unique_ptr<ast::RowPattern> AstBuilder::row_pattern(P::RowPatternContext* ctx) {
  auto out = std::make_unique<ast::RowPattern>();
  out->range = range(ctx);
  if (auto* c = as<P::PatternConcatenationContext>(ctx)) {
    out->kind = ast::RowPattern::Kind::Concatenation;
    out->children.push_back(row_pattern(c->left));
    out->children.push_back(row_pattern(c->right));
    return out;
  }
  if (auto* a = as<P::PatternAlternationContext>(ctx)) {
    out->kind = ast::RowPattern::Kind::Alternation;
    out->children.push_back(row_pattern(a->left));
    out->children.push_back(row_pattern(a->right));
    return out;
  }
  auto* q = as<P::QuantifiedPrimaryContext>(ctx);
  auto* primary = q->patternPrimary();
  if (auto* v = as<P::PatternVariableContext>(primary)) {
    out->variable = identifier(v->identifier());
  } else if (auto* g = as<P::GroupedPatternContext>(primary)) {
    out = row_pattern(g->rowPattern());
    out->range = range(ctx);
  } else {
    out->kind = ast::RowPattern::Kind::Empty;
  }
  if (auto* quantifier = q->patternQuantifier()) {
    if (out->quantified) {
      // ((A)+)* : keep the inner quantifier by wrapping it in a one-child concatenation.
      auto inner = std::move(out);
      out = std::make_unique<ast::RowPattern>();
      out->kind = ast::RowPattern::Kind::Concatenation;
      out->range = range(ctx);
      out->children.push_back(std::move(inner));
    }
    out->quantified = true;
    antlr4::Token* reluctant = nullptr;
    if (auto* z = as<P::ZeroOrMoreQuantifierContext>(quantifier)) out->min = 0, out->max = -1, reluctant = z->reluctant;
    if (auto* o = as<P::OneOrMoreQuantifierContext>(quantifier)) out->min = 1, out->max = -1, reluctant = o->reluctant;
    if (auto* z = as<P::ZeroOrOneQuantifierContext>(quantifier)) out->min = 0, out->max = 1, reluctant = z->reluctant;
    if (auto* e = as<P::ExactQuantifierContext>(quantifier)) out->min = out->max = bound(e->exactly), reluctant = e->reluctant;
    if (auto* r = as<P::RangeQuantifierContext>(quantifier)) {
      out->min = r->atLeast ? bound(r->atLeast) : 0;
      out->max = r->atMost ? bound(r->atMost) : -1;
      reluctant = r->reluctant;
    }
    out->reluctant = reluctant != nullptr;
  }
  return out;
}

}  // namespace sqlc::parser
