// The parse driver: lex once, split the token stream into statements, parse each statement
// with SLL prediction (bailing out on the first error), fall back to full LL, and report the
// first syntax error of a statement as a diagnostic. Nothing here throws to the caller.
#include "parser/parse.h"

#include <antlr4-runtime.h>

#include <algorithm>

#include "SqlLexer.h"
#include "SqlParser.h"
#include "ast/case_folding.h"
#include "diag/name_suggestion.h"
#include "parser/ast_builder.h"

namespace sqlc {

namespace {

using sqlc_grammar::SqlLexer;
using sqlc_grammar::SqlParser;
using parser::AstBuilder;

// ---------------------------------------------------------------------------------------
// Source preparation: ANTLR works on code points, diagnostics on bytes.

struct PreparedSource {
  bool ok = true;
  uint32_t bad_offset = 0;
  std::vector<uint32_t> cp_to_byte;  // empty for pure ASCII
};

PreparedSource prepare(const std::string& text) {
  PreparedSource p;
  bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return p;
  p.cp_to_byte.reserve(text.size() + 1);
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = len != 0 && i + len <= text.size();
    for (size_t k = 1; valid && k < len; ++k)
      valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (valid && len == 2) valid = c >= 0xC2;
    if (valid && len == 3) {
      unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
      valid = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    }
    if (valid && len == 4) {
      unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
      valid = c <= 0xF4 && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (!valid) {
      p.ok = false;
      p.bad_offset = static_cast<uint32_t>(i);
      return p;
    }
    p.cp_to_byte.push_back(static_cast<uint32_t>(i));
    i += len;
  }
  p.cp_to_byte.push_back(static_cast<uint32_t>(text.size()));
  return p;
}

// ---------------------------------------------------------------------------------------
// Error reporting

struct SyntaxErrorInfo {
  bool set = false;
  antlr4::Token* token = nullptr;
  std::string message;
  std::string help;
};

// "did you mean FROM?" for a misspelt clause keyword (FROMM, SELEC, WHER, GROPU ...).
std::string keyword_suggestion(antlr4::Token* t) {
  if (!t || t->getType() != SqlParser::IDENTIFIER) return "";
  std::string word = t->getText();
  word = upper(word);
  if (word.size() < 3 || word.size() > 12) return "";
  static const char* const kKeywords[] = {"SELECT", "FROM",     "WHERE",  "GROUP",    "ORDER",     "HAVING",
                                          "JOIN",   "CREATE",   "INSERT", "STREAM",   "TABLE",     "WINDOW",
                                          "LIMIT",  "EMIT",     "WATERMARK", "INTERVAL", "BETWEEN", "DISTINCT",
                                          "PARTITION", "DESCRIPTOR", "UNION", "EXPLAIN", "DESCRIBE", "CHANGES"};
  for (const char* k : kKeywords) {
    std::string kw = k;
    size_t limit = kw.size() <= 5 ? 1 : 2;
    if (word != kw && edit_distance(word, kw) <= limit) return "did you mean " + kw + "?";
  }
  return "";
}

std::string token_display(const antlr4::dfa::Vocabulary& vocab, size_t type) {
  switch (type) {
    case antlr4::Token::EOF: return "end of statement";
    case SqlParser::IDENTIFIER: return "an identifier";
    case SqlParser::QUOTED_IDENTIFIER: return "a quoted identifier";
    case SqlParser::BACKQUOTED_IDENTIFIER: return "a quoted identifier";
    case SqlParser::STRING: return "a string";
    case SqlParser::INTEGER_VALUE: return "an integer";
    case SqlParser::DECIMAL_VALUE: return "a number";
    case SqlParser::DOUBLE_VALUE: return "a number";
    default: break;
  }
  std::string literal = vocab.getLiteralName(type);
  if (!literal.empty()) return literal;  // already quoted: ')'
  std::string symbolic = vocab.getSymbolicName(type);
  if (!symbolic.empty() && symbolic.back() == '_') symbolic.pop_back();  // SKIP_
  return "'" + symbolic + "'";
}

// The grammatical thing expected in a rule, for large expected-token sets.
const char* rule_noun(size_t rule) {
  switch (rule) {
    case SqlParser::RuleScript:
    case SqlParser::RuleSingleStatement:
    case SqlParser::RuleStatement:
      return "a statement";
    case SqlParser::RuleExplainable:
      return "a query or INSERT";
    case SqlParser::RuleQuery:
    case SqlParser::RuleQueryNoWith:
    case SqlParser::RuleQueryTerm:
    case SqlParser::RuleQueryPrimary:
      return "a query";
    case SqlParser::RuleTableElement:
      return "a column definition";
    case SqlParser::RuleDataType:
    case SqlParser::RuleType:
      return "a type";
    case SqlParser::RuleRelation:
    case SqlParser::RuleAliasedRelation:
    case SqlParser::RuleRelationPrimary:
      return "a table name or subquery";
    case SqlParser::RuleSelectItem:
    case SqlParser::RuleExpression:
    case SqlParser::RuleBooleanExpression:
    case SqlParser::RuleValueExpression:
    case SqlParser::RulePrimaryExpression:
    case SqlParser::RuleSortItem:
    case SqlParser::RuleGroupingElement:
    case SqlParser::RuleGroupingSet:
    case SqlParser::RuleWhenClause:
    case SqlParser::RuleTableArgument:
    case SqlParser::RuleTableArgumentValue:
    case SqlParser::RuleMeasureDefinition:
      return "an expression";
    case SqlParser::RuleIdentifier:
    case SqlParser::RuleQualifiedName:
    case SqlParser::RuleIdentifierList:
    case SqlParser::RuleFunctionName:
      return "a name";
    case SqlParser::RuleProperty:
    case SqlParser::RulePropertyKey:
      return "a property 'key' = 'value'";
    case SqlParser::RulePropertyValue:
      return "a property value";
    case SqlParser::RuleRowPattern:
    case SqlParser::RulePatternPrimary:
      return "a pattern variable";
    default:
      return nullptr;
  }
}

std::string describe_expected(antlr4::Parser* parser, antlr4::ParserRuleContext* ctx,
                              const antlr4::misc::IntervalSet& expected, size_t max_listed) {
  const auto& vocab = parser->getVocabulary();
  std::vector<size_t> types;
  for (ssize_t t : expected.toList()) {
    if (t == SqlParser::UNTERMINATED_STRING || t == SqlParser::UNTERMINATED_IDENTIFIER ||
        t == SqlParser::UNTERMINATED_COMMENT || t == SqlParser::UNRECOGNIZED)
      continue;
    types.push_back(t == -1 ? antlr4::Token::EOF : static_cast<size_t>(t));
  }
  // In a statement, ';' and the end of input both end it: say so once.
  if (std::find(types.begin(), types.end(), antlr4::Token::EOF) != types.end())
    types.erase(std::remove(types.begin(), types.end(), size_t(SqlParser::SEMICOLON)), types.end());
  if (types.empty()) return "";
  if (types.size() == 1 && types[0] == antlr4::Token::EOF) return "expected end of statement";
  if (types.size() > max_listed) {
    auto has = [&](size_t t) { return std::find(types.begin(), types.end(), t) != types.end(); };
    if (has(SqlParser::CASE)) return "expected an expression";
    if (has(SqlParser::CREATE)) return "expected a statement";
    if (has(SqlParser::SELECT) && !has(SqlParser::IDENTIFIER)) return "expected a query";
    if (has(SqlParser::ROW)) return "expected a type";
    for (auto* c = ctx; c; c = dynamic_cast<antlr4::ParserRuleContext*>(c->parent)) {
      size_t rule = c->getRuleIndex();
      if (rule == SqlParser::RuleScript || rule == SqlParser::RuleSingleStatement ||
          rule == SqlParser::RuleStatement || rule == SqlParser::RuleQuery || rule == SqlParser::RuleQueryNoWith ||
          rule == SqlParser::RuleQueryTerm || rule == SqlParser::RuleQueryPrimary)
        continue;
      if (const char* noun = rule_noun(rule)) return std::string("expected ") + noun;
    }
    if (has(SqlParser::IDENTIFIER)) return "expected a name";
  }
  std::string out = "expected ";
  if (types.size() > 2) out += "one of ";
  size_t shown = std::min<size_t>(types.size(), max_listed);
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) out += (types.size() == 2 ? " or " : ", ");
    out += token_display(vocab, types[i]);
  }
  if (types.size() > shown) out += ", ...";
  return out;
}

std::string token_text_for_message(antlr4::Token* t) {
  std::string text = t->getText();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  std::string out;
  for (char c : text) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  return out;
}

// Reports the first error and abandons the statement: no silent token insertion/deletion.
class FirstErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  explicit FirstErrorStrategy(SyntaxErrorInfo& info) : info_(info) {}

  void reportError(antlr4::Parser* parser, const antlr4::RecognitionException& e) override {
    if (info_.set) return;
    info_.set = true;
    antlr4::Token* t = e.getOffendingToken();
    if (!t) t = parser->getCurrentToken();
    info_.token = t;
    std::string head = t->getType() == antlr4::Token::EOF
                           ? std::string("unexpected end of input")
                           : "syntax error at '" + token_text_for_message(t) + "'";
    auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(e.getCtx());
    if (!ctx) ctx = parser->getContext();
    antlr4::misc::IntervalSet expected;
    size_t max_listed = 4;
    try {
      expected = e.getExpectedTokens();
      // When prediction failed some tokens after the decision (`a IS <end>`), the decision's
      // own set is misleading: use the tokens the surviving paths could have matched instead.
      auto* nva = dynamic_cast<const antlr4::NoViableAltException*>(&e);
      if (nva && nva->getStartToken() != t && nva->getDeadEndConfigs()) {
        antlr4::misc::IntervalSet dead_end;
        const auto& atn = parser->getATN();
        for (const auto& config : nva->getDeadEndConfigs()->configs) {
          if (!config || !config->state) continue;
          antlr4::misc::IntervalSet next = atn.nextTokens(config->state);
          next.remove(antlr4::Token::EPSILON);
          dead_end.addAll(next);
        }
        if (!dead_end.isEmpty()) {
          expected = dead_end;
          max_listed = 6;  // a short continuation reads better spelled out
        }
      }
    } catch (...) {
    }
    std::string tail = describe_expected(parser, ctx, expected, max_listed);
    info_.message = tail.empty() ? head : head + ": " + tail;
    info_.help = keyword_suggestion(t);
    if (info_.help.empty() && t->getTokenIndex() > 0) {
      antlr4::Token* previous = parser->getTokenStream()->get(t->getTokenIndex() - 1);
      info_.help = keyword_suggestion(previous);
    }
  }
  void recover(antlr4::Parser*, std::exception_ptr) override { throw antlr4::ParseCancellationException(); }
  antlr4::Token* recoverInline(antlr4::Parser* parser) override {
    antlr4::InputMismatchException e(parser);
    reportError(parser, e);
    throw antlr4::ParseCancellationException();
  }
  // Like DefaultErrorStrategy::sync (so that `f(a b)` reports "expected ',' or ')'" at the
  // loop instead of "expected ')'" after it) but without single-token deletion.
  void sync(antlr4::Parser* parser) override {
    if (info_.set) return;
    const auto& atn = parser->getATN();
    antlr4::atn::ATNState* s = atn.states[parser->getState()];
    size_t la = parser->getTokenStream()->LA(1);
    const auto& next = atn.nextTokens(s);
    if (next.contains(antlr4::Token::EPSILON) || next.contains(la)) return;
    switch (s->getStateType()) {
      case antlr4::atn::ATNState::BLOCK_START:
      case antlr4::atn::ATNState::STAR_BLOCK_START:
      case antlr4::atn::ATNState::PLUS_BLOCK_START:
      case antlr4::atn::ATNState::STAR_LOOP_ENTRY:
      case antlr4::atn::ATNState::PLUS_LOOP_BACK:
      case antlr4::atn::ATNState::STAR_LOOP_BACK:
        throw antlr4::InputMismatchException(parser);
      default:
        break;
    }
  }

 private:
  SyntaxErrorInfo& info_;
};

// ---------------------------------------------------------------------------------------
// Statement splitting

bool is_error_token(size_t type) {
  return type == SqlLexer::UNTERMINATED_STRING || type == SqlLexer::UNTERMINATED_IDENTIFIER ||
         type == SqlLexer::UNTERMINATED_COMMENT || type == SqlLexer::UNRECOGNIZED;
}

struct Chunk {
  size_t begin = 0, end = 0;  // token indices [begin, end) of default-channel tokens, no ';'
  size_t eof_char = 0;        // where the chunk's end-of-input points (its ';' or end of text)
};

// Splits at top-level ';'. A statement set (EXECUTE STATEMENT SET BEGIN ... END or
// BEGIN STATEMENT SET; ... END) keeps its inner ';'s until its END.
std::vector<Chunk> split_statements(const std::vector<antlr4::Token*>& toks, size_t text_chars) {
  std::vector<Chunk> chunks;
  size_t i = 0;
  auto type = [&](size_t k) { return k < toks.size() ? toks[k]->getType() : antlr4::Token::EOF; };
  while (i < toks.size() && toks[i]->getType() != antlr4::Token::EOF) {
    if (toks[i]->getType() == SqlLexer::SEMICOLON) {
      ++i;
      continue;
    }
    Chunk c;
    c.begin = i;
    bool statement_set = (type(i) == SqlLexer::EXECUTE && type(i + 1) == SqlLexer::STATEMENT) ||
                         (type(i) == SqlLexer::BEGIN && type(i + 1) == SqlLexer::STATEMENT);
    int case_depth = 0;
    while (i < toks.size() && toks[i]->getType() != antlr4::Token::EOF) {
      size_t t = toks[i]->getType();
      if (statement_set) {
        if (t == SqlLexer::CASE) ++case_depth;
        else if (t == SqlLexer::END) {
          if (case_depth > 0) --case_depth;
          else statement_set = false;
        }
      } else if (t == SqlLexer::SEMICOLON) {
        break;
      }
      ++i;
    }
    c.end = i;
    c.eof_char = i < toks.size() && toks[i]->getType() == SqlLexer::SEMICOLON
                     ? toks[i]->getStartIndex()
                     : (c.end > c.begin ? toks[c.end - 1]->getStopIndex() + 1 : text_chars);
    chunks.push_back(c);
  }
  return chunks;
}

void report_lexical_error(antlr4::Token* t, const AstBuilder& b, DiagnosticEngine& diags) {
  SourceRange r = b.range(t);
  switch (t->getType()) {
    case SqlLexer::UNTERMINATED_STRING: {
      auto& d = diags.error(DiagCode::SyntaxError, r, "unterminated string literal");
      d.help.push_back("a string ends with a single quote; write '' for a quote inside it");
      break;
    }
    case SqlLexer::UNTERMINATED_IDENTIFIER:
      diags.error(DiagCode::SyntaxError, r, "unterminated quoted identifier");
      break;
    case SqlLexer::UNTERMINATED_COMMENT:
      diags.error(DiagCode::SyntaxError, r, "unterminated comment: missing '*/'");
      break;
    default:
      diags.error(DiagCode::SyntaxError, r, "unexpected character '" + t->getText() + "'");
      break;
  }
}

// Parses one rule over `tokens` with SLL, then LL. Returns the tree or null (error reported).
template <class Tree, class Rule>
Tree* parse_two_stage(SqlParser& parser, antlr4::CommonTokenStream& tokens, Rule rule, SyntaxErrorInfo& info) {
  parser.removeErrorListeners();
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  try {
    return (parser.*rule)();
  } catch (antlr4::ParseCancellationException&) {
  }
  tokens.seek(0);
  parser.reset();
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
  parser.setErrorHandler(std::make_shared<FirstErrorStrategy>(info));
  try {
    Tree* tree = (parser.*rule)();
    if (!info.set) return tree;
  } catch (antlr4::ParseCancellationException&) {
  }
  return nullptr;
}

SourceRange error_range(antlr4::Token* t, size_t eof_char, const AstBuilder& b, const SourceFile& source) {
  if (!t || t->getType() == antlr4::Token::EOF) {
    uint32_t off = b.byte_offset(eof_char);
    SourceRange r;
    r.begin = source.location_at(std::min<uint32_t>(off, static_cast<uint32_t>(source.text().size())));
    r.end_offset = r.begin.offset + 1;
    return r;
  }
  return b.range(t);
}

// One statement chunk: its own token source ending in EOF.
ast::StatementPtr parse_chunk(const std::vector<antlr4::Token*>& toks, const Chunk& chunk, AstBuilder& builder,
                              const SourceFile& source, DiagnosticEngine& diags) {
  for (size_t k = chunk.begin; k < chunk.end; ++k) {
    if (is_error_token(toks[k]->getType())) {
      report_lexical_error(toks[k], builder, diags);
      return nullptr;
    }
  }
  std::vector<std::unique_ptr<antlr4::Token>> copy;
  copy.reserve(chunk.end - chunk.begin + 1);
  for (size_t k = chunk.begin; k < chunk.end; ++k) copy.push_back(std::make_unique<antlr4::CommonToken>(toks[k]));
  auto eof = std::make_unique<antlr4::CommonToken>(antlr4::Token::EOF, "<EOF>");
  eof->setStartIndex(chunk.eof_char);
  eof->setStopIndex(chunk.eof_char - 1);
  copy.push_back(std::move(eof));
  antlr4::ListTokenSource list(std::move(copy));
  antlr4::CommonTokenStream tokens(&list);
  SqlParser parser(&tokens);
  SyntaxErrorInfo info;
  auto* tree = parse_two_stage<SqlParser::SingleStatementContext>(parser, tokens, &SqlParser::singleStatement, info);
  if (!tree) {
    std::string message = info.set ? info.message : std::string("syntax error");
    auto& d = diags.error(DiagCode::SyntaxError, error_range(info.token, chunk.eof_char, builder, source), message);
    if (!info.help.empty()) d.help.push_back(info.help);
    return nullptr;
  }
  return builder.statement(tree->statement());
}

// The shared front half of the three entry points.
struct Session {
  const SourceFile& source;
  DiagnosticEngine& diags;
  PreparedSource prepared;
  std::unique_ptr<antlr4::ANTLRInputStream> input;
  std::unique_ptr<SqlLexer> lexer;
  std::unique_ptr<antlr4::CommonTokenStream> tokens;
  std::unique_ptr<AstBuilder> builder;

  Session(const SourceFile& s, DiagnosticEngine& d) : source(s), diags(d) {}

  bool start() {
    prepared = prepare(source.text());
    if (!prepared.ok) {
      SourceRange r;
      r.begin = source.location_at(prepared.bad_offset);
      r.end_offset = prepared.bad_offset + 1;
      diags.error(DiagCode::SyntaxError, r, "invalid UTF-8 byte sequence");
      return false;
    }
    input = std::make_unique<antlr4::ANTLRInputStream>(source.text());
    lexer = std::make_unique<SqlLexer>(input.get());
    lexer->removeErrorListeners();
    tokens = std::make_unique<antlr4::CommonTokenStream>(lexer.get());
    tokens->fill();
    builder = std::make_unique<AstBuilder>(source, prepared.cp_to_byte, diags);
    return true;
  }

  // Default-channel tokens including the final EOF.
  std::vector<antlr4::Token*> visible_tokens() {
    std::vector<antlr4::Token*> out;
    for (auto* t : tokens->getTokens())
      if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) out.push_back(t);
    return out;
  }

  // For the single-expression / single-type entry points.
  template <class Tree, class Rule> Tree* parse_single(Rule rule) {
    auto toks = visible_tokens();
    for (auto* t : toks) {
      if (is_error_token(t->getType())) {
        report_lexical_error(t, *builder, diags);
        return nullptr;
      }
    }
    tokens->seek(0);
    parser = std::make_unique<SqlParser>(tokens.get());
    SyntaxErrorInfo info;
    Tree* tree = parse_two_stage<Tree>(*parser, *tokens, rule, info);
    if (!tree) {
      auto& d = diags.error(DiagCode::SyntaxError, error_range(info.token, input->size(), *builder, source),
                            info.set ? info.message : std::string("syntax error"));
      if (!info.help.empty()) d.help.push_back(info.help);
    }
    return tree;
  }
  std::unique_ptr<SqlParser> parser;
};

}  // namespace

std::unique_ptr<ast::Script> parse_script(const SourceFile& source, DiagnosticEngine& diags) {
  auto script = std::make_unique<ast::Script>();
  try {
    Session session(source, diags);
    if (!session.start()) return script;
    auto toks = session.visible_tokens();
    size_t errors_before = diags.error_count();

    // Fast path: the whole script in one SLL pass.
    bool clean = std::none_of(toks.begin(), toks.end(), [](antlr4::Token* t) { return is_error_token(t->getType()); });
    if (clean) {
      SqlParser parser(session.tokens.get());
      parser.removeErrorListeners();
      parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
      parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
      SqlParser::ScriptContext* tree = nullptr;
      try {
        tree = parser.script();
      } catch (antlr4::ParseCancellationException&) {
        tree = nullptr;
      }
      if (tree) {
        for (auto* s : tree->statement()) script->statements.push_back(session.builder->statement(s));
        return script;
      }
    }

    // Slow path: statement by statement, so that one error does not hide the others.
    (void)errors_before;
    for (const Chunk& chunk : split_statements(toks, session.input->size())) {
      auto stmt = parse_chunk(toks, chunk, *session.builder, source, diags);
      if (stmt) script->statements.push_back(std::move(stmt));
    }
  } catch (const std::exception& e) {
    diags.error(DiagCode::SyntaxError, SourceRange{}, std::string("internal parser error: ") + e.what());
  } catch (...) {
    diags.error(DiagCode::SyntaxError, SourceRange{}, "internal parser error");
  }
  return script;
}

ast::ExprPtr parse_expression(const SourceFile& source, DiagnosticEngine& diags) {
  try {
    Session session(source, diags);
    if (!session.start()) return nullptr;
    auto* tree = session.parse_single<SqlParser::StandaloneExpressionContext>(&SqlParser::standaloneExpression);
    if (!tree) return nullptr;
    return session.builder->expression(tree->expression());
  } catch (const std::exception& e) {
    diags.error(DiagCode::SyntaxError, SourceRange{}, std::string("internal parser error: ") + e.what());
  }
  return nullptr;
}

std::unique_ptr<ast::TypeName> parse_type(const SourceFile& source, DiagnosticEngine& diags) {
  try {
    Session session(source, diags);
    if (!session.start()) return nullptr;
    auto* tree = session.parse_single<SqlParser::StandaloneTypeContext>(&SqlParser::standaloneType);
    if (!tree) return nullptr;
    return session.builder->data_type(tree->dataType());
  } catch (const std::exception& e) {
    diags.error(DiagCode::SyntaxError, SourceRange{}, std::string("internal parser error: ") + e.what());
  }
  return nullptr;
}

}  // namespace sqlc
