// The WINDOW clause (named windows): `agg(x) OVER w ... WINDOW w AS (PARTITION BY ... ORDER BY
// ... [frame])`. As in Flink (Calcite), `OVER w` means the window spec written after `w AS`, so
// every place that reads an OVER's spec asks over_spec for it.
#include "binder/binder.h"

#include "ast/case_folding.h"
#include "diag/name_suggestion.h"

namespace sqlc {

bool Binder::check_named_windows(const std::vector<ast::NamedWindow>& windows) {
  for (size_t i = 0; i < windows.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (lower(windows[i].name.name) == lower(windows[j].name.name)) {
        diags_.error(DiagCode::InvalidWindow, windows[i].name.range, "window `" + windows[i].name.name + "` is defined twice in this WINDOW clause");
        return false;
      }
  return true;
}

const ast::WindowSpec* Binder::over_spec(const ast::FunctionCallExpr& call) {
  const ast::WindowSpec& spec = *call.over;
  if (!spec.name) return &spec;
  std::vector<std::string> names;
  if (named_windows_)
    for (const auto& w : *named_windows_) {
      if (lower(w.name.name) == lower(spec.name->name)) return w.spec.get();
      names.push_back(w.name.name);
    }
  auto& d = diags_.error(DiagCode::InvalidWindow, spec.name->range, "window `" + spec.name->name + "` is not defined in this SELECT's WINDOW clause");
  if (auto similar = most_similar_name(spec.name->name, names)) d.help.push_back("a similar name exists: `" + *similar + "`");
  return nullptr;
}

}  // namespace sqlc
