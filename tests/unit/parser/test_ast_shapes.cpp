// AST shapes of the key constructs, and source ranges.
#include <doctest/doctest.h>

#include "test_util.h"

using namespace sqlc;
using sqlc::test::parse;
using sqlc::test::parse_expr;

namespace {

const ast::Expr& expr_of(const sqlc::test::ParsedExpr& p) {
  INFO(p.diags->render());
  REQUIRE(p.expr);
  return *p.expr;
}

std::string col(const ast::Expr& e) {
  REQUIRE(e.kind == ast::ExprKind::ColumnRef);
  return e.as<ast::ColumnRefExpr>().name.to_string();
}

}  // namespace

TEST_CASE("TUMBLE window table function") {
  auto p = parse(
      "SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), "
      "INTERVAL '5' MINUTES)) AS w GROUP BY window_start");
  INFO(p.errors());
  REQUIRE_FALSE(p.diags->has_errors());
  const auto& from = *p.select().from;
  REQUIRE(from.kind == ast::RelationKind::WindowFunction);
  const auto& w = from.as<ast::WindowFunctionRelation>();
  CHECK(w.function == ast::WindowFunctionKind::Tumble);
  CHECK(w.alias->name == "w");
  REQUIRE(w.input->kind == ast::RelationKind::Table);
  CHECK(w.input->as<ast::TableRelation>().name.to_string() == "llm_requests");
  CHECK(w.time_column.name == "event_time");
  REQUIRE(w.args.size() == 1);
  const auto& size = w.args[0]->as<ast::IntervalExpr>();
  CHECK(size.value == "5");
  CHECK(size.unit == "MINUTE");
  CHECK(w.offset == nullptr);
  CHECK(w.function_range.begin.column == 42);
  // window_start is an ordinary column reference.
  CHECK(col(*p.select().select_items[0].expr) == "window_start");
}

TEST_CASE("HOP, CUMULATE and SESSION with named arguments are normalised to positional order") {
  auto p = parse(
      "SELECT * FROM TABLE(HOP(DATA => TABLE t, TIMECOL => DESCRIPTOR(ts), SIZE => INTERVAL '10' MINUTE, "
      "SLIDE => INTERVAL '1' MINUTE));"
      "SELECT * FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '1' HOUR, "
      "INTERVAL '5' SECOND));"
      "SELECT * FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '30' MINUTES))");
  INFO(p.errors());
  REQUIRE_FALSE(p.diags->has_errors());
  const auto& hop = p.select(0).from->as<ast::WindowFunctionRelation>();
  CHECK(hop.function == ast::WindowFunctionKind::Hop);
  REQUIRE(hop.args.size() == 2);
  CHECK(hop.args[0]->as<ast::IntervalExpr>().value == "1");   // slide
  CHECK(hop.args[1]->as<ast::IntervalExpr>().value == "10");  // size
  const auto& cum = p.select(1).from->as<ast::WindowFunctionRelation>();
  CHECK(cum.function == ast::WindowFunctionKind::Cumulate);
  CHECK(cum.args.size() == 2);
  REQUIRE(cum.offset);
  CHECK(cum.offset->as<ast::IntervalExpr>().unit == "SECOND");
  const auto& ses = p.select(2).from->as<ast::WindowFunctionRelation>();
  CHECK(ses.function == ast::WindowFunctionKind::Session);
  REQUIRE(ses.partition_keys.size() == 1);
  CHECK(ses.partition_keys[0].name == "k");
  CHECK(ses.args.size() == 1);
}

TEST_CASE("CREATE STREAM with computed column, watermark and properties") {
  auto p = parse(
      "CREATE STREAM IF NOT EXISTS llm_requests (\n"
      "  request_id VARCHAR NOT NULL,\n"
      "  ts_ms BIGINT,\n"
      "  price DECIMAL(10, 2) COMMENT 'usd',\n"
      "  tags ARRAY<STRING>,\n"
      "  attrs MAP<STRING, INT>,\n"
      "  `offset` BIGINT METADATA FROM 'offset' VIRTUAL,\n"
      "  event_time AS TO_TIMESTAMP(ts_ms),\n"
      "  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECONDS,\n"
      "  PRIMARY KEY (request_id) NOT ENFORCED\n"
      ") WITH ('connector' = 'kafka', 'scan.startup.mode' = 'it''s')");
  INFO(p.errors());
  REQUIRE_FALSE(p.diags->has_errors());
  const auto& s = p.stmt().as<ast::CreateSourceStatement>();
  CHECK(s.is_stream);
  CHECK(s.if_not_exists);
  CHECK(s.name.to_string() == "llm_requests");
  REQUIRE(s.columns.size() == 7);
  CHECK(s.columns[0].type->name == "VARCHAR");
  CHECK(s.columns[0].type->not_null);
  CHECK(s.columns[2].type->name == "DECIMAL");
  CHECK(s.columns[2].type->params == std::vector<int64_t>{10, 2});
  CHECK(s.columns[2].comment == "usd");
  CHECK(s.columns[3].type->name == "ARRAY");
  CHECK(s.columns[3].type->elements[0]->name == "STRING");
  CHECK(s.columns[4].type->elements.size() == 2);
  CHECK(s.columns[5].name.name == "offset");
  CHECK(s.columns[5].name.quoted);
  CHECK(s.columns[5].is_metadata);
  CHECK(s.columns[5].is_virtual);
  CHECK(*s.columns[5].metadata_key == "offset");
  const auto& computed = s.columns[6];
  CHECK(computed.type == nullptr);
  REQUIRE(computed.computed);
  CHECK(computed.computed->as<ast::FunctionCallExpr>().name.to_string() == "TO_TIMESTAMP");
  REQUIRE(s.watermark);
  CHECK(s.watermark->column.name == "event_time");
  const auto& wm = s.watermark->expr->as<ast::BinaryExpr>();
  CHECK(wm.op == ast::BinaryOp::Sub);
  CHECK(wm.right->as<ast::IntervalExpr>().unit == "SECOND");
  REQUIRE(s.primary_key.size() == 1);
  REQUIRE(s.properties.size() == 2);
  CHECK(s.properties[0].key == "connector");
  CHECK(s.properties[0].value == "kafka");
  CHECK(s.properties[1].key == "scan.startup.mode");
  CHECK(s.properties[1].value == "it's");
}

TEST_CASE("types") {
  auto type = [](const char* text) {
    SourceFile src("t.sql", text);
    DiagnosticEngine diags(src);
    auto t = parse_type(src, diags);
    INFO(diags.render());
    REQUIRE(t);
    return t;
  };
  CHECK(type("INTEGER")->name == "INT");
  CHECK(type("numeric(5)")->name == "DECIMAL");
  CHECK(type("STRING")->name == "STRING");
  CHECK(type("DOUBLE PRECISION")->name == "DOUBLE");
  auto ltz = type("TIMESTAMP(3) WITH LOCAL TIME ZONE");
  CHECK(ltz->name == "TIMESTAMP_LTZ");
  CHECK(ltz->params == std::vector<int64_t>{3});
  CHECK(type("TIMESTAMP(3) WITHOUT TIME ZONE")->name == "TIMESTAMP");
  CHECK(type("TIMESTAMP_LTZ(3)")->name == "TIMESTAMP_LTZ");
  auto interval = type("INTERVAL DAY TO SECOND");
  CHECK(interval->qualifier == "DAY TO SECOND");
  auto row = type("ROW<a INT, b ARRAY<ROW<c STRING>>> NOT NULL");
  CHECK(row->name == "ROW");
  CHECK(row->not_null);
  REQUIRE(row->field_names.size() == 2);
  CHECK(row->field_names[1].name == "b");
  CHECK(row->elements[1]->elements[0]->field_names[0].name == "c");
  auto postfix = type("INT ARRAY");
  CHECK(postfix->name == "ARRAY");
  CHECK(postfix->elements[0]->name == "INT");
  CHECK(type("MULTISET<INT>")->name == "MULTISET");
  CHECK(type("ROW(a INT, b STRING)")->elements.size() == 2);
}

TEST_CASE("INTERVAL units are normalised to singular upper case") {
  auto p = parse_expr("INTERVAL '30' seconds");
  const auto& i = expr_of(p).as<ast::IntervalExpr>();
  CHECK(i.unit == "SECOND");
  CHECK(i.value == "30");
  auto q = parse_expr("INTERVAL '1 02' DAY TO HOUR");
  CHECK(expr_of(q).as<ast::IntervalExpr>().to_unit == "HOUR");
  auto r = parse_expr("INTERVAL - '5' MINUTE");
  CHECK(expr_of(r).as<ast::IntervalExpr>().negative);
}

TEST_CASE("boolean precedence: a OR b AND c, NOT") {
  auto p = parse_expr("a OR b AND NOT c = 1");
  const auto& e = expr_of(p).as<ast::BinaryExpr>();
  CHECK(e.op == ast::BinaryOp::Or);
  CHECK(col(*e.left) == "a");
  const auto& a = e.right->as<ast::BinaryExpr>();
  CHECK(a.op == ast::BinaryOp::And);
  const auto& n = a.right->as<ast::UnaryExpr>();
  CHECK(n.op == ast::UnaryOp::Not);
  CHECK(n.operand->as<ast::BinaryExpr>().op == ast::BinaryOp::Eq);
}

TEST_CASE("arithmetic precedence and concatenation") {
  auto p = parse_expr("-a + b * c || 'x'");
  const auto& cat = expr_of(p).as<ast::BinaryExpr>();
  CHECK(cat.op == ast::BinaryOp::Concat);
  const auto& add = cat.left->as<ast::BinaryExpr>();
  CHECK(add.op == ast::BinaryOp::Add);
  CHECK(add.left->as<ast::UnaryExpr>().op == ast::UnaryOp::Minus);
  CHECK(add.right->as<ast::BinaryExpr>().op == ast::BinaryOp::Mul);
}

TEST_CASE("predicates") {
  auto between = parse_expr("x NOT BETWEEN 1 AND 2 AND y");
  const auto& and_ = expr_of(between).as<ast::BinaryExpr>();
  CHECK(and_.op == ast::BinaryOp::And);
  const auto& b = and_.left->as<ast::BetweenExpr>();
  CHECK(b.negated);
  CHECK(b.low->as<ast::LiteralExpr>().text == "1");
  auto in = parse_expr("x IN (1, 2, 3)");
  CHECK(expr_of(in).as<ast::InListExpr>().list.size() == 3);
  auto in_sub = parse_expr("x NOT IN (SELECT y FROM t)");
  const auto& s = expr_of(in_sub).as<ast::SubqueryExpr>();
  CHECK(s.subquery_kind == ast::SubqueryKind::In);
  CHECK(s.negated);
  auto like = parse_expr("name LIKE 'a!%' ESCAPE '!'");
  CHECK(expr_of(like).as<ast::LikeExpr>().escape != nullptr);
  auto isnull = parse_expr("x IS NOT NULL");
  CHECK(expr_of(isnull).as<ast::IsNullExpr>().negated);
  auto istrue = parse_expr("x IS NOT UNKNOWN");
  CHECK(expr_of(istrue).as<ast::IsBoolExpr>().value == ast::TruthValue::Unknown);
  auto distinct = parse_expr("x IS NOT DISTINCT FROM y");
  CHECK(expr_of(distinct).as<ast::BinaryExpr>().op == ast::BinaryOp::IsNotDistinctFrom);
}

TEST_CASE("CASE, CAST, EXTRACT, literals") {
  auto searched = parse_expr("CASE WHEN a < 1 THEN 'x' WHEN a < 2 THEN 'y' ELSE 'z' END");
  const auto& c = expr_of(searched).as<ast::CaseExpr>();
  CHECK(c.operand == nullptr);
  CHECK(c.whens.size() == 2);
  CHECK(c.else_result->as<ast::LiteralExpr>().text == "z");
  auto simple = parse_expr("CASE a WHEN 1 THEN 2 END");
  CHECK(expr_of(simple).as<ast::CaseExpr>().operand != nullptr);
  auto cast = parse_expr("TRY_CAST(rating AS DOUBLE)");
  CHECK(expr_of(cast).as<ast::CastExpr>().try_cast);
  CHECK(expr_of(cast).as<ast::CastExpr>().type->name == "DOUBLE");
  auto extract = parse_expr("EXTRACT(hour FROM ts)");
  CHECK(expr_of(extract).as<ast::ExtractExpr>().unit == "HOUR");
  auto ts = parse_expr("TIMESTAMP '2025-11-10 10:30:00'");
  CHECK(expr_of(ts).as<ast::LiteralExpr>().literal_kind == ast::LiteralKind::Timestamp);
  CHECK(expr_of(ts).as<ast::LiteralExpr>().text == "2025-11-10 10:30:00");
  auto dbl = parse_expr("1e3");
  CHECK(expr_of(dbl).as<ast::LiteralExpr>().literal_kind == ast::LiteralKind::Double);
  auto dec = parse_expr("1.5");
  CHECK(expr_of(dec).as<ast::LiteralExpr>().literal_kind == ast::LiteralKind::Decimal);
  auto now = parse_expr("CURRENT_TIMESTAMP - INTERVAL '1' HOUR");
  const auto& f = expr_of(now).as<ast::BinaryExpr>().left->as<ast::FunctionCallExpr>();
  CHECK(f.no_parens);
  CHECK(f.name.to_string() == "CURRENT_TIMESTAMP");
  auto arr = parse_expr("ARRAY[1, 2]");
  REQUIRE(expr_of(arr).kind == ast::ExprKind::Constructor);
  CHECK_FALSE(expr_of(arr).as<ast::ConstructorExpr>().is_map);
  CHECK(expr_of(arr).as<ast::ConstructorExpr>().items.size() == 2);
  auto map = parse_expr("MAP['a', 1, 'b', 2]");
  REQUIRE(expr_of(map).kind == ast::ExprKind::Constructor);
  CHECK(expr_of(map).as<ast::ConstructorExpr>().is_map);
  CHECK(expr_of(map).as<ast::ConstructorExpr>().items.size() == 4);
  auto sub = parse_expr("m['k']");
  CHECK(expr_of(sub).kind == ast::ExprKind::Subscript);
  auto fn = parse_expr("LEFT(s, 2) || DATE(x) || TIMESTAMP(y) || IF(a, b, c)");
  CHECK(expr_of(fn).kind == ast::ExprKind::Binary);
}

TEST_CASE("function calls: COUNT(*), DISTINCT, FILTER, WITHIN GROUP, OVER") {
  auto p = parse(
      "SELECT COUNT(*), COUNT(DISTINCT user_id), SUM(x) FILTER (WHERE x > 0), "
      "PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY latency_ms), "
      "AVG(x) OVER (PARTITION BY a ORDER BY b DESC NULLS LAST ROWS BETWEEN 99 PRECEDING AND CURRENT ROW), "
      "SUM(x) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '5' MINUTES PRECEDING AND CURRENT ROW), "
      "RANK() OVER w FROM t WINDOW w AS (PARTITION BY a)");
  INFO(p.errors());
  REQUIRE_FALSE(p.diags->has_errors());
  const auto& items = p.select().select_items;
  const auto& count = items[0].expr->as<ast::FunctionCallExpr>();
  CHECK(count.star);
  CHECK(count.args.empty());
  CHECK(items[1].expr->as<ast::FunctionCallExpr>().distinct);
  CHECK(items[2].expr->as<ast::FunctionCallExpr>().filter != nullptr);
  const auto& pct = items[3].expr->as<ast::FunctionCallExpr>();
  CHECK(pct.within_group.size() == 1);
  CHECK(pct.args[0]->as<ast::LiteralExpr>().text == "0.95");
  const auto& over = *items[4].expr->as<ast::FunctionCallExpr>().over;
  CHECK(over.partition_by.size() == 1);
  CHECK(over.order_by[0].direction == ast::SortDirection::Desc);
  CHECK(over.order_by[0].nulls == ast::NullsOrder::Last);
  REQUIRE(over.frame);
  CHECK(over.frame->unit == ast::FrameUnit::Rows);
  CHECK(over.frame->start.kind == ast::FrameBoundKind::Preceding);
  CHECK(over.frame->start.offset->as<ast::LiteralExpr>().text == "99");
  CHECK(over.frame->end->kind == ast::FrameBoundKind::CurrentRow);
  const auto& range = *items[5].expr->as<ast::FunctionCallExpr>().over;
  CHECK(range.frame->unit == ast::FrameUnit::Range);
  CHECK(range.frame->start.offset->kind == ast::ExprKind::Interval);
  CHECK(items[6].expr->as<ast::FunctionCallExpr>().over->name->name == "w");
  CHECK(p.select().windows.size() == 1);
}

TEST_CASE("GROUP BY: GROUPING SETS, ROLLUP, CUBE, (), legacy TUMBLE") {
  auto p = parse(
      "SELECT a FROM t GROUP BY GROUPING SETS ((a, b), (a), ()), ROLLUP (a, b), CUBE (c), (), "
      "TUMBLE(ts, INTERVAL '1' HOUR)");
  INFO(p.errors());
  REQUIRE_FALSE(p.diags->has_errors());
  const auto& g = p.select().group_by;
  REQUIRE(g.size() == 5);
  CHECK(g[0].kind == ast::GroupingKind::GroupingSets);
  REQUIRE(g[0].sets.size() == 3);
  CHECK(g[0].sets[0].size() == 2);
  CHECK(g[0].sets[2].empty());
  CHECK(g[1].kind == ast::GroupingKind::Rollup);
  CHECK(g[2].kind == ast::GroupingKind::Cube);
  CHECK(g[3].kind == ast::GroupingKind::Empty);
  CHECK(g[4].kind == ast::GroupingKind::Expression);
  CHECK(g[4].expr->as<ast::FunctionCallExpr>().name.to_string() == "TUMBLE");
}

TEST_CASE("EMIT forms, ORDER BY, LIMIT, set operations") {
  auto p = parse(
      "SELECT a FROM t EMIT CHANGES; SELECT a FROM t EMIT AFTER WATERMARK;"
      "SELECT a FROM t EMIT AFTER WATERMARK WITH DELAY INTERVAL '2' MINUTES; SELECT a FROM t EMIT FINAL;"
      "SELECT a FROM t UNION ALL SELECT a FROM u ORDER BY a LIMIT 10 OFFSET 5");
  INFO(p.errors());
  REQUIRE_FALSE(p.diags->has_errors());
  CHECK(p.query(0).emit->kind == ast::EmitKind::Changes);
  CHECK(p.query(1).emit->kind == ast::EmitKind::AfterWatermark);
  CHECK(p.query(1).emit->delay == nullptr);
  CHECK(p.query(2).emit->delay->as<ast::IntervalExpr>().unit == "MINUTE");
  CHECK(p.query(3).emit->kind == ast::EmitKind::Final);
  const auto& u = p.query(4);
  CHECK(u.body->set_op == ast::SetOpKind::UnionAll);
  CHECK(u.body->left->select != nullptr);
  CHECK(u.order_by.size() == 1);
  CHECK(u.limit->as<ast::LiteralExpr>().text == "10");
  CHECK(u.offset->as<ast::LiteralExpr>().text == "5");
}

TEST_CASE("joins, temporal joins, CTEs, subqueries") {
  auto p = parse(
      "WITH c AS (SELECT a FROM t) "
      "SELECT * FROM c LEFT JOIN u ON c.a = u.a JOIN r FOR SYSTEM_TIME AS OF c.ts AS rr ON TRUE "
      "CROSS JOIN v, w FULL OUTER JOIN x USING (a) RIGHT JOIN (SELECT 1 AS one) s (one) ON TRUE");
  INFO(p.errors());
  REQUIRE_FALSE(p.diags->has_errors());
  CHECK(p.query().with.size() == 1);
  // The comma binds looser than JOIN: (c ⟕ u ⋈ r × v), (w ⟗ x ⟖ s)
  REQUIRE(p.select().from->kind == ast::RelationKind::Join);
  const auto& comma = p.select().from->as<ast::JoinRelation>();
  CHECK(comma.join == ast::JoinKind::Cross);
  REQUIRE(comma.right->kind == ast::RelationKind::Join);
  const auto& right = comma.right->as<ast::JoinRelation>();
  CHECK(right.join == ast::JoinKind::Right);
  REQUIRE(right.right->kind == ast::RelationKind::Subquery);
  CHECK(right.right->column_aliases.size() == 1);
  REQUIRE(right.left->kind == ast::RelationKind::Join);
  const auto& full = right.left->as<ast::JoinRelation>();
  CHECK(full.join == ast::JoinKind::Full);
  CHECK(full.using_columns.size() == 1);
  REQUIRE(comma.left->kind == ast::RelationKind::Join);
  const auto& cross = comma.left->as<ast::JoinRelation>();
  CHECK(cross.join == ast::JoinKind::Cross);
  REQUIRE(cross.left->kind == ast::RelationKind::Join);
  const auto& temporal = cross.left->as<ast::JoinRelation>();
  CHECK(temporal.join == ast::JoinKind::Inner);
  REQUIRE(temporal.right->kind == ast::RelationKind::Table);
  const auto& r = temporal.right->as<ast::TableRelation>();
  CHECK(r.alias->name == "rr");
  CHECK(r.system_time_as_of != nullptr);
  REQUIRE(temporal.left->kind == ast::RelationKind::Join);
  CHECK(temporal.left->as<ast::JoinRelation>().join == ast::JoinKind::Left);
}

TEST_CASE("MATCH_RECOGNIZE and unsupported relations: LATERAL TABLE, UNNEST") {
  auto p = parse(
      "SELECT * FROM llm_requests MATCH_RECOGNIZE (PARTITION BY model_id ORDER BY event_time "
      "MEASURES A.request_id AS first_request, LAST(B.request_id) AS last_request ONE ROW PER MATCH "
      "AFTER MATCH SKIP PAST LAST ROW PATTERN (A B+? C* | (D E){2,3} F?) WITHIN INTERVAL '1' HOUR "
      "DEFINE A AS A.latency_ms < 100, B AS B.latency_ms > 1000) AS m;"
      "SELECT * FROM t, LATERAL TABLE(split(s)) AS x(w);"
      "SELECT * FROM t CROSS JOIN UNNEST(t.arr) AS u(v)");
  INFO(p.errors());
  REQUIRE_FALSE(p.diags->has_errors());
  const auto& mr = p.select(0).from->as<ast::MatchRecognizeRelation>();
  REQUIRE(mr.kind == ast::RelationKind::MatchRecognize);
  CHECK(mr.alias->name == "m");
  CHECK(mr.input->as<ast::TableRelation>().name.to_string() == "llm_requests");
  CHECK(mr.partition_by.size() == 1);
  CHECK(mr.measures.size() == 2);
  CHECK(mr.measures[1].name.name == "last_request");
  CHECK(mr.skip == ast::AfterMatchSkip::PastLastRow);
  REQUIRE(mr.within);
  CHECK(mr.defines.size() == 2);
  // (A B+? C* | (D E){2,3} F?): an alternation of two concatenations
  const ast::RowPattern& pattern = *mr.pattern;
  REQUIRE(pattern.kind == ast::RowPattern::Kind::Alternation);
  const ast::RowPattern& left = *pattern.children[0];
  REQUIRE(left.kind == ast::RowPattern::Kind::Concatenation);
  const ast::RowPattern& b = *left.children[0]->children[1];
  CHECK(b.variable.name == "B");
  CHECK((b.min == 1 && b.max == -1 && b.reluctant));
  const ast::RowPattern& group = *pattern.children[1]->children[0];
  CHECK(group.kind == ast::RowPattern::Kind::Concatenation);
  CHECK((group.quantified && group.min == 2 && group.max == 3 && !group.reluctant));
  const auto& lat = p.select(1).from->as<ast::JoinRelation>();
  CHECK(lat.lateral);
  CHECK(lat.right->as<ast::UnsupportedRelation>().feature == "LATERAL TABLE");
  CHECK(p.select(2).from->as<ast::JoinRelation>().right->as<ast::UnsupportedRelation>().feature == "UNNEST");
}

TEST_CASE("other statements") {
  auto p = parse(
      "INSERT INTO sink (a, b) SELECT a, b FROM t;"
      "EXECUTE STATEMENT SET BEGIN INSERT INTO s1 SELECT CASE WHEN a THEN 1 END FROM t; "
      "INSERT OVERWRITE s2 SELECT * FROM t; END;"
      "BEGIN STATEMENT SET; INSERT INTO s1 SELECT * FROM t; END;"
      "CREATE TEMPORARY VIEW IF NOT EXISTS v (x) AS SELECT a FROM t WHERE a > 1;"
      "DROP VIEW IF EXISTS v CASCADE; SHOW TABLES LIKE 'x%'; DESC EXTENDED t;"
      "EXPLAIN CHANGELOG_MODE, ESTIMATED_COST SELECT 1; EXPLAIN PLAN FOR INSERT INTO s SELECT 1;"
      "CREATE TEMPORARY SYSTEM FUNCTION f AS 'com.x.F' LANGUAGE JAVA; USE cat.db; SET 'k' = 'v';"
      "CREATE TABLE agg WITH ('connector' = 'print') AS SELECT a FROM t");
  INFO(p.errors());
  REQUIRE_FALSE(p.diags->has_errors());
  REQUIRE(p.script->statements.size() == 13);
  const auto& ins = p.stmt(0).as<ast::InsertStatement>();
  CHECK(ins.target.to_string() == "sink");
  CHECK(ins.columns.size() == 2);
  CHECK(p.stmt(1).as<ast::StatementSetStatement>().statements.size() == 2);
  CHECK(p.stmt(1).as<ast::StatementSetStatement>().statements[1]->as<ast::InsertStatement>().overwrite);
  CHECK(p.stmt(2).as<ast::StatementSetStatement>().statements.size() == 1);
  const auto& view = p.stmt(3).as<ast::CreateViewStatement>();
  CHECK(view.temporary);
  CHECK(view.query_text == "SELECT a FROM t WHERE a > 1");
  CHECK(p.stmt(4).as<ast::DropStatement>().cascade);
  CHECK(*p.stmt(5).as<ast::ShowStatement>().like == "x%");
  CHECK(p.stmt(6).as<ast::DescribeStatement>().extended);
  CHECK(p.stmt(7).as<ast::ExplainStatement>().details == std::vector<std::string>{"CHANGELOG_MODE", "ESTIMATED_COST"});
  CHECK(p.stmt(8).as<ast::ExplainStatement>().statement->kind == ast::StatementKind::Insert);
  CHECK(p.stmt(9).as<ast::UnsupportedStatement>().feature == "CREATE FUNCTION");
  CHECK(p.stmt(10).as<ast::UnsupportedStatement>().feature == "USE");
  CHECK(p.stmt(11).as<ast::SetStatement>().setting.key == "k");
  CHECK(p.stmt(11).as<ast::SetStatement>().setting.value == "v");
  const auto& ctas = p.stmt(12).as<ast::CreateSourceStatement>();
  CHECK_FALSE(ctas.is_stream);
  CHECK(ctas.as_query != nullptr);
}

TEST_CASE("keywords stay usable as column names") {
  auto p = parse(
      "SELECT value, `timestamp`, date, year, rank, count, key, data, size, topic, format, watermark, emit, "
      "changes, after, delay, descriptor, language, first, last, t.window_start, window_end, window_time "
      "FROM t WHERE hour > 1 EMIT CHANGES");
  INFO(p.errors());
  REQUIRE_FALSE(p.diags->has_errors());
  CHECK(p.select().select_items.size() == 23);
  CHECK(col(*p.select().select_items[20].expr) == "t.window_start");
  CHECK(p.query().emit->kind == ast::EmitKind::Changes);
}

TEST_CASE("identifiers: quoted keep their case and unescape") {
  auto p = parse("SELECT \"My\"\"Col\", `a``b`, plain FROM s.t");
  REQUIRE_FALSE(p.diags->has_errors());
  const auto& a = p.select().select_items[0].expr->as<ast::ColumnRefExpr>().name.parts[0];
  CHECK(a.name == "My\"Col");
  CHECK(a.quoted);
  CHECK(p.select().select_items[1].expr->as<ast::ColumnRefExpr>().name.parts[0].name == "a`b");
  CHECK_FALSE(p.select().select_items[2].expr->as<ast::ColumnRefExpr>().name.parts[0].quoted);
  CHECK(p.select().from->as<ast::TableRelation>().name.parts.size() == 2);
}

TEST_CASE("source ranges") {
  auto p = parse("-- comment\nSELECT a,\n  t.price * 2 AS x\nFROM t;");
  REQUIRE_FALSE(p.diags->has_errors());
  const auto& mul = p.select().select_items[1].expr->as<ast::BinaryExpr>();
  const auto& ref = *mul.left;
  CHECK(ref.range.begin.line == 3);
  CHECK(ref.range.begin.column == 3);
  CHECK(ref.range.begin.offset == 23);
  CHECK(ref.range.end_offset == 30);  // t.price
  CHECK(mul.op_range.begin.column == 11);
  CHECK(mul.range.end_offset == 34);
  CHECK(p.stmt().range.begin.line == 2);
  // Byte offsets, not code points, after multi-byte characters.
  auto u = parse("SELECT 'héllo', b FROM t");
  REQUIRE_FALSE(u.diags->has_errors());
  const auto& b = *u.select().select_items[1].expr;
  CHECK(b.range.begin.offset == 17);
  CHECK(b.range.begin.column == 18);
}

TEST_CASE("window TVF over a subquery; CURRENT_ROW_TIMESTAMP() with parentheses") {
  auto p = parse(
      "SELECT * FROM TABLE(TUMBLE((SELECT * FROM t WHERE a > 1), DESCRIPTOR(ts), INTERVAL '1' MINUTE, "
      "INTERVAL '10' SECOND));"
      "SELECT CURRENT_ROW_TIMESTAMP(), LOCALTIMESTAMP FROM t");
  INFO(p.errors());
  REQUIRE_FALSE(p.diags->has_errors());
  const auto& w = p.select(0).from->as<ast::WindowFunctionRelation>();
  CHECK(w.input->kind == ast::RelationKind::Subquery);
  CHECK(w.args.size() == 1);
  CHECK(w.offset != nullptr);
  CHECK_FALSE(p.select(1).select_items[0].expr->as<ast::FunctionCallExpr>().no_parens);
  CHECK(p.select(1).select_items[1].expr->as<ast::FunctionCallExpr>().no_parens);
}

TEST_CASE("bad window TVF arguments are reported") {
  auto p = parse("SELECT * FROM TABLE(TUMBLE(t, DESCRIPTOR(ts), INTERVAL '1' MINUTE))");
  CHECK(p.diags->diagnostics().at(0).message == "the first argument of TUMBLE must be TABLE <name>");
  auto q = parse("SELECT * FROM TABLE(HOP(DATA => TABLE t, TIMECOL => DESCRIPTOR(ts), SIZE => INTERVAL '1' MINUTE))");
  CHECK(q.diags->diagnostics().at(0).message == "HOP needs a SLIDE argument");
}
