#include "codegen/window_function_codegen.h"

#include <stdexcept>

#include "codegen/cpp_names.h"

namespace sqlc {

bool is_over_window_function(const AggregateCall& a) {
  const std::string& f = a.function;
  return f == "ROW_NUMBER" || f == "RANK" || f == "DENSE_RANK" || f == "LAG";
}

std::string window_function_state_members(const AggregateCall& a, const std::string& member) {
  if (a.function != "DENSE_RANK") return "";
  return "  int64_t " + member + " = 0;  // DENSE_RANK(): distinct times so far\n  int64_t " + member +
         "_time = 0;  // the time it was last raised at\n";
}

std::string window_function_value(const AggregateCall& a, const std::string& name, const std::string& member,
                                  const ColumnEnv& frame_env) {
  const std::string& f = a.function;
  // Rows are numbered from 0 in a partition; the ORDER BY value is the event time.
  if (f == "ROW_NUMBER") return "const int64_t " + name + " = static_cast<int64_t>(frame.current()) + 1;\n";
  if (f == "RANK") return "const int64_t " + name + " = static_cast<int64_t>(frame.range_from(frame.time())) + 1;  // first peer + 1\n";
  if (f == "DENSE_RANK") {
    std::string count = "state." + member, time = "state." + member + "_time";
    return "if (" + count + " == 0 || " + time + " != frame.time()) {\n++" + count + ";\n" + time + " = frame.time();\n}\n" +
           "const int64_t " + name + " = " + count + ";\n";
  }
  if (f == "LAG") {
    std::string type = "sqlc::Nullable<" + cpp_stored_type(a.type) + ">";
    std::string out = type + " " + name + ";\n";
    out += "if (const OverRow* lagged = frame.back(" + std::to_string(a.frame.preceding) + ")) {\n";
    out += "const OverRow& r = *lagged;\nsqlc::set_key(" + name + ", " + emit_expression(*a.args[0], frame_env).code + ");\n}";
    if (a.args.size() == 2) out += " else {\nsqlc::set_key(" + name + ", " + emit_expression(*a.args[1], {}).code + ");  // the default\n}";
    return out + "\n";
  }
  throw std::logic_error("codegen: not a window function: " + f);
}

}  // namespace sqlc
