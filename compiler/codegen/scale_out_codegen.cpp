#include "codegen/scale_out_codegen.h"

#include "codegen/cpp_names.h"

namespace sqlc {

std::string scale_out_task_constructor(const std::string& metrics) {
  return "// --scale-out: the task of one Kafka partition, with its own state and counters, which the\n"
         "// instance's metrics sum (partition_tasks.h).\n"
         "Job(sqlc::JobContext& context, sqlc::PartitionTask& task) : context_(context), out_(context.output()) {\n"
         "task.metrics = {" + metrics + "};\n}\n\n";
}

namespace {

// The tasks' operations: make a task, its row function, its state.
std::string task_ops(const ScaleOutJob& job) {
  return "[this](const std::string& source_path, sqlc::PartitionTask& tag) {\n"
         "auto task = std::make_unique<Job>(context_, tag);\n"
         "task->source_path_ = source_path;\n"
         "return task;\n},\n"
         "&Job::on_" + job.source_ident + ", &Job::save_state, &Job::load_state}";
}

}  // namespace

std::string scale_out_dispatch(const ScaleOutJob& job) {
  if (!job.refusal.empty())
    return "if (context_.scale_out())\n  throw std::runtime_error(\"--scale-out: " + job.refusal + " is not supported yet\");\n";
  std::string keys;
  for (const auto& k : job.group_keys) keys += (keys.empty() ? "" : ", ") + cpp_string_literal(k);
  if (job.repartition_refusal.empty())
    return "// --scale-out: one task (a Job) per Kafka partition this instance owns, repartitioned by the GROUP BY key\n"
           "// through an internal topic when the source is not keyed by it (repartition_tasks.h).\n"
           "if (context_.scale_out())\n"
           "  return sqlc::run_scale_out<Job, " + job.row_type + ">(context_, " + job.source_spec + ", {" + keys + "}, " +
           cpp_string_literal(job.place) + ", {\n" + task_ops(job) + ");\n";
  return "// --scale-out: one task (a Job) per Kafka partition this instance owns.\n"
         "if (context_.scale_out() && context_.scale_out()->repartition)\n"
         "  throw std::runtime_error(\"--repartition: repartitioning " + job.repartition_refusal + " is not supported yet\");\n"
         "if (context_.scale_out())\n"
         "  return sqlc::PartitionTasks<Job, " + job.row_type + ">(context_, " + job.source_spec + ", {" + keys + "}, {\n" + task_ops(job) + ").run();\n";
}

}  // namespace sqlc
