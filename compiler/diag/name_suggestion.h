// "did you mean": the closest candidate by edit distance, if it is close enough.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sqlc {

size_t edit_distance(const std::string& a, const std::string& b);  // case-insensitive
std::optional<std::string> most_similar_name(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace sqlc
