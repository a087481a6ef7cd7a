#include "after_outputs_flushed.h"

#include <utility>
#include <vector>

namespace sqlc {
namespace {
std::vector<std::function<void()>>& actions() {
  static std::vector<std::function<void()>> list;
  return list;
}
}  // namespace

void run_after_outputs_flushed(std::function<void()> action) { actions().push_back(std::move(action)); }

void run_deferred_actions() {
  auto list = std::move(actions());
  actions().clear();
  for (auto& action : list) action();
}

}  // namespace sqlc
