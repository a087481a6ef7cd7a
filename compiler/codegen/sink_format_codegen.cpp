#include "codegen/sink_format_codegen.h"

#include "catalog/catalog.h"
#include "codegen/cpp_names.h"

namespace sqlc {

std::string sink_format_setup(const SinkTarget& sink, const std::string& writer) {
  if (sink.kind != SinkTarget::Kind::File || sink.format == "json" || !sink.table) return "";
  std::string delimiter = sink.table->property("csv.field-delimiter", ",");
  std::string c = delimiter.empty() ? "," : delimiter.substr(0, 1);
  std::string literal = c == "'" ? "'\\''" : c == "\\" ? "'\\\\'"
                        : static_cast<unsigned char>(c[0]) < 0x20 ? "char(" + std::to_string(int(c[0])) + ")"
                                                                  : "'" + c + "'";
  return "// INSERT INTO " + sink.name + ": 'format' = '" + sink.format + "' (each row one record and a newline).\n" + writer +
         ".write_rows_as(" + cpp_string_literal(sink.format) + ", " + literal + ");\n";
}

}  // namespace sqlc
