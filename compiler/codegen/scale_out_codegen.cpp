#include "codegen/scale_out_codegen.h"

#include "codegen/cpp_names.h"

namespace sqlc {

std::string scale_out_task_constructor(const std::string& metrics) {
  return "// --scale-out: the task of one Kafka partition, with its own state and counters, which the\n"
         "// instance's metrics sum (partition_tasks.h).\n"
         "Job(sqlc::JobContext& context, sqlc::PartitionTask& task) : context_(context), out_(context.output()) {\n"
         "task.metrics = {" + metrics + "};\n}\n\n";
}

std::string scale_out_dispatch(const ScaleOutJob& job) {
  if (!job.refusal.empty())
    return "if (context_.scale_out())\n  throw std::runtime_error(\"--scale-out: " + job.refusal + " is not supported yet\");\n";
  std::string keys;
  for (const auto& k : job.group_keys) keys += (keys.empty() ? "" : ", ") + cpp_string_literal(k);
  return "// --scale-out: one task (a Job) per Kafka partition this instance owns.\n"
         "if (context_.scale_out())\n"
         "  return sqlc::PartitionTasks<Job, " + job.row_type + ">(context_, " + job.source_spec + ", {" + keys + "}, {\n"
         "[this](const std::string& source_path, sqlc::PartitionTask& tag) {\n"
         "auto task = std::make_unique<Job>(context_, tag);\n"
         "task->source_path_ = source_path;\n"
         "return task;\n},\n"
         "&Job::on_" + job.source_ident + ", &Job::save_state, &Job::load_state}).run();\n";
}

}  // namespace sqlc
