// The generated pieces of a lookup join against a PostgreSQL table (runtime/.../postgres_lookup.h):
// its options, the function that turns a key into query parameters, the table member and its
// connect call. The row struct, reader spec and key struct are the file table's (job_codegen).
#pragma once

#include <string>
#include <vector>

#include "plan/logical_plan.h"

namespace sqlc {

struct PostgresLookupNames {
  std::string row_type, key_type, spec;  // already defined by the caller
  std::vector<std::string> key_members;  // per lookup key
  std::string base;                      // "ModelsLookup": prefix of what this emits
};

// Namespace-scope definitions: the options struct and `<base>KeyParams()`.
std::string postgres_lookup_definitions(const PlanNode& join, const PostgresLookupNames& names);

// The Job member that holds the table (connects in `connect_statement`).
std::string postgres_lookup_member(const PostgresLookupNames& names, const std::string& member);

}  // namespace sqlc
