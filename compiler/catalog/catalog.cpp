#include "catalog/catalog.h"

#include <algorithm>
#include <cctype>

#include "binder/function_registry.h"

namespace sqlc {

bool ColumnInfo::is_proctime() const {
  return computed && computed->kind == BoundExprKind::Function && computed->function &&
         std::string(computed->function->name) == "PROCTIME";
}

int SourceInfo::find_column(const std::string& n) const {
  std::string key = lower(n);
  for (size_t i = 0; i < columns.size(); ++i)
    if (lower(columns[i].name) == key) return static_cast<int>(i);
  return -1;
}

std::string SourceInfo::property(const std::string& key, const std::string& fallback) const {
  auto it = properties.find(key);
  return it == properties.end() ? fallback : it->second;
}

SourceInfo* Catalog::add_source(std::unique_ptr<SourceInfo> source) {
  sources_.push_back(std::move(source));
  return sources_.back().get();
}

ViewInfo* Catalog::add_view(std::unique_ptr<ViewInfo> view) {
  views_.push_back(std::move(view));
  return views_.back().get();
}

const SourceInfo* Catalog::find_source(const std::string& name) const {
  std::string key = lower(name);
  if (key == hidden_) return nullptr;
  for (const auto& s : sources_)
    if (lower(s->name) == key) return s.get();
  return nullptr;
}

const ViewInfo* Catalog::find_view(const std::string& name) const {
  std::string key = lower(name);
  if (key == hidden_) return nullptr;
  for (const auto& v : views_)
    if (lower(v->name) == key) return v.get();
  return nullptr;
}

bool Catalog::drop(const std::string& name) {
  std::string key = lower(name);
  auto s = std::find_if(sources_.begin(), sources_.end(), [&](const auto& x) { return lower(x->name) == key; });
  if (s != sources_.end()) { sources_.erase(s); return true; }
  auto v = std::find_if(views_.begin(), views_.end(), [&](const auto& x) { return lower(x->name) == key; });
  if (v != views_.end()) { views_.erase(v); return true; }
  return false;
}

std::vector<const SourceInfo*> Catalog::sources() const {
  std::vector<const SourceInfo*> out;
  for (const auto& s : sources_) out.push_back(s.get());
  return out;
}

std::vector<const ViewInfo*> Catalog::views() const {
  std::vector<const ViewInfo*> out;
  for (const auto& v : views_) out.push_back(v.get());
  return out;
}

}  // namespace sqlc
