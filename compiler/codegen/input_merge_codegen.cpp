#include "codegen/input_merge_codegen.h"

#include <algorithm>

#include "codegen/cpp_names.h"

namespace sqlc {

std::string input_merge_loop(const std::vector<MergeInput>& inputs, bool watermarked, const std::string& end_of_input,
                             const MergeHooks& hooks) {
  std::string open, pick, dispatch, total, save_positions, restore_positions, paths;
  // A regular join that stops keeping a side once the other input has ended: read the smallest
  // file first, so only it is kept (runtime/include/sqlc/runtime/input_read_order.h).
  bool smallest_first = !watermarked && std::any_of(inputs.begin(), inputs.end(), [](const MergeInput& in) { return !in.ended.empty(); });
  for (size_t i = 0; i < inputs.size(); ++i) {
    const MergeInput& in = inputs[i];
    std::string cursor = in.ident + "_input";
    std::string index = std::to_string(i);
    open += "sqlc::InputCursor<sqlc::JsonLinesReader, " + in.row_type + "> " + cursor + "(" + in.spec + ", context_.input_path(" +
            cpp_string_literal(in.name) + "), context_.dead_letter(), kBatchSize);\n" + in.ident + "_path_ = " + cursor +
            ".reader().path();\n";
    pick += "// FROM " + in.name + "\n";
    pick += "if (!" + cursor + ".has_row() && !" + cursor + ".ended()) {\n";
    pick += "// Between two rows, before a batch: a checkpoint barrier. SIGTERM with --state-dir stops here.\n"
            "if (context_.stop_requested()) {\ncheckpoint();\nreturn records_read();\n}\n"
            "if (context_.checkpoint_due()) checkpoint();\n";
    pick += "if (" + cursor + ".refill()) {\ncontext_.on_batch(" + cursor + ".reader());" + hooks.after_batch + "\n}";
    const std::string finish_split = "if (watermark_.finish_split(" + index + ")) {\nfire_windows();  // " + in.name +
                                     " ended: it no longer holds the watermark back\n}";
    if (!in.ended.empty()) pick += " else {\n" + in.ended + "\n" + (watermarked ? finish_split + "\n" : "") + "}";
    else if (watermarked) pick += " else " + finish_split;
    pick += "\n}\n";
    if (watermarked) pick += "if (" + cursor + ".has_row()) next = sqlc::lower_input(next, " + index + ", watermark_);\n";
    else if (smallest_first) pick += "if (" + cursor + ".has_row()) next = sqlc::earlier_input(next, " + index + ", read_rank);\n";
    else pick += "if (next == sqlc::kNoInput && " + cursor + ".has_row()) next = " + index + ";\n";
    paths += (paths.empty() ? "" : ", ") + in.ident + "_path_";
    dispatch += "case " + index + ":\non_" + in.ident + "(" + cursor + ".row(), " + cursor + ".position());\n" + cursor + ".advance();\nbreak;\n";
    total += (total.empty() ? "" : " + ") + cursor + ".records_read()";
    save_positions += cursor + ".save_position(out);\n";
    restore_positions += cursor + ".restore_position(in);\n";
  }
  std::string out = "// Reads every input, a row at a time from the one ";
  out += watermarked      ? "whose watermark is lowest (ties: the one named first),\n// so the same files give the same rows.\n"
         : smallest_first ? "in the smallest file that has rows left\n// (ties: the one named first).\n"
                          : "named first that has rows left.\n";
  out += "uint64_t read_inputs() {\n" + open;
  if (smallest_first)
    out += "// The smallest file first: a side is no longer kept once the other input has ended.\n"
           "const std::vector<size_t> read_rank = sqlc::input_read_ranks({" + paths + "});\n";
  if (watermarked) {
    out += "// The job's watermark is the lowest of its inputs' watermarks.\nwatermark_.expect_splits(std::vector<int32_t>{";
    for (size_t i = 0; i < inputs.size(); ++i) out += (i ? ", " : "") + std::to_string(i);
    out += "});\n";
  }
  out += "auto records_read = [&] { return " + total + "; };\n";
  out += "// Checkpoints every input's position (the first row not processed yet), then the state\n"
         "// (--state-dir only).\nauto checkpoint = [&] {" + hooks.before_checkpoint + "\nif (!context_.checkpointing()) return;\n"
         "sqlc::StateWriter out;\n" + save_positions + "save_state(out);\ncontext_.write_checkpoint(out);\n};\n";
  out += "// Resumes from the checkpoint restored at start: every input's position, then the state.\n"
         "if (const std::string* state = context_.restored_state()) {\nsqlc::StateReader in(*state);\n" + restore_positions +
         "load_state(in);\nif (!in.at_end()) throw sqlc::StateCorrupt(\"the checkpoint's state has trailing bytes\");\n}\n";
  out += "for (;;) {\nsize_t next = sqlc::kNoInput;\n" + pick + "if (next == sqlc::kNoInput) break;\nswitch (next) {\n" + dispatch + "}\n";
  out += "// Strings that SQL functions built are not kept past a row.\nsqlc::string_arena().reset();\n}\n";
  out += end_of_input + (end_of_input.empty() ? "" : "\n") + "checkpoint();  // at the end: what was read, fired and written\n";
  out += "return records_read();\n}\n";
  return out;
}

}  // namespace sqlc
