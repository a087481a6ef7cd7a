// EXPLAIN as JSON: {"queries": [{"plan": NODE}]}, NODE = {"operator", "changelog_mode",
// the node's fields, "schema": [{"name", "type"}], "inputs": [NODE...]}. Pretty-printed with
// two-space indents; the same plan always gives the same bytes.
#include <cstdio>

#include "plan/plan_fields.h"

namespace sqlc {

namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += char(c);
        }
    }
  }
  return out + "\"";
}

std::string field_key(const std::string& name) {
  std::string k = name;
  for (char& c : k) if (c == ' ') c = '_';
  return k;
}

void node_json(const PlanNode& n, int depth, std::string& out) {
  std::string pad(depth * 2, ' '), in = pad + "  ";
  PlanNodeFields f = plan_node_fields(n);
  out += "{\n" + in + "\"operator\": " + quote(f.kind) + ",\n";
  out += in + "\"changelog_mode\": " + quote(changelog_mode_name(n.mode)) + ",\n";
  for (const auto& field : f.fields) {
    out += in + quote(field_key(field.name)) + ": ";
    if (!field.is_list) {
      out += quote(field.values[0]) + ",\n";
      continue;
    }
    out += "[";
    for (size_t i = 0; i < field.values.size(); ++i) out += (i ? ", " : "") + quote(field.values[i]);
    out += "],\n";
  }
  out += in + "\"schema\": [";
  for (size_t i = 0; i < n.schema.size(); ++i)
    out += std::string(i ? "," : "") + "\n" + in + "  {\"name\": " + quote(n.schema[i].name) + ", \"type\": " +
           quote(n.schema[i].type.to_string()) + "}";
  out += n.schema.empty() ? "],\n" : "\n" + in + "],\n";
  out += in + "\"inputs\": [";
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    out += std::string(i ? "," : "") + "\n" + in + "  ";
    node_json(*n.inputs[i], depth + 2, out);
  }
  out += n.inputs.empty() ? "]\n" : "\n" + in + "]\n";
  out += pad + "}";
}

}  // namespace

std::string explain_json(const LogicalProgram& program) {
  std::string out = "{\n  \"queries\": [";
  for (size_t i = 0; i < program.queries.size(); ++i) {
    out += std::string(i ? "," : "") + "\n    {\n      \"plan\": ";
    node_json(*program.queries[i], 3, out);
    out += "\n    }";
  }
  out += "\n  ]\n}\n";
  return out;
}

}  // namespace sqlc
