// ${NAME} in a WITH value is read from the environment when the job starts, so secrets are not
// compiled into the binary.
#pragma once

#include <string>

namespace sqlc {

// `value` with every ${NAME} replaced by the environment variable NAME. Throws
// std::runtime_error naming the property `key` and the variable (never a value) when NAME is
// unset or a ${ is not closed.
std::string resolve_environment(const std::string& key, const std::string& value);

}  // namespace sqlc
