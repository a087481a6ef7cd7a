// Parse tree -> AST. The parse tree is walked directly (dynamic_cast on the labeled
// alternatives) instead of through the generated visitor: antlrcpp::Any in runtime 4.9 loses
// values whose copy constructor is not noexcept, so visitor results are not used at all.
#include "parser/ast_builder.h"

#include "ast/case_folding.h"

#include <algorithm>
#include <cctype>

namespace sqlc::parser {

namespace ast = sqlc::ast;
using P = SqlParser;

namespace {

template <class T, class U> T* as(U* ctx) { return dynamic_cast<T*>(ctx); }

}  // namespace

std::string unescape_string(const std::string& quoted) {
  if (quoted.size() < 2) return quoted;
  char q = quoted.front();
  std::string out;
  out.reserve(quoted.size() - 2);
  for (size_t i = 1; i + 1 < quoted.size(); ++i) {
    out += quoted[i];
    if (quoted[i] == q && i + 2 < quoted.size() && quoted[i + 1] == q) ++i;
  }
  return out;
}

std::string normalize_interval_unit(const std::string& unit) {
  std::string u = upper(unit);
  if (u.size() > 1 && u.back() == 'S') u.pop_back();
  return u;
}

// ---------------------------------------------------------------------------------------
// Ranges

uint32_t AstBuilder::byte_offset(size_t char_index) const {
  if (cp_to_byte_.empty()) return static_cast<uint32_t>(char_index);
  if (char_index >= cp_to_byte_.size()) return cp_to_byte_.empty() ? 0 : cp_to_byte_.back();
  return cp_to_byte_[char_index];
}

SourceRange AstBuilder::range(antlr4::Token* first, antlr4::Token* last) const {
  SourceRange r;
  if (!first) return r;
  uint32_t begin = byte_offset(first->getStartIndex());
  r.begin = source_.location_at(begin);
  r.end_offset = begin;
  if (last && last->getType() != antlr4::Token::EOF && last->getStopIndex() + 1 > first->getStartIndex())
    r.end_offset = byte_offset(last->getStopIndex() + 1);
  return r;
}

SourceRange AstBuilder::range(antlr4::Token* token) const { return range(token, token); }

SourceRange AstBuilder::range(antlr4::ParserRuleContext* ctx) const {
  if (!ctx) return {};
  return range(ctx->getStart(), ctx->getStop());
}

// ---------------------------------------------------------------------------------------
// Names

ast::Identifier AstBuilder::identifier(P::IdentifierContext* ctx) {
  ast::Identifier id;
  id.range = range(ctx);
  std::string text = ctx->getText();
  if (as<P::QuotedIdentifierContext>(ctx) || as<P::BackQuotedIdentifierContext>(ctx)) {
    id.name = unescape_string(text);
    id.quoted = true;
  } else {
    id.name = std::move(text);
  }
  return id;
}

ast::QualifiedName AstBuilder::qualified_name(P::QualifiedNameContext* ctx) {
  ast::QualifiedName name;
  name.range = range(ctx);
  for (auto* id : ctx->identifier()) name.parts.push_back(identifier(id));
  return name;
}

ast::QualifiedName AstBuilder::function_name(P::FunctionNameContext* ctx) {
  if (auto* q = as<P::QualifiedFunctionNameContext>(ctx)) return qualified_name(q->qualifiedName());
  auto* k = as<P::KeywordFunctionNameContext>(ctx);
  ast::QualifiedName name;
  name.range = range(ctx);
  name.parts.push_back(ast::Identifier{k->keyword->getText(), false, range(k->keyword)});
  return name;
}

std::vector<ast::Identifier> AstBuilder::identifier_list(P::IdentifierListContext* ctx) {
  std::vector<ast::Identifier> out;
  if (!ctx) return out;
  for (auto* id : ctx->identifier()) out.push_back(identifier(id));
  return out;
}

// ---------------------------------------------------------------------------------------
// Types

std::unique_ptr<ast::TypeName> AstBuilder::data_type(P::DataTypeContext* ctx) {
  auto* t = ctx->type();
  auto out = std::make_unique<ast::TypeName>();
  out->range = range(ctx);
  out->not_null = ctx->notNull != nullptr;

  // The shared implementation for every alternative.
  struct Fill {
    AstBuilder& b;
    void operator()(P::TypeContext* t, ast::TypeName& out) {
      if (auto* a = as<P::PostfixArrayTypeContext>(t)) {
        out.name = "ARRAY";
        auto elem = std::make_unique<ast::TypeName>();
        elem->range = b.range(a->elementType);
        (*this)(a->elementType, *elem);
        out.elements.push_back(std::move(elem));
      } else if (auto* a = as<P::ArrayTypeContext>(t)) {
        out.name = "ARRAY";
        out.elements.push_back(b.data_type(a->elementType));
      } else if (auto* m = as<P::MapTypeContext>(t)) {
        out.name = "MAP";
        out.elements.push_back(b.data_type(m->keyType));
        out.elements.push_back(b.data_type(m->valueType));
      } else if (auto* m = as<P::MultisetTypeContext>(t)) {
        out.name = "MULTISET";
        out.elements.push_back(b.data_type(m->elementType));
      } else if (auto* r = as<P::RowTypeContext>(t)) {
        out.name = "ROW";
        for (auto* f : r->rowField()) {
          out.field_names.push_back(b.identifier(f->name));
          out.elements.push_back(b.data_type(f->dataType()));
        }
      } else if (auto* r = as<P::RowParenTypeContext>(t)) {
        out.name = "ROW";
        for (auto* f : r->rowField()) {
          out.field_names.push_back(b.identifier(f->name));
          out.elements.push_back(b.data_type(f->dataType()));
        }
      } else if (auto* i = as<P::IntervalTypeContext>(t)) {
        out.name = "INTERVAL";
        out.qualifier = normalize_interval_unit(i->from->getText());
        if (i->to) out.qualifier += " TO " + normalize_interval_unit(i->to->getText());
        for (auto* n : i->INTEGER_VALUE()) out.params.push_back(std::stoll(n->getText()));
      } else if (auto* ts = as<P::TimestampTypeContext>(t)) {
        out.name = ts->withLocal ? "TIMESTAMP_LTZ" : "TIMESTAMP";
        if (ts->precision) out.params.push_back(std::stoll(ts->precision->getText()));
      } else if (as<P::DoubleTypeContext>(t)) {
        out.name = "DOUBLE";
      } else if (auto* s = as<P::SimpleTypeContext>(t)) {
        std::string name = upper(b.identifier(s->name).name);
        if (name == "INTEGER") name = "INT";
        else if (name == "DEC" || name == "NUMERIC") name = "DECIMAL";
        else if (name == "CHARACTER") name = "CHAR";
        out.name = name;
        for (auto* n : s->INTEGER_VALUE()) {
          try {
            out.params.push_back(std::stoll(n->getText()));
          } catch (...) {
            b.diags_.error(DiagCode::SyntaxError, b.range(n->getSymbol()), "type parameter out of range");
          }
        }
      }
    }
  };
  Fill{*this}(t, *out);
  return out;
}

// ---------------------------------------------------------------------------------------
// Statements

ast::StatementPtr AstBuilder::statement(P::StatementContext* ctx) {
  if (auto* q = as<P::QueryStatementContext>(ctx)) {
    auto s = node<ast::QueryStatement>(ctx);
    s->query = query(q->query());
    return s;
  }
  if (auto* c = as<P::CreateSourceContext>(ctx)) return create_source(c);
  if (auto* c = as<P::CreateViewContext>(ctx)) return create_view(c);
  if (auto* i = as<P::InsertContext>(ctx)) {
    auto s = insert(i->insertStatement());
    s->range = range(ctx);
    return s;
  }
  if (auto* d = as<P::DropContext>(ctx)) {
    auto s = node<ast::DropStatement>(ctx);
    switch (d->object->getType()) {
      case P::STREAM: s->object = ast::ObjectKind::Stream; break;
      case P::TABLE: s->object = ast::ObjectKind::Table; break;
      case P::VIEW: s->object = ast::ObjectKind::View; break;
      default: s->object = ast::ObjectKind::Function; break;
    }
    s->if_exists = d->EXISTS() != nullptr;
    s->cascade = d->CASCADE() != nullptr;
    s->name = qualified_name(d->name);
    return s;
  }
  if (auto* sh = as<P::ShowContext>(ctx)) {
    auto s = node<ast::ShowStatement>(ctx);
    switch (sh->what->getType()) {
      case P::STREAMS: s->show = ast::ShowKind::Streams; break;
      case P::TABLES: s->show = ast::ShowKind::Tables; break;
      case P::VIEWS: s->show = ast::ShowKind::Views; break;
      case P::FUNCTIONS: s->show = ast::ShowKind::Functions; break;
      case P::QUERIES: s->show = ast::ShowKind::Queries; break;
      case P::CATALOGS: s->show = ast::ShowKind::Catalogs; break;
      default: s->show = ast::ShowKind::Databases; break;
    }
    if (sh->pattern) s->like = unescape_string(sh->pattern->getText());
    return s;
  }
  if (auto* d = as<P::DescribeContext>(ctx)) {
    auto s = node<ast::DescribeStatement>(ctx);
    s->name = qualified_name(d->name);
    s->extended = d->EXTENDED() != nullptr;
    return s;
  }
  if (auto* e = as<P::ExplainContext>(ctx)) {
    auto s = node<ast::ExplainStatement>(ctx);
    for (auto* d : e->explainDetail()) {
      if (as<P::ExplainPlanForContext>(d)) s->details.push_back("PLAN");
      else s->details.push_back(upper(d->getText()));
    }
    auto* x = e->explainable();
    if (auto* q = as<P::ExplainQueryContext>(x)) {
      auto qs = node<ast::QueryStatement>(x);
      qs->query = query(q->query());
      s->statement = std::move(qs);
    } else {
      s->statement = insert(as<P::ExplainInsertContext>(x)->insertStatement());
    }
    return s;
  }
  if (auto* e = as<P::ExecuteStatementSetContext>(ctx)) {
    auto s = node<ast::StatementSetStatement>(ctx);
    for (auto* i : e->insertStatement()) s->statements.push_back(insert(i));
    return s;
  }
  if (auto* e = as<P::BeginStatementSetContext>(ctx)) {
    auto s = node<ast::StatementSetStatement>(ctx);
    for (auto* i : e->insertStatement()) s->statements.push_back(insert(i));
    return s;
  }
  if (auto* set = as<P::SetContext>(ctx); set && set->key) {
    auto s = node<ast::SetStatement>(ctx);
    s->setting = property_of(set, set->key, set->value);
    return s;
  }
  auto s = node<ast::UnsupportedStatement>(ctx);
  if (as<P::CreateFunctionContext>(ctx)) s->feature = "CREATE FUNCTION";
  else if (as<P::UseContext>(ctx)) s->feature = "USE";
  else if (as<P::SetContext>(ctx)) s->feature = "SET";
  else s->feature = "statement";
  return s;
}

ast::StatementPtr AstBuilder::create_source(P::CreateSourceContext* ctx) {
  auto s = node<ast::CreateSourceStatement>(ctx);
  s->is_stream = ctx->kind->getType() == P::STREAM;
  s->or_replace = ctx->REPLACE() != nullptr;
  s->if_not_exists = ctx->EXISTS() != nullptr;
  s->name = qualified_name(ctx->name);
  for (auto* e : ctx->tableElement()) table_element(e, *s);
  if (ctx->partitionColumns) s->partitioned_by = identifier_list(ctx->partitionColumns);
  if (auto* props = ctx->properties())
    for (auto* p : props->property()) s->properties.push_back(property(p));
  if (ctx->asQuery) s->as_query = query(ctx->asQuery);
  return s;
}

void AstBuilder::table_element(P::TableElementContext* ctx, ast::CreateSourceStatement& out) {
  auto comment = [](antlr4::Token* t) { return t ? unescape_string(t->getText()) : std::string(); };
  if (auto* w = as<P::WatermarkDefinitionContext>(ctx)) {
    if (out.watermark) {
      diags_.error(DiagCode::SyntaxError, range(ctx), "a stream or table can have only one WATERMARK definition");
      return;
    }
    ast::WatermarkDefinition wm;
    wm.column = identifier(w->column);
    wm.expr = expression(w->expression());
    wm.range = range(ctx);
    out.watermark = std::move(wm);
    return;
  }
  if (auto* pk = as<P::PrimaryKeyConstraintContext>(ctx)) {
    if (!out.primary_key.empty()) {
      diags_.error(DiagCode::SyntaxError, range(ctx), "a stream or table can have only one PRIMARY KEY");
      return;
    }
    out.primary_key = identifier_list(pk->columns);
    return;
  }
  ast::ColumnDefinition col;
  col.range = range(ctx);
  if (auto* c = as<P::ComputedColumnContext>(ctx)) {
    col.name = identifier(c->name);
    col.computed = expression(c->expression());
    col.comment = comment(c->comment);
  } else if (auto* m = as<P::MetadataColumnContext>(ctx)) {
    col.name = identifier(m->name);
    col.type = data_type(m->dataType());
    col.is_metadata = true;
    col.is_virtual = m->VIRTUAL() != nullptr;
    if (m->key) col.metadata_key = unescape_string(m->key->getText());
    col.comment = comment(m->comment);
  } else if (auto* p = as<P::PhysicalColumnContext>(ctx)) {
    col.name = identifier(p->name);
    col.type = data_type(p->dataType());
    col.primary_key = p->columnConstraint() != nullptr;
    col.comment = comment(p->comment);
  }
  out.columns.push_back(std::move(col));
}

ast::Property AstBuilder::property(P::PropertyContext* ctx) { return property_of(ctx, ctx->key, ctx->value); }

ast::Property AstBuilder::property_of(antlr4::ParserRuleContext* ctx, P::PropertyKeyContext* key, P::PropertyValueContext* value) {
  ast::Property p;
  p.range = range(ctx);
  if (auto* k = as<P::StringPropertyKeyContext>(key)) p.key = unescape_string(k->STRING()->getText());
  else p.key = key->getText();
  if (auto* v = as<P::StringPropertyValueContext>(value)) p.value = unescape_string(v->STRING()->getText());
  else if (auto* i = as<P::IdentifierPropertyValueContext>(value)) p.value = identifier(i->identifier()).name;
  else p.value = value->getText();
  return p;
}

ast::StatementPtr AstBuilder::create_view(P::CreateViewContext* ctx) {
  auto s = node<ast::CreateViewStatement>(ctx);
  s->or_replace = ctx->REPLACE() != nullptr;
  s->temporary = ctx->TEMPORARY() != nullptr;
  s->if_not_exists = ctx->EXISTS() != nullptr;
  s->name = qualified_name(ctx->name);
  s->columns = identifier_list(ctx->columns);
  s->query = query(ctx->viewQuery);
  SourceRange r = range(ctx->viewQuery);
  if (r.end_offset >= r.begin.offset && r.end_offset <= source_.text().size())
    s->query_text = source_.text().substr(r.begin.offset, r.end_offset - r.begin.offset);
  return s;
}

ast::StatementPtr AstBuilder::insert(P::InsertStatementContext* ctx) {
  auto s = node<ast::InsertStatement>(ctx);
  s->target = qualified_name(ctx->target);
  s->columns = identifier_list(ctx->columns);
  s->overwrite = ctx->OVERWRITE() != nullptr;
  s->query = query(ctx->query());
  return s;
}

// ---------------------------------------------------------------------------------------
// Queries

std::unique_ptr<ast::Query> AstBuilder::query(P::QueryContext* ctx) {
  auto q = std::make_unique<ast::Query>();
  q->range = range(ctx);
  if (auto* w = ctx->with()) {
    for (auto* n : w->namedQuery()) {
      ast::CommonTableExpr cte;
      cte.name = identifier(n->name);
      cte.columns = identifier_list(n->columns);
      cte.query = query(n->query());
      cte.range = range(n);
      q->with.push_back(std::move(cte));
    }
  }
  auto* body = ctx->queryNoWith();
  q->body = query_term(body->queryTerm());
  for (auto* s : body->sortItem()) q->order_by.push_back(sort_item(s));
  auto limit_expr = [&](P::LimitValueContext* l) -> ast::ExprPtr {
    auto* i = as<P::IntegerLimitContext>(l);
    if (!i) return nullptr;
    auto lit = node<ast::LiteralExpr>(l);
    lit->literal_kind = ast::LiteralKind::Integer;
    lit->text = i->getText();
    return lit;
  };
  if (body->limit) q->limit = limit_expr(body->limit);
  if (body->offset) q->offset = limit_expr(body->offset);
  if (auto* e = body->emitClause()) q->emit = emit_clause(e);
  return q;
}

std::optional<ast::EmitClause> AstBuilder::emit_clause(P::EmitClauseContext* ctx) {
  ast::EmitClause e;
  e.range = range(ctx);
  if (as<P::EmitChangesContext>(ctx)) {
    e.kind = ast::EmitKind::Changes;
  } else if (auto* w = as<P::EmitAfterWatermarkContext>(ctx)) {
    e.kind = ast::EmitKind::AfterWatermark;
    if (w->delay) e.delay = expression(w->delay);
  } else {
    e.kind = ast::EmitKind::Final;
  }
  return e;
}

ast::QueryBodyPtr AstBuilder::query_term(P::QueryTermContext* ctx) {
  auto body = std::make_unique<ast::QueryBody>();
  body->range = range(ctx);
  if (auto* d = as<P::QueryTermDefaultContext>(ctx)) {
    auto* primary = d->queryPrimary();
    if (auto* s = as<P::QueryPrimaryDefaultContext>(primary)) {
      body->select = query_specification(s->querySpecification());
    } else {
      body->nested = query(as<P::ParenthesizedQueryContext>(primary)->query());
    }
    return body;
  }
  auto* s = as<P::SetOperationContext>(ctx);
  bool all = s->setQuantifier() && s->setQuantifier()->ALL();
  switch (s->op->getType()) {
    case P::UNION: body->set_op = all ? ast::SetOpKind::UnionAll : ast::SetOpKind::Union; break;
    case P::INTERSECT: body->set_op = ast::SetOpKind::Intersect; break;
    default: body->set_op = ast::SetOpKind::Except; break;
  }
  body->left = query_term(s->left);
  body->right = query_term(s->right);
  return body;
}

std::unique_ptr<ast::QuerySpecification> AstBuilder::query_specification(P::QuerySpecificationContext* ctx) {
  auto spec = std::make_unique<ast::QuerySpecification>();
  spec->range = range(ctx);
  spec->distinct = ctx->setQuantifier() && ctx->setQuantifier()->DISTINCT();
  for (auto* item : ctx->selectItem()) {
    ast::SelectItem si;
    si.range = range(item);
    if (auto* a = as<P::SelectAllContext>(item)) {
      auto star = node<ast::StarExpr>(item);
      star->qualifier = qualified_name(a->qualifiedName());
      si.expr = std::move(star);
    } else if (as<P::SelectStarContext>(item)) {
      si.expr = node<ast::StarExpr>(item);
    } else {
      auto* s = as<P::SelectSingleContext>(item);
      si.expr = expression(s->expression());
      if (s->alias) si.alias = identifier(s->alias);
    }
    spec->select_items.push_back(std::move(si));
  }
  for (auto* r : ctx->relation()) {
    auto rel = relation(r);
    if (!spec->from) {
      spec->from = std::move(rel);
    } else {
      auto join = std::make_unique<ast::JoinRelation>();
      join->join = ast::JoinKind::Cross;
      join->range = spec->from->range;
      join->range.end_offset = rel->range.end_offset;
      join->left = std::move(spec->from);
      join->right = std::move(rel);
      join->lateral = join->right->kind == ast::RelationKind::Unsupported &&
                      join->right->as<ast::UnsupportedRelation>().feature.rfind("LATERAL", 0) == 0;
      spec->from = std::move(join);
    }
  }
  if (ctx->where) spec->where = boolean_expression(ctx->where);
  for (auto* g : ctx->groupingElement()) spec->group_by.push_back(grouping_element(g));
  if (ctx->having) spec->having = boolean_expression(ctx->having);
  for (auto* w : ctx->windowDefinition()) {
    ast::NamedWindow nw;
    nw.name = identifier(w->name);
    nw.spec = window_specification(w->windowSpecification());
    spec->windows.push_back(std::move(nw));
  }
  return spec;
}

ast::GroupingElement AstBuilder::grouping_element(P::GroupingElementContext* ctx) {
  ast::GroupingElement g;
  g.range = range(ctx);
  if (auto* s = as<P::SingleGroupingSetContext>(ctx)) {
    g.kind = ast::GroupingKind::Expression;
    g.expr = expression(s->expression());
  } else if (as<P::EmptyGroupingSetContext>(ctx)) {
    g.kind = ast::GroupingKind::Empty;
  } else if (auto* r = as<P::RollupContext>(ctx)) {
    g.kind = ast::GroupingKind::Rollup;
    g.sets.push_back(expressions(r->expression()));
  } else if (auto* c = as<P::CubeContext>(ctx)) {
    g.kind = ast::GroupingKind::Cube;
    g.sets.push_back(expressions(c->expression()));
  } else if (auto* gs = as<P::GroupingSetsContext>(ctx)) {
    g.kind = ast::GroupingKind::GroupingSets;
    for (auto* set : gs->groupingSet()) {
      if (auto* m = as<P::MultipleGroupingSetContext>(set)) {
        g.sets.push_back(expressions(m->expression()));
      } else {
        std::vector<ast::ExprPtr> one;
        one.push_back(expression(as<P::SimpleGroupingSetContext>(set)->expression()));
        g.sets.push_back(std::move(one));
      }
    }
  }
  return g;
}

ast::OrderItem AstBuilder::sort_item(P::SortItemContext* ctx) {
  ast::OrderItem item;
  item.range = range(ctx);
  item.expr = expression(ctx->expression());
  if (ctx->ordering && ctx->ordering->getType() == P::DESC) item.direction = ast::SortDirection::Desc;
  if (ctx->nullOrdering)
    item.nulls = ctx->nullOrdering->getType() == P::FIRST ? ast::NullsOrder::First : ast::NullsOrder::Last;
  return item;
}

// ---------------------------------------------------------------------------------------
// Relations

ast::RelationPtr AstBuilder::relation(P::RelationContext* ctx) {
  if (auto* d = as<P::RelationDefaultContext>(ctx)) return aliased_relation(d->aliasedRelation());
  auto join = node<ast::JoinRelation>(ctx);
  if (auto* c = as<P::CrossJoinContext>(ctx)) {
    join->join = ast::JoinKind::Cross;
    join->left = relation(c->left);
    join->right = aliased_relation(c->right);
  } else {
    auto* j = as<P::JoinRelationContext>(ctx);
    auto* type = j->joinType();
    if (as<P::LeftJoinContext>(type)) join->join = ast::JoinKind::Left;
    else if (as<P::RightJoinContext>(type)) join->join = ast::JoinKind::Right;
    else if (as<P::FullJoinContext>(type)) join->join = ast::JoinKind::Full;
    else join->join = ast::JoinKind::Inner;
    join->left = relation(j->left);
    join->right = aliased_relation(j->right);
    if (auto* on = as<P::JoinOnContext>(j->joinCriteria())) join->condition = boolean_expression(on->condition);
    else join->using_columns = identifier_list(as<P::JoinUsingContext>(j->joinCriteria())->identifierList());
  }
  if (join->right->kind == ast::RelationKind::Unsupported &&
      join->right->as<ast::UnsupportedRelation>().feature.rfind("LATERAL", 0) == 0)
    join->lateral = true;
  return join;
}

ast::RelationPtr AstBuilder::aliased_relation(P::AliasedRelationContext* ctx) {
  ast::RelationPtr rel;
  rel = relation_primary(ctx->relationPrimary());
  if (ctx->matchRecognize()) rel = match_recognize(std::move(rel), ctx->matchRecognize());
  if (ctx->alias) {
    rel->alias = identifier(ctx->alias);
    rel->column_aliases = identifier_list(ctx->columns);
    rel->range = range(ctx);
  }
  return rel;
}

ast::RelationPtr AstBuilder::relation_primary(P::RelationPrimaryContext* ctx) {
  if (auto* t = as<P::TableNameContext>(ctx)) {
    auto rel = node<ast::TableRelation>(ctx);
    rel->name = qualified_name(t->name);
    if (t->asOf) rel->system_time_as_of = value_expression(t->asOf);
    return rel;
  }
  if (auto* s = as<P::SubqueryRelationContext>(ctx)) {
    auto rel = node<ast::SubqueryRelation>(ctx);
    rel->query = query(s->query());
    return rel;
  }
  if (auto* f = as<P::TableFunctionContext>(ctx)) return table_function(f);
  if (auto* p = as<P::ParenthesizedRelationContext>(ctx)) return relation(p->relation());
  auto u = node<ast::UnsupportedRelation>(ctx);
  if (as<P::LateralTableContext>(ctx)) u->feature = "LATERAL TABLE";
  else if (as<P::LateralSubqueryContext>(ctx)) u->feature = "LATERAL";
  else u->feature = "UNNEST";
  return u;
}

ast::RelationPtr AstBuilder::table_function(P::TableFunctionContext* ctx) {
  auto* call = ctx->tableFunctionCall();
  ast::QualifiedName name = function_name(call->functionName());
  std::string fname = name.parts.size() == 1 ? upper(name.parts[0].name) : std::string();
  ast::WindowFunctionKind kind;
  size_t required;  // interval arguments before the optional offset
  std::vector<std::string> slots;
  if (fname == "TUMBLE") kind = ast::WindowFunctionKind::Tumble, slots = {"SIZE"};
  else if (fname == "HOP") kind = ast::WindowFunctionKind::Hop, slots = {"SLIDE", "SIZE"};
  else if (fname == "CUMULATE") kind = ast::WindowFunctionKind::Cumulate, slots = {"STEP", "SIZE"};
  else if (fname == "SESSION") kind = ast::WindowFunctionKind::Session, slots = {"GAP"};
  else {
    auto u = node<ast::UnsupportedRelation>(ctx);
    u->feature = "table function " + name.to_string();
    return u;
  }
  required = slots.size();

  auto rel = node<ast::WindowFunctionRelation>(ctx);
  rel->function = kind;
  rel->function_range = range(call->functionName());
  bool has_time_column = false;
  std::vector<ast::ExprPtr> named(required);
  bool any_named = false;
  std::vector<ast::ExprPtr> positional;
  auto error = [&](antlr4::ParserRuleContext* at, std::string message) {
    diags_.error(DiagCode::SyntaxError, range(at), std::move(message));
  };

  auto set_input = [&](P::TableArgumentValueContext* v) -> bool {
    if (auto* t = as<P::TableReferenceArgumentContext>(v)) {
      auto in = node<ast::TableRelation>(v);
      in->name = qualified_name(t->name);
      rel->input = std::move(in);
      if (t->partitionKeys) {
        if (auto* b = as<P::BareKeyListContext>(t->partitionKeys))
          for (auto* id : b->identifier()) rel->partition_keys.push_back(identifier(id));
        else
          rel->partition_keys = identifier_list(as<P::ParenthesizedKeyListContext>(t->partitionKeys)->identifierList());
      }
      return true;
    }
    if (auto* s = as<P::SubqueryArgumentContext>(v)) {
      auto in = node<ast::SubqueryRelation>(v);
      in->query = query(s->query());
      rel->input = std::move(in);
      if (s->partitionKeys) {
        if (auto* b = as<P::BareKeyListContext>(s->partitionKeys))
          for (auto* id : b->identifier()) rel->partition_keys.push_back(identifier(id));
        else
          rel->partition_keys = identifier_list(as<P::ParenthesizedKeyListContext>(s->partitionKeys)->identifierList());
      }
      return true;
    }
    return false;
  };
  auto set_descriptor = [&](P::TableArgumentValueContext* v) -> bool {
    auto* d = as<P::DescriptorArgumentContext>(v);
    if (!d) return false;
    rel->time_column = identifier(d->column);
    has_time_column = true;
    return true;
  };
  auto as_expr = [&](P::TableArgumentValueContext* v) -> ast::ExprPtr {
    auto* e = as<P::ExpressionArgumentContext>(v);
    if (!e) return nullptr;
    return expression(e->expression());
  };

  auto args = call->tableArgument();
  for (size_t i = 0; i < args.size(); ++i) {
    auto* arg = args[i];
    auto* value = arg->tableArgumentValue();
    if (arg->argName) {
      any_named = true;
      std::string arg_name = as<P::OffsetArgumentContext>(arg->argName)
                                 ? std::string("OFFSET")
                                 : upper(identifier(as<P::NamedArgumentContext>(arg->argName)->identifier()).name);
      if (arg_name == "DATA") {
        if (!set_input(value)) error(value, fname + "'s DATA argument must be TABLE <name>");
      } else if (arg_name == "TIMECOL") {
        if (!set_descriptor(value)) error(value, fname + "'s TIMECOL argument must be DESCRIPTOR(<column>)");
      } else if (arg_name == "OFFSET") {
        rel->offset = as_expr(value);
        if (!rel->offset) error(value, "OFFSET must be an interval");
      } else {
        auto slot = std::find(slots.begin(), slots.end(), arg_name);
        if (slot == slots.end()) {
          error(arg->argName, "unknown argument " + arg_name + " of " + fname);
          continue;
        }
        auto& target = named[static_cast<size_t>(slot - slots.begin())];
        target = as_expr(value);
        if (!target) error(value, arg_name + " must be an interval");
      }
      continue;
    }
    if (any_named) {
      error(arg, "positional argument after named arguments in " + fname);
      continue;
    }
    if (i == 0) {
      if (!set_input(value)) error(value, "the first argument of " + fname + " must be TABLE <name>");
    } else if (i == 1) {
      if (!set_descriptor(value)) error(value, "the second argument of " + fname + " must be DESCRIPTOR(<time column>)");
    } else {
      auto e = as_expr(value);
      if (!e) {
        error(value, "expected an interval argument");
        continue;
      }
      positional.push_back(std::move(e));
    }
  }
  if (any_named) {
    // Positional intervals (if any) come first; named ones fill their own slots.
    for (size_t i = 0; i < named.size(); ++i) {
      if (named[i]) rel->args.push_back(std::move(named[i]));
      else if (i < positional.size()) rel->args.push_back(std::move(positional[i]));
      else error(call, fname + " needs a " + slots[i] + " argument");
    }
  } else {
    for (size_t i = 0; i < positional.size(); ++i) {
      if (i < required) rel->args.push_back(std::move(positional[i]));
      else if (i == required && !rel->offset) rel->offset = std::move(positional[i]);
      else error(call, "too many arguments to " + fname);
    }
  }
  if (!rel->input) error(call, fname + " needs a TABLE <name> argument");
  else if (!has_time_column) error(call, fname + " needs a DESCRIPTOR(<time column>) argument");
  return rel;
}

// ---------------------------------------------------------------------------------------
// Expressions

std::vector<ast::ExprPtr> AstBuilder::expressions(const std::vector<P::ExpressionContext*>& list) {
  std::vector<ast::ExprPtr> out;
  out.reserve(list.size());
  for (auto* e : list) out.push_back(expression(e));
  return out;
}

ast::ExprPtr AstBuilder::expression(P::ExpressionContext* ctx) { return boolean_expression(ctx->booleanExpression()); }

ast::ExprPtr AstBuilder::boolean_expression(P::BooleanExpressionContext* ctx) {
  if (auto* p = as<P::PredicatedContext>(ctx)) {
    auto value = value_expression(p->valueExpression());
    for (auto* pred : p->predicate()) value = predicate(std::move(value), pred);
    return value;
  }
  if (auto* n = as<P::LogicalNotContext>(ctx)) {
    auto u = node<ast::UnaryExpr>(ctx);
    u->op = ast::UnaryOp::Not;
    u->operand = boolean_expression(n->booleanExpression());
    return u;
  }
  auto b = node<ast::BinaryExpr>(ctx);
  if (auto* a = as<P::LogicalAndContext>(ctx)) {
    b->op = ast::BinaryOp::And;
    b->left = boolean_expression(a->left);
    b->right = boolean_expression(a->right);
    b->op_range = range(a->op);
  } else {
    auto* o = as<P::LogicalOrContext>(ctx);
    b->op = ast::BinaryOp::Or;
    b->left = boolean_expression(o->left);
    b->right = boolean_expression(o->right);
    b->op_range = range(o->op);
  }
  return b;
}

ast::ExprPtr AstBuilder::predicate(ast::ExprPtr value, P::PredicateContext* ctx) {
  SourceRange r = value->range;
  r.end_offset = range(ctx).end_offset;
  auto finish = [&](auto n) {
    n->range = r;
    return ast::ExprPtr(std::move(n));
  };
  if (auto* c = as<P::ComparisonContext>(ctx)) {
    auto b = std::make_unique<ast::BinaryExpr>();
    switch (c->comparisonOperator()->getStart()->getType()) {
      case P::EQ: b->op = ast::BinaryOp::Eq; break;
      case P::NEQ: b->op = ast::BinaryOp::NotEq; break;
      case P::LT: b->op = ast::BinaryOp::Lt; break;
      case P::LTE: b->op = ast::BinaryOp::LtEq; break;
      case P::GT: b->op = ast::BinaryOp::Gt; break;
      default: b->op = ast::BinaryOp::GtEq; break;
    }
    b->op_range = range(c->comparisonOperator());
    b->left = std::move(value);
    b->right = value_expression(c->right);
    return finish(std::move(b));
  }
  if (auto* c = as<P::BetweenContext>(ctx)) {
    auto b = std::make_unique<ast::BetweenExpr>();
    b->value = std::move(value);
    b->low = value_expression(c->lower);
    b->high = value_expression(c->upper);
    b->negated = c->NOT() != nullptr;
    b->symmetric = c->SYMMETRIC() != nullptr;
    return finish(std::move(b));
  }
  if (auto* c = as<P::InSubqueryContext>(ctx)) {
    auto s = std::make_unique<ast::SubqueryExpr>();
    s->subquery_kind = ast::SubqueryKind::In;
    s->value = std::move(value);
    s->negated = c->NOT() != nullptr;
    s->query = query(c->query());
    return finish(std::move(s));
  }
  if (auto* c = as<P::InListContext>(ctx)) {
    auto s = std::make_unique<ast::InListExpr>();
    s->value = std::move(value);
    s->negated = c->NOT() != nullptr;
    s->list = expressions(c->expression());
    return finish(std::move(s));
  }
  if (auto* c = as<P::LikeContext>(ctx)) {
    auto s = std::make_unique<ast::LikeExpr>();
    s->value = std::move(value);
    s->negated = c->NOT() != nullptr;
    s->pattern = value_expression(c->pattern);
    if (c->escape) s->escape = value_expression(c->escape);
    return finish(std::move(s));
  }
  if (auto* c = as<P::SimilarToContext>(ctx)) {
    auto s = std::make_unique<ast::LikeExpr>();
    s->value = std::move(value);
    s->negated = c->NOT() != nullptr;
    s->similar = true;
    s->pattern = value_expression(c->pattern);
    if (c->escape) s->escape = value_expression(c->escape);
    return finish(std::move(s));
  }
  if (auto* c = as<P::NullPredicateContext>(ctx)) {
    auto s = std::make_unique<ast::IsNullExpr>();
    s->operand = std::move(value);
    s->negated = c->NOT() != nullptr;
    return finish(std::move(s));
  }
  if (auto* c = as<P::TruthPredicateContext>(ctx)) {
    auto s = std::make_unique<ast::IsBoolExpr>();
    s->operand = std::move(value);
    s->negated = c->NOT() != nullptr;
    s->value = c->truth->getType() == P::TRUE    ? ast::TruthValue::True
               : c->truth->getType() == P::FALSE ? ast::TruthValue::False
                                                 : ast::TruthValue::Unknown;
    return finish(std::move(s));
  }
  auto* c = as<P::DistinctFromContext>(ctx);
  auto b = std::make_unique<ast::BinaryExpr>();
  b->op = c->NOT() ? ast::BinaryOp::IsNotDistinctFrom : ast::BinaryOp::IsDistinctFrom;
  b->op_range = range(c->IS()->getSymbol(), c->FROM()->getSymbol());
  b->left = std::move(value);
  b->right = value_expression(c->right);
  return finish(std::move(b));
}

ast::ExprPtr AstBuilder::value_expression(P::ValueExpressionContext* ctx) {
  if (auto* d = as<P::ValueDefaultContext>(ctx)) return primary(d->primaryExpression());
  if (auto* u = as<P::ArithmeticUnaryContext>(ctx)) {
    auto n = node<ast::UnaryExpr>(ctx);
    n->op = u->op->getType() == P::MINUS ? ast::UnaryOp::Minus : ast::UnaryOp::Plus;
    n->operand = value_expression(u->operand);
    return n;
  }
  auto b = node<ast::BinaryExpr>(ctx);
  P::ValueExpressionContext *left, *right;
  antlr4::Token* op;
  if (auto* m = as<P::MultiplicativeContext>(ctx)) left = m->left, right = m->right, op = m->op;
  else if (auto* a = as<P::AdditiveContext>(ctx)) left = a->left, right = a->right, op = a->op;
  else {
    auto* c = as<P::ConcatenationContext>(ctx);
    left = c->left, right = c->right, op = c->op;
  }
  switch (op->getType()) {
    case P::ASTERISK: b->op = ast::BinaryOp::Mul; break;
    case P::SLASH: b->op = ast::BinaryOp::Div; break;
    case P::PERCENT: b->op = ast::BinaryOp::Mod; break;
    case P::PLUS: b->op = ast::BinaryOp::Add; break;
    case P::MINUS: b->op = ast::BinaryOp::Sub; break;
    default: b->op = ast::BinaryOp::Concat; break;
  }
  b->op_range = range(op);
  b->left = value_expression(left);
  b->right = value_expression(right);
  return b;
}

ast::ExprPtr AstBuilder::primary(P::PrimaryExpressionContext* ctx) {
  if (as<P::NullLiteralContext>(ctx)) return node<ast::LiteralExpr>(ctx);
  if (auto* b = as<P::BooleanLiteralContext>(ctx)) {
    auto lit = node<ast::LiteralExpr>(ctx);
    lit->literal_kind = ast::LiteralKind::Boolean;
    lit->text = b->value->getType() == P::TRUE ? "TRUE" : "FALSE";
    return lit;
  }
  if (auto* n = as<P::NumericLiteralContext>(ctx)) {
    auto lit = node<ast::LiteralExpr>(ctx);
    auto* num = n->number();
    lit->literal_kind = as<P::IntegerLiteralContext>(num)   ? ast::LiteralKind::Integer
                        : as<P::DecimalLiteralContext>(num) ? ast::LiteralKind::Decimal
                                                            : ast::LiteralKind::Double;
    lit->text = num->getText();
    return lit;
  }
  if (auto* s = as<P::StringLiteralContext>(ctx)) {
    auto lit = node<ast::LiteralExpr>(ctx);
    lit->literal_kind = ast::LiteralKind::String;
    lit->text = unescape_string(s->STRING()->getText());
    return lit;
  }
  if (auto* b = as<P::BinaryLiteralContext>(ctx)) {  // X'7f00': the digits between the quotes
    auto lit = node<ast::LiteralExpr>(ctx);
    lit->literal_kind = ast::LiteralKind::Bytes;
    std::string text = b->BINARY_STRING()->getText();
    lit->text = text.substr(2, text.size() - 3);
    return lit;
  }
  if (auto* i = as<P::IntervalLiteralContext>(ctx)) {
    auto n = node<ast::IntervalExpr>(ctx);
    std::string v = i->value->getText();
    n->value = as<P::StringIntervalValueContext>(i->value) ? unescape_string(v) : v;
    n->unit = normalize_interval_unit(i->from->getText());
    if (i->to) n->to_unit = normalize_interval_unit(i->to->getText());
    n->negative = i->sign && i->sign->getType() == P::MINUS;
    return n;
  }
  if (auto* t = as<P::TypedLiteralContext>(ctx)) {
    auto lit = node<ast::LiteralExpr>(ctx);
    lit->literal_kind = t->kind->getType() == P::TIMESTAMP ? ast::LiteralKind::Timestamp
                        : t->kind->getType() == P::DATE    ? ast::LiteralKind::Date
                                                           : ast::LiteralKind::Time;
    lit->text = unescape_string(t->value->getText());
    return lit;
  }
  if (auto* s = as<P::SpecialDateTimeContext>(ctx)) {
    auto f = node<ast::FunctionCallExpr>(ctx);
    f->name.parts.push_back(ast::Identifier{upper(s->name->getText()), false, range(s->name)});
    f->name.range = range(s->name);
    f->no_parens = s->LEFT_PAREN() == nullptr;
    return f;
  }
  if (auto* c = as<P::SimpleCaseContext>(ctx)) {
    auto n = node<ast::CaseExpr>(ctx);
    n->operand = expression(c->operand);
    for (auto* w : c->whenClause()) n->whens.push_back({expression(w->condition), expression(w->result)});
    if (c->elseResult) n->else_result = expression(c->elseResult);
    return n;
  }
  if (auto* c = as<P::SearchedCaseContext>(ctx)) {
    auto n = node<ast::CaseExpr>(ctx);
    for (auto* w : c->whenClause()) n->whens.push_back({expression(w->condition), expression(w->result)});
    if (c->elseResult) n->else_result = expression(c->elseResult);
    return n;
  }
  if (auto* c = as<P::CastContext>(ctx)) {
    auto n = node<ast::CastExpr>(ctx);
    n->operand = expression(c->operand);
    n->type = data_type(c->dataType());
    n->try_cast = c->castOp->getType() == P::TRY_CAST;
    return n;
  }
  if (auto* e = as<P::ExtractContext>(ctx)) {
    auto n = node<ast::ExtractExpr>(ctx);
    n->unit = upper(identifier(e->unit).name);
    n->operand = value_expression(e->operand);
    return n;
  }
  // SQL's keyword-argument forms become calls of the registry's functions (positional).
  auto special_call = [&](const std::string& name, antlr4::Token* name_token, std::vector<ast::ExprPtr> args) {
    auto f = node<ast::FunctionCallExpr>(ctx);
    f->name.parts.push_back(ast::Identifier{name, false, range(name_token)});
    f->name.range = range(name_token);
    f->args = std::move(args);
    return f;
  };
  auto list = [](auto... e) {
    std::vector<ast::ExprPtr> v;
    (v.push_back(std::move(e)), ...);
    return v;
  };
  if (auto* t = as<P::TrimFromContext>(ctx)) {
    // TRIM([BOTH | LEADING | TRAILING] [chars] FROM s) = TRIM / LTRIM / RTRIM(s [, chars])
    std::string name = !t->side || t->side->getType() == P::BOTH ? "TRIM" : t->side->getType() == P::LEADING ? "LTRIM" : "RTRIM";
    auto args = list(value_expression(t->operand));
    if (t->characters) args.push_back(value_expression(t->characters));
    return special_call(name, t->TRIM()->getSymbol(), std::move(args));
  }
  if (auto* p = as<P::PositionInContext>(ctx))  // POSITION(a IN b) = POSITION(a, b)
    return special_call("POSITION", p->POSITION()->getSymbol(), list(value_expression(p->needle), value_expression(p->haystack)));
  if (auto* s = as<P::SubstringFromContext>(ctx)) {  // SUBSTRING(s FROM i [FOR n]) = SUBSTRING(s, i [, n])
    auto args = list(value_expression(s->operand), value_expression(s->start));
    if (s->length) args.push_back(value_expression(s->length));
    return special_call("SUBSTRING", s->SUBSTRING()->getSymbol(), std::move(args));
  }
  if (auto* o = as<P::OverlayContext>(ctx)) {  // OVERLAY(s PLACING r FROM i [FOR n]) = OVERLAY(s, r, i [, n])
    auto args = list(value_expression(o->operand), value_expression(o->replacement), value_expression(o->start));
    if (o->length) args.push_back(value_expression(o->length));
    return special_call("OVERLAY", o->OVERLAY()->getSymbol(), std::move(args));
  }
  if (auto* f = as<P::FloorCeilToContext>(ctx)) {
    // FLOOR(ts TO unit) = FLOOR(unit, ts): the unit comes first, as in TIMESTAMPADD.
    auto unit = std::make_unique<ast::ColumnRefExpr>();
    unit->name.parts.push_back(identifier(f->unit));
    unit->range = unit->name.range = range(f->unit);
    std::string name = f->name->getType() == P::FLOOR ? "FLOOR" : "CEIL";
    return special_call(name, f->name, list(std::move(unit), value_expression(f->operand)));
  }
  if (auto* a = as<P::ArrayConstructorContext>(ctx)) {
    auto n = node<ast::ConstructorExpr>(ctx);
    for (auto* item : a->expression()) n->items.push_back(expression(item));
    return n;
  }
  if (auto* m = as<P::MapConstructorContext>(ctx)) {
    auto n = node<ast::ConstructorExpr>(ctx);
    n->is_map = true;
    for (auto* item : m->expression()) n->items.push_back(expression(item));
    return n;
  }
  if (auto* e = as<P::ExistsContext>(ctx)) {
    auto n = node<ast::SubqueryExpr>(ctx);
    n->subquery_kind = ast::SubqueryKind::Exists;
    n->query = query(e->query());
    return n;
  }
  if (auto* s = as<P::SubqueryExpressionContext>(ctx)) {
    auto n = node<ast::SubqueryExpr>(ctx);
    n->subquery_kind = ast::SubqueryKind::Scalar;
    n->query = query(s->query());
    return n;
  }
  if (auto* f = as<P::FunctionCallContext>(ctx)) return function_call(f);
  if (auto* c = as<P::ColumnReferenceContext>(ctx)) {
    auto n = node<ast::ColumnRefExpr>(ctx);
    n->name.parts.push_back(identifier(c->identifier()));
    n->name.range = n->range;
    return n;
  }
  if (auto* d = as<P::DereferenceContext>(ctx)) {
    auto base = primary(d->base);
    auto field = identifier(d->fieldName);
    if (base->kind == ast::ExprKind::ColumnRef) {
      auto& col = static_cast<ast::ColumnRefExpr&>(*base);
      col.name.parts.push_back(std::move(field));
      col.range = range(ctx);
      col.name.range = col.range;
      return base;
    }
    auto n = node<ast::FieldAccessExpr>(ctx);
    n->base = std::move(base);
    n->field = std::move(field);
    return n;
  }
  if (auto* s = as<P::SubscriptContext>(ctx)) {
    auto n = node<ast::SubscriptExpr>(ctx);
    n->base = primary(s->value);
    n->index = value_expression(s->index);
    return n;
  }
  auto* p = as<P::ParenthesizedExpressionContext>(ctx);
  return expression(p->expression());
}

ast::ExprPtr AstBuilder::function_call(P::FunctionCallContext* ctx) {
  auto f = node<ast::FunctionCallExpr>(ctx);
  f->name = function_name(ctx->functionName());
  f->star = ctx->ASTERISK() != nullptr;
  f->distinct = ctx->setQuantifier() && ctx->setQuantifier()->DISTINCT();
  f->args = expressions(ctx->expression());
  for (auto* s : ctx->sortItem()) f->within_group.push_back(sort_item(s));
  if (ctx->filter) f->filter = boolean_expression(ctx->filter);
  if (auto* over = ctx->over()) {
    if (auto* named = as<P::NamedWindowReferenceContext>(over)) {
      f->over = std::make_unique<ast::WindowSpec>();
      f->over->name = identifier(named->windowName);
      f->over->range = range(over);
    } else {
      f->over = window_specification(as<P::InlineWindowContext>(over)->windowSpecification());
    }
  }
  return f;
}

std::unique_ptr<ast::WindowSpec> AstBuilder::window_specification(P::WindowSpecificationContext* ctx) {
  auto w = std::make_unique<ast::WindowSpec>();
  w->range = range(ctx);
  for (auto* e : ctx->partition) w->partition_by.push_back(expression(e));
  for (auto* s : ctx->sortItem()) w->order_by.push_back(sort_item(s));
  if (auto* frame = ctx->windowFrame()) {
    ast::WindowFrame f;
    f.range = range(frame);
    if (auto* s = as<P::SingleBoundFrameContext>(frame)) {
      f.unit = s->frameType->getType() == P::ROWS ? ast::FrameUnit::Rows : ast::FrameUnit::Range;
      f.start = frame_bound(s->startBound);
    } else {
      auto* b = as<P::BetweenFrameContext>(frame);
      f.unit = b->frameType->getType() == P::ROWS ? ast::FrameUnit::Rows : ast::FrameUnit::Range;
      f.start = frame_bound(b->startBound);
      f.end = frame_bound(b->endBound);
    }
    w->frame = std::move(f);
  }
  return w;
}

ast::FrameBound AstBuilder::frame_bound(P::FrameBoundContext* ctx) {
  ast::FrameBound b;
  b.range = range(ctx);
  if (auto* u = as<P::UnboundedFrameContext>(ctx)) {
    b.kind = u->boundType->getType() == P::PRECEDING ? ast::FrameBoundKind::UnboundedPreceding
                                                     : ast::FrameBoundKind::UnboundedFollowing;
  } else if (as<P::CurrentRowBoundContext>(ctx)) {
    b.kind = ast::FrameBoundKind::CurrentRow;
  } else {
    auto* o = as<P::BoundedFrameContext>(ctx);
    b.kind = o->boundType->getType() == P::PRECEDING ? ast::FrameBoundKind::Preceding : ast::FrameBoundKind::Following;
    b.offset = value_expression(o->offset);
  }
  return b;
}

}  // namespace sqlc::parser
