// engine/flow_columns.hpp
// Product-level trade flows held column by column, the layout the sweep kernels scan. The columns are views
// over memory the object owns: buffers filled by a parser, or a mapped cache file, so a cached file is used
// in place without a copy. A missing value is a quiet NaN, which every kernel skips the way SQL's sum() skips
// NULL; it is never read as zero.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

namespace linkage::engine {

//! Writable buffers for `capacity` rows, allocated once and not zero-filled (every row is written by its
//! parser).
struct ColumnBuffers {
  explicit ColumnBuffers(std::size_t capacity);
  std::size_t rows;  //!< the capacity
  std::unique_ptr<std::int32_t[]> year;
  std::unique_ptr<std::int32_t[]> exporter;
  std::unique_ptr<std::int32_t[]> importer;
  std::unique_ptr<std::int32_t[]> product;
  std::unique_ptr<double[]> value;
};

//! One file's flows: row r is year[r], exporter[r] -> importer[r], product[r], value[r] (thousand USD).
struct FlowColumns {
  std::span<const std::int32_t> year;
  std::span<const std::int32_t> exporter;  //!< numeric country code as published (BACI: ISO 3166 numeric)
  std::span<const std::int32_t> importer;
  std::span<const std::int32_t> product;  //!< HS code as a number (leading zeros are not significant)
  std::span<const double> value;          //!< NaN when published as missing
  std::shared_ptr<const void> storage;    //!< keeps the memory behind the views alive

  //! Number of rows.
  std::size_t Size() const { return value.size(); }
  //! Views over the first `rows` rows of `buffers`, which the result then owns.
  static FlowColumns Own(ColumnBuffers buffers, std::size_t rows);
};

}  // namespace linkage::engine
