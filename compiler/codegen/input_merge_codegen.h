// The read loop of a job with several inputs (UNION ALL): every input is opened, and the next
// row always comes from the input whose watermark is lowest (ties: the input named first), so
// the same files give the same rows (runtime/include/sqlc/runtime/input_cursor.h).
#pragma once

#include <string>
#include <vector>

namespace sqlc {

struct MergeInput {
  std::string name;      // the source's SQL name
  std::string ident;     // its C++ name: on_<ident>(row, position), <ident>_path_
  std::string row_type;  // the row struct the reader fills
  std::string spec;      // its SourceSpec constant
  std::string ended = "";  // a statement run once when the input ends (none: "")
};

// Statements the loop runs besides reading (mini-batch: mini_batch_codegen.cpp), each on its own
// lines: after an input's reader read a batch, and before every checkpoint and the end.
struct MergeHooks {
  std::string after_batch, before_checkpoint;
};

// `uint64_t read_inputs()`. With `watermarked`, inputs are the job's watermark splits (an input
// that ends stops holding the watermark back) and are interleaved by watermark; without, they
// are read one after the other. `end_of_input` runs when every input has ended.
std::string input_merge_loop(const std::vector<MergeInput>& inputs, bool watermarked, const std::string& end_of_input,
                             const MergeHooks& hooks = {});

}  // namespace sqlc
