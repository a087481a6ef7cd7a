#include "codegen/temporal_join_codegen.h"

namespace sqlc {

std::string temporal_join_member(const PlanNode& join) {
  return "// " + join.clause + ": the stream's rows until the watermark passes them, per key the versions they can join\n"
         "sqlc::TemporalJoin<JoinKey, LeftRow, RightRow, JoinKeyHash> join_;\nJoinKey join_key_;  // reused for lookups\n";
}

}  // namespace sqlc
