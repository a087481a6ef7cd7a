#include "codegen/chain_codegen.h"

#include "lower/operator_chain.h"

namespace sqlc {

std::string feeding_join_fire(const PlanNode& join) {
  int64_t delay = join_output_delay_ms(join);
  std::string out = "fire_join();\n";
  std::string why = join.kind == PlanKind::WindowJoin ? "a closing window's rows go back to its start"
                                                      : "the longest a kept row waits for a partner";
  return out + "// The join's rows may be up to " + std::to_string(delay) + " ms behind the watermark (" + why +
         "): its output watermark lags as much, so none of them is late downstream.\n"
         "join_output_watermark_ = sqlc::delayed_watermark(watermark_.current(), " + std::to_string(delay) + ");\n";
}

std::string join_output_watermark_member(const PlanNode& join) {
  return "int64_t join_output_watermark_ = sqlc::kMinTimestamp;  // " + join.clause + ": the watermark of its rows\n";
}

}  // namespace sqlc
