// Scale-out (the job's --scale-out flag, runtime/.../partition_tasks.h): the code that lets a
// Job be the task of one Kafka partition, and the start of run() that hands the source to a
// task per partition this instance owns, or refuses a query whose state cannot be split so.
#pragma once

#include <string>
#include <vector>

namespace sqlc {

struct ScaleOutJob {
  std::string refusal;  // "" when a task per partition is correct; else what is not supported yet
  std::string row_type;       // the source's row struct
  std::string source_ident;   // the source's C++ name (on_<ident> is its row function)
  std::string source_spec;    // its SourceSpec constant
  std::vector<std::string> group_keys;  // the GROUP BY columns (not the window's)
  // Repartitioning (repartition_tasks.h): "" when the query can be repartitioned by its GROUP
  // BY key, else what is not supported yet; `place` names its repartition topic.
  std::string repartition_refusal;
  std::string place;
};

// The Job's constructor as a partition's task: its `metrics` (the JobMetrics initializer) go to the
// PartitionTask tag; no lookup loading.
std::string scale_out_task_constructor(const std::string& metrics);

// Statements at the start of run(): with --scale-out, run the tasks (or refuse).
std::string scale_out_dispatch(const ScaleOutJob& job);

}  // namespace sqlc
