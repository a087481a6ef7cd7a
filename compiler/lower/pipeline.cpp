#include "lower/pipeline.h"

#include "lower/changelog_chain.h"
#include "lower/mini_batch_check.h"
#include "lower/state_ttl_check.h"
#include "lower/statement_set_check.h"
#include "lower/operator_chain.h"
#include "lower/shared_join_aggregate.h"
#include "lower/updating_join_input.h"
#include "plan/plan_fields.h"

#include "catalog/catalog.h"

namespace sqlc {

namespace {

// A window aggregate's final rows come out one window at a time, in window order, when the
// watermark passes the window: an OVER ordered by a window column, a Top-N per window or a
// cascaded window aggregate (GROUP BY its window_start, window_end) can consume them right after
// each firing.
bool can_chain(const PlanNode& first, const PlanNode& next) {
  if (first.kind != PlanKind::WindowAggregate || first.emit_changes || first.allowed_lateness_ms > 0) return false;
  if (first.window != WindowKind::Tumble && first.window != WindowKind::Hop) return false;
  return next.kind == PlanKind::OverAggregate || next.kind == PlanKind::Rank || (next.kind == PlanKind::WindowAggregate && next.window_of_aggregate);
}

// An interval join whose input (side `side`) is another interval join: both emit rows with their
// inputs' rowtime. The outer join's time on that side must never be NULL: not a column of a side
// the inner join pads. Returns why not, or nullptr.
const char* why_not_feed_join(const PlanNode& inner, const PlanNode& outer, int side) {
  if (inner.kind != PlanKind::IntervalJoin || outer.kind != PlanKind::IntervalJoin)
    return "a stream-stream join whose input is another join (but an interval join over one interval join)";
  const char* padded = "an interval join bounded on the time of a side its input join pads with NULL";
  ColumnBinding time = side == 0 ? outer.left_time : outer.right_time;
  bool pads[2] = {inner.join_type == JoinType::Right || inner.join_type == JoinType::Full,
                  inner.join_type == JoinType::Left || inner.join_type == JoinType::Full};
  for (int s = 0; s < 2; ++s)
    for (const auto& c : inner.inputs[size_t(s)]->schema)
      if (c.binding == time) return pads[s] ? padded : nullptr;
  return inner.join_type == JoinType::Inner ? nullptr : padded;
}

// A window aggregate whose rows are an input of a window join on its window columns (its windows
// close when the join's do) or of an interval join bounded on its window_end (its rows are timed
// there, never behind the join's watermark when emitted): its rows join in the firing that emits
// them. EMIT CHANGES, a lateness delay, GROUPING SETS or a processing-time window would emit rows
// at other times.
bool is_window_join_input(const PlanNode& n, const PlanNode& join) {
  return n.kind == PlanKind::WindowAggregate && (join.kind == PlanKind::WindowJoin || join.kind == PlanKind::IntervalJoin) &&
         join.join_type != JoinType::Semi &&
         join.join_type != JoinType::Anti && (n.window == WindowKind::Tumble || n.window == WindowKind::Hop) && !n.emit_changes &&
         n.allowed_lateness_ms == 0 && n.grouping_sets.empty() && !n.processing_time;
}

// A UNION ALL's or a join's inputs: each a chain of row-by-row steps down to its own source (or, for an
// interval join, one of them another interval join: its inputs are lowered in its place).
bool lower_inputs(const PlanNode& merge, Pipeline& p, DiagnosticEngine& diags, bool nested = false) {
  for (const auto& input : merge.inputs) {
    std::vector<const PlanNode*> branch;
    const PlanNode* aggregate = nullptr;  // a window aggregate whose rows are this side of a window join
    const PlanNode* cascade = nullptr;    // ... or feed a cascaded window aggregate whose rows are
    std::vector<const PlanNode*> aggregate_results, cascade_results;
    for (const PlanNode* n = input.get(); n; n = n->input()) {
      int side = int(&input - merge.inputs.data());
      if (n->inputs.size() > 1 && n->is_stream_join() && merge.is_stream_join() && !nested && p.feeding_joins.empty()) {
        if (const char* why_not = why_not_feed_join(*n, merge, side)) {
          diags.not_supported(n->range, why_not);
          return false;
        }
        FeedingJoin feeding{n, side, p.inputs.size(), {branch.rbegin(), branch.rend()}};
        if (!lower_inputs(*n, p, diags, true)) return false;
        p.feeding_joins.push_back(std::move(feeding));
        branch.clear();
        break;
      }
      if (n->inputs.size() > 1) {
        diags.not_supported(n->range, n->is_stream_join() ? "a stream-stream join whose input is another join (but an interval join over one interval join)"
                                                          : "a UNION ALL inside an input of a join or another UNION ALL");
        return false;
      }
      if (!aggregate && !nested && p.feeding_joins.empty() && is_window_join_input(*n, merge)) {
        aggregate = n;
        aggregate_results.assign(branch.rbegin(), branch.rend());
        branch.clear();
        continue;
      }
      if (aggregate && aggregate->window_of_aggregate && !cascade && is_window_join_input(*n, merge) && !n->window_of_aggregate) {
        cascade = aggregate;  // the aggregate above was a cascaded one: this one feeds it
        cascade_results = std::move(aggregate_results);
        aggregate = n;
        aggregate_results.assign(branch.rbegin(), branch.rend());
        branch.clear();
        continue;
      }
      if (!nested) {  // a GROUP BY's changelog into a regular join (updating_join_input.cpp)
        FeedResult fed = feed_join_from_group_by(merge, side, *n, branch, p, diags);
        if (fed == FeedResult::Refused) return false;
        if (fed == FeedResult::Fed) continue;
      }
      if (n->kind == PlanKind::WindowAggregate || n->kind == PlanKind::Aggregate || n->kind == PlanKind::OverAggregate ||
          n->kind == PlanKind::Rank || n->kind == PlanKind::MatchRecognize) {
        diags.not_supported(n->range, merge.kind == PlanKind::Union ? "an aggregation inside a UNION ALL branch"
                                                                    : "a stream-stream join of an aggregation's results");
        return false;
      }
      branch.push_back(n);
    }
    if (branch.empty()) continue;  // a feeding join: its inputs are lowered
    PipelineInput in;
    in.scan = branch.back();
    in.per_row.assign(branch.rbegin() + 1, branch.rend());
    for (const auto* steps : {&aggregate_results, &cascade_results})
      for (const PlanNode* n : *steps)
        if (n->kind == PlanKind::LookupJoin || n->kind == PlanKind::Limit) {
          diags.not_supported(n->range, "a lookup join or LIMIT on the rows of a window aggregate that a join reads");
          return false;
        }
    if (aggregate && aggregate->window_of_aggregate && !cascade) {
      diags.not_supported(aggregate->range, "a cascaded window aggregate over anything but a TUMBLE or HOP window aggregate");
      return false;
    }
    in.aggregate = aggregate;
    in.per_result = std::move(aggregate_results);
    in.cascade = cascade;
    in.cascade_per_result = std::move(cascade_results);
    if (in.scan->source->property("connector") == "kafka") {
      diags.not_supported(in.scan->range, "a Kafka source in a query with several inputs");
      return false;
    }
    // A join's two inputs may read one source (it is read once); a UNION ALL's or a join tree's not yet.
    bool shared_reader = merge.is_stream_join() && !nested && p.feeding_joins.empty();
    for (const auto& other : p.inputs)
      if (other.scan->source == in.scan->source && !shared_reader) {
        diags.not_supported(in.scan->range, "reading `" + in.scan->source->name + "` twice in one query");
        return false;
      }
    p.inputs.push_back(std::move(in));
  }
  p.merge = &merge;
  p.scan = p.inputs.front().scan;
  return true;
}

// What a pipeline's stateful operator keeps, for describe_pipelines.
const char* operator_state(const PlanNode& n) {
  const char* state = "state: per window and key; fires on watermark";
  if (n.kind == PlanKind::Aggregate && n.mini_batch_size > 0) return "state: per key, for the whole run; each mini-batch's net change per key";
  if (n.kind == PlanKind::Rank && n.mini_batch_size > 0) return "state: per partition, its top N rows; each mini-batch's net change per partition";
  if (n.kind == PlanKind::Aggregate)
    state = n.state_ttl_ms > 0 ? "state: per key, dropped when idle for the state TTL on the watermark; a changelog row per change"
                               : "state: per key, for the whole run; a changelog row per change";
  if (n.kind == PlanKind::IntervalJoin)
    state = "state: each side's rows per key until the watermark passes their time bound; then unmatched outer rows are padded";
  if (n.kind == PlanKind::TemporalJoin)
    state = "state: the stream's rows until the watermark passes them, then joined in time order; per key the versions they can still join";
  if (n.kind == PlanKind::RegularJoin)
    state = n.state_ttl_ms > 0 ? "state: every row of both inputs per key, dropped when idle for the state TTL on the watermark"
                               : "state: every row of both inputs per key, for the whole run (no TTL)";
  if (n.kind == PlanKind::WindowJoin)
    state = "state: each side's rows per window and key; pairs and padded outer rows when the window closes";
  if (n.kind == PlanKind::OverAggregate)
    state = "state: rows until the watermark passes them, then per partition the rows its frames reach";
  if (n.kind == PlanKind::Rank)
    state = n.state_ttl_ms > 0 ? "state: per partition, its top N rows, dropped when idle for the state TTL on the watermark; a changelog row per change"
                               : "state: per partition, its top N rows; a changelog row per change";
  if (n.kind == PlanKind::MatchRecognize)
    state = "state: rows until the watermark passes them, then per partition the rows of its partial matches";
  if (n.kind == PlanKind::WindowAggregate && (n.window == WindowKind::Hop || n.window == WindowKind::Cumulate))
    state = n.emit_changes || n.allowed_lateness_ms > 0
        ? "state: per window and key; an event updates each of its open windows"
        : "state: per slice and key; a window merges its slices when the watermark passes its end";
  if (n.window == WindowKind::Session)
    state = "state: per key and open session; fires when the watermark passes the session end";
  return state;
}

}  // namespace

bool lower_to_pipelines(const LogicalProgram& program, std::vector<Pipeline>& out, DiagnosticEngine& diags) {
  for (const auto& root : program.queries) {
    // The plan is a chain: walk it from the sink down, then read it bottom-up.
    std::vector<const PlanNode*> chain;
    const PlanNode* merge = nullptr;
    for (const PlanNode* n = root.get(); n; n = n->input()) {
      if (n->inputs.size() > 1) {
        if (n->kind != PlanKind::Union && !n->is_stream_join()) {
          diags.not_supported(n->range, "operators with several inputs");
          return false;
        }
        merge = n;
        break;
      }
      chain.push_back(n);
    }
    Pipeline p;
    p.sink = chain.front();
    p.scan = chain.back();
    auto first = chain.rbegin() + 1;  // above the scan
    if (merge) {
      if (!lower_inputs(*merge, p, diags)) return false;
      share_join_input_aggregates(p);
      first = chain.rbegin();  // above the merge
      if (merge->is_stream_join()) p.stateful = merge;  // the join keeps rows: what is above runs on its results
    }
    for (auto it = first; it + 1 != chain.rend(); ++it) {
      const PlanNode* n = *it;
      if (n->kind == PlanKind::Rank && n->rank_limit <= 0) {
        diags.not_supported(n->range, "ROW_NUMBER over anything but the event time ascending without `WHERE rn <= N` on its result (Top-N)");
        return false;
      }
      bool over_group_by = p.stateful && p.stateful->kind == PlanKind::Aggregate;  // a Top-N that takes rows back
      if (n->kind == PlanKind::Rank && n->input()->mode != ChangelogMode::InsertOnly && !over_group_by) {
        diags.not_supported(n->range, "Top-N over an updating result");
        return false;
      }
      if (n->kind == PlanKind::WindowAggregate || n->kind == PlanKind::Aggregate || n->kind == PlanKind::OverAggregate ||
          n->kind == PlanKind::Rank || n->kind == PlanKind::MatchRecognize) {
        if (p.stateful && n->kind == PlanKind::MatchRecognize) {
          diags.not_supported(n->range, "MATCH_RECOGNIZE over the result of a join or an aggregation");
          return false;
        }
        if (p.stateful) {
          if (p.stateful->kind == PlanKind::MatchRecognize) {
            diags.not_supported(n->range, "an aggregation, OVER or Top-N over the result of MATCH_RECOGNIZE");
            return false;
          }
          if (p.stateful->is_stream_join()) {
            if (!p.feeding_joins.empty()) {
              diags.not_supported(n->range, "an aggregation, OVER or Top-N over a join whose input is another join");
              return false;
            }
            if (!chain_onto_join(p, *n, diags)) return false;
            continue;
          }
          if (p.stateful->kind == PlanKind::Aggregate) {
            if (!chain_onto_updating_aggregate(p, *n, diags)) return false;
            continue;
          }
          if (!can_chain(*p.stateful, *n) || !p.chained.empty() || !p.upstream.empty()) {
            diags.not_supported(n->range, "aggregating the result of an aggregation");
            return false;
          }
          p.chained.push_back({n, {}});
          continue;
        }
        p.stateful = n;
      } else if (!p.chained.empty()) {
        p.chained.back().per_result.push_back(n);
      } else {
        (p.stateful ? p.per_result : p.per_row).push_back(n);
      }
    }
    // A SESSION window puts a row in a session not known yet: only an aggregation over it is
    // planned, not a row-by-row use of its columns. (HOP and CUMULATE rows repeat per window.)
    std::vector<const PlanNode*> row_steps = p.per_row;
    for (const auto& in : p.inputs) row_steps.insert(row_steps.end(), in.per_row.begin(), in.per_row.end());
    for (const PlanNode* n : row_steps) {
      if (n->kind != PlanKind::WindowTvf || n->window != WindowKind::Session) continue;
      bool reads_window_columns = false;
      for (const auto& c : n->schema) reads_window_columns = reads_window_columns || c.binding.node == n->id;
      if (!p.stateful || reads_window_columns) {
        diags.not_supported(n->range, "SESSION windows without GROUP BY window_start, window_end");
        return false;
      }
    }
    out.push_back(std::move(p));
  }
  if (program.state_ttl_ms > 0 && !check_state_ttl(out, diags)) return false;
  if (program.mini_batch_enabled && !check_mini_batch(out, diags)) return false;
  // Several queries: one job that reads each source once (a statement set).
  return out.size() < 2 || check_statement_set(out, diags);
}

std::string describe_pipelines(const std::vector<Pipeline>& pipelines) {
  std::string out;
  for (const auto& p : pipelines) {
    if (p.merge) {
      out += "Pipeline[(";
      for (size_t i = 0; i < p.inputs.size(); ++i) {
        out += i ? " | " : "";
        for (const auto& f : p.feeding_joins) out += i == f.first_input ? "(" : "";
        std::string sharing;  // inputs whose aggregate is this one's (shared_join_aggregate.h)
        for (size_t j = i + 1; j < p.inputs.size(); ++j)
          if (p.inputs[j].aggregate_of == int(i)) sharing += " and " + std::to_string(j + 1);
        if (p.inputs[i].aggregate_of >= 0) {
          out += "the rows of input " + std::to_string(p.inputs[i].aggregate_of + 1) + "'s " + plan_kind_name(p.inputs[i].aggregate->kind);
        } else {
          out += p.inputs[i].scan->source->name;
          for (const auto* n : p.inputs[i].per_row) out += std::string(" -> ") + plan_kind_name(n->kind);
          if (const PlanNode* agg = p.inputs[i].aggregate)
            out += std::string(" -> ") + plan_kind_name(agg->kind) + " (" + operator_state(*agg) + "; its rows " +
                   (p.inputs[i].cascade ? "feed the next" : "join") + " when it fires" +
                   (sharing.empty() ? "" : "; computed once for inputs " + std::to_string(i + 1) + sharing) + ")";
        }
        for (const auto* n : p.inputs[i].per_result) out += std::string(" -> ") + plan_kind_name(n->kind);
        if (const PlanNode* agg = p.inputs[i].cascade) {
          out += std::string(" -> ") + plan_kind_name(agg->kind) + " (state: per window and key of the rows above; fires after them, its rows join)";
          for (const auto* n : p.inputs[i].cascade_per_result) out += std::string(" -> ") + plan_kind_name(n->kind);
        }
        for (const auto& f : p.feeding_aggregates) {
          if (f.side != int(i)) continue;
          out += " -> Aggregate (state: per key, for the whole run; its changelog feeds the join)";
          for (const auto* n : f.per_result) out += std::string(" -> ") + plan_kind_name(n->kind);
        }
        for (const auto& f : p.feeding_joins) {
          if (i != f.first_input + 1) continue;
          out += std::string(") -> ") + plan_kind_name(f.join->kind) + " (" + operator_state(*f.join) + "; its rows' watermark lags by " +
                 std::to_string(join_output_delay_ms(*f.join)) + " ms)";
          for (const auto* n : f.per_result) out += std::string(" -> ") + plan_kind_name(n->kind);
        }
      }
      if (p.merge->kind == PlanKind::Union) out += std::string(") -> ") + plan_kind_name(p.merge->kind) + " (every input's rows)";
      else out += ")";
    } else {
      out += "Pipeline[" + p.scan->source->name;
    }
    for (const auto* n : p.per_row) out += std::string(" -> ") + plan_kind_name(n->kind);
    for (const auto& u : p.upstream) {
      // A GROUP BY or Top-N over the join reads no watermark of its rows.
      bool timed = p.stateful->kind != PlanKind::Aggregate && p.stateful->kind != PlanKind::Rank;
      out += std::string(" -> ") + plan_kind_name(u.stateful->kind) + " (" + operator_state(*u.stateful) +
             (timed ? "; its rows' watermark lags by " + std::to_string(join_output_delay_ms(*u.stateful)) + " ms)" : ")");
      for (const auto* n : u.per_result) out += std::string(" -> ") + plan_kind_name(n->kind);
    }
    if (p.stateful) {
      out += std::string(" -> ") + plan_kind_name(p.stateful->kind) + " (" + operator_state(*p.stateful) + ")";
      for (const auto* n : p.per_result) out += std::string(" -> ") + plan_kind_name(n->kind);
      for (const auto& c : p.chained) {
        out += std::string(" -> ") + plan_kind_name(c.stateful->kind) + " (state: " +
               (c.stateful->kind == PlanKind::Rank && p.stateful->kind == PlanKind::Aggregate
                    ? "per partition every row, sorted; -U / -D rows take back what +I / +U rows added"
                : c.stateful->kind == PlanKind::Rank
                    ? (c.stateful->rank_per_window ? "per partition its top N rows; fed and emptied per window firing"
                                                   : "per partition its top N rows, for the whole run; fed per window firing")
                : c.stateful->kind == PlanKind::Aggregate ? "per key, for the whole run; -U / -D rows take back what +I / +U rows added"
                : c.stateful->kind == PlanKind::WindowAggregate ? "per window and key of the rows above; fed per window firing, fires after it"
                                                          : "per partition the rows its frames reach; fed per window firing") + ")";
        for (const auto* n : c.per_result) out += std::string(" -> ") + plan_kind_name(n->kind);
      }
    }
    out += std::string(" -> Sink(") + (p.sink->sink.kind == SinkTarget::Kind::Stdout ? "stdout" : p.sink->sink.path) + ")]\n";
  }
  return out + describe_shared_sources(pipelines);
}

}  // namespace sqlc
