#include "exactly_once.h"

#include <optional>

namespace sqlc {
namespace {

std::optional<TransactionalSource>& registered() {
  static std::optional<TransactionalSource> source;
  return source;
}

bool g_exactly_once = false;

}  // namespace

void register_transactional_source(TransactionalSource source) { registered() = std::move(source); }
const TransactionalSource* transactional_source() { return registered() ? &*registered() : nullptr; }

void set_exactly_once_sink(bool on) { g_exactly_once = on; }
bool exactly_once_sink() { return g_exactly_once; }

}  // namespace sqlc
