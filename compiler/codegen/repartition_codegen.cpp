// --scale-out through a repartition topic (runtime/.../repartition_tasks.h): what a Job needs to
// be either stage. Stage 1 is a Job whose repartition_ is set: at the GROUP BY, once the key is
// known, the row goes to the repartition topic instead of the state. Stage 2 is a Job whose
// watermark has a split per source partition, moved by the watermark records stage 1 sends.
#include "codegen/job_generator.h"

namespace sqlc {

// "" when the query's one stateful operator can be fed through a repartition topic.
std::string JobGenerator::repartition_refusal() const {
  if (!windowed_ && !updating_) return "a query without a GROUP BY";
  if (key_members_.empty()) return "an aggregate without a GROUP BY key";
  if (windowed_ && p_.stateful->window == WindowKind::Session) return "a session window";
  if (state_ttl_) return "a GROUP BY with 'table.exec.state.ttl'";
  return "";
}

bool JobGenerator::repartitions() const {
  return kafka_source() && !p_.merge && !statement_ && scale_out_job().refusal.empty() && repartition_refusal().empty();
}

// Public members of a Job that can be either stage.
std::string JobGenerator::repartition_members() {
  if (!repartitions()) return "";
  std::string out =
      "// --scale-out through a repartition topic (repartition_tasks.h). Stage 1: the rows go to\n"
      "// the topic at the GROUP BY. Stage 2: a watermark split per source partition.\n"
      "sqlc::RepartitionTopic* repartition_ = nullptr;\n";
  if (!windowed_)
    return out + "// A GROUP BY without a window has no watermark to carry.\n"
                 "void expect_upstreams(int32_t) {}\nvoid on_upstream_watermark(int64_t, int32_t) {}\n"
                 "int64_t current_watermark() const { return sqlc::kMinTimestamp; }\n\n";
  return out + "void expect_upstreams(int32_t partitions) {" + idle_timeout_setup() +
         "\nstd::vector<int32_t> splits;\n"
         "for (int32_t p = 0; p < partitions; ++p) splits.push_back(p);\n"
         "watermark_.expect_splits(splits);\n}\n"
         "void on_upstream_watermark(int64_t watermark, int32_t upstream) {\n"
         "if (watermark_.observe(watermark, upstream)) fire_windows();\n}\n"
         "int64_t current_watermark() const { return watermark_.current(); }\n\n";
}

// At the GROUP BY, once `keys` set group_key_: stage 1 sends the row on.
std::string JobGenerator::repartition_branch(const std::string& keys) const {
  if (!repartitions()) return "";
  return "if (repartition_) {\n"
         "// --scale-out, stage 1: the row goes to the repartition topic's partition of its GROUP BY key\n" +
         keys + "repartition_->send_row(position, GroupKeyHash{}(group_key_));\nreturn;\n}\n";
}

}  // namespace sqlc
