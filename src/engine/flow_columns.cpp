#include "engine/flow_columns.hpp"

#include <cassert>

namespace linkage::engine {

ColumnBuffers::ColumnBuffers(std::size_t capacity)
    : rows(capacity),
      year(std::make_unique_for_overwrite<std::int32_t[]>(capacity)),
      exporter(std::make_unique_for_overwrite<std::int32_t[]>(capacity)),
      importer(std::make_unique_for_overwrite<std::int32_t[]>(capacity)),
      product(std::make_unique_for_overwrite<std::int32_t[]>(capacity)),
      value(std::make_unique_for_overwrite<double[]>(capacity)) {}

FlowColumns FlowColumns::Own(ColumnBuffers buffers, std::size_t rows) {
  assert(rows <= buffers.rows);
  auto owned = std::make_shared<ColumnBuffers>(std::move(buffers));
  FlowColumns columns;
  columns.year = {owned->year.get(), rows};
  columns.exporter = {owned->exporter.get(), rows};
  columns.importer = {owned->importer.get(), rows};
  columns.product = {owned->product.get(), rows};
  columns.value = {owned->value.get(), rows};
  columns.storage = std::move(owned);
  return columns;
}

}  // namespace linkage::engine
