// model/igraph_support.hpp
// Owning wrappers around igraph's C objects, so a graph or vector is destroyed on every path (an exception
// included), and a check that turns an igraph error code into a typed error instead of an abort.
#pragma once

#include <igraph.h>

#include <cstddef>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace linkage {

//! igraph failed on a graph Linkage built: a bug or an exhausted resource, never a user mistake.
class NetworkError : public Error {
 public:
  explicit NetworkError(const std::string& message) : Error(ExitCode::kInternal, message) {}
};

//! Held for the whole of any igraph computation. Debian's igraph is built without thread-local state
//! (IGRAPH_THREAD_SAFE is 0): its error-cleanup stack and its default random generator are shared by the
//! process, so two threads inside igraph at once corrupt that stack and make a seeded Louvain search
//! draw from the other thread's sequence. `serve` computes independent selections at once.
std::unique_lock<std::mutex> LockIgraph();

//! Throws NetworkError naming `what` and igraph's reason when `code` is not IGRAPH_SUCCESS. (The wrappers
//! below first make igraph return its errors rather than abort, and keep its warnings off stderr.)
void CheckIgraph(igraph_error_t code, const char* what);

//! An igraph_vector_t of `size` zeros.
class IgraphVector {
 public:
  explicit IgraphVector(std::size_t size = 0);
  //! A vector holding `values`.
  explicit IgraphVector(const std::vector<double>& values);
  ~IgraphVector() { igraph_vector_destroy(&vector_); }
  IgraphVector(const IgraphVector&) = delete;
  IgraphVector& operator=(const IgraphVector&) = delete;
  //! The element at `index`.
  double operator[](std::size_t index) const { return VECTOR(vector_)[index]; }
  //! The number of elements.
  std::size_t Size() const { return static_cast<std::size_t>(igraph_vector_size(&vector_)); }
  //! The wrapped vector, for igraph calls.
  igraph_vector_t* Get() { return &vector_; }
  //! The wrapped vector, read-only.
  const igraph_vector_t* Get() const { return &vector_; }

 private:
  igraph_vector_t vector_;
};

//! An igraph_vector_int_t of `size` zeros.
class IgraphIntVector {
 public:
  explicit IgraphIntVector(std::size_t size = 0);
  ~IgraphIntVector() { igraph_vector_int_destroy(&vector_); }
  IgraphIntVector(const IgraphIntVector&) = delete;
  IgraphIntVector& operator=(const IgraphIntVector&) = delete;
  //! The element at `index`.
  igraph_integer_t operator[](std::size_t index) const { return VECTOR(vector_)[index]; }
  //! Sets the element at `index`.
  void Set(std::size_t index, igraph_integer_t value) { VECTOR(vector_)[index] = value; }
  //! The number of elements.
  std::size_t Size() const { return static_cast<std::size_t>(igraph_vector_int_size(&vector_)); }
  //! The wrapped vector, for igraph calls.
  igraph_vector_int_t* Get() { return &vector_; }
  //! The wrapped vector, read-only.
  const igraph_vector_int_t* Get() const { return &vector_; }

 private:
  igraph_vector_int_t vector_;
};

//! An undirected igraph_t on vertices 0..node_count-1 with the given edges (pairs of vertex indices).
class IgraphGraph {
 public:
  IgraphGraph(std::size_t node_count, const std::vector<std::pair<std::size_t, std::size_t>>& edges);
  ~IgraphGraph() { igraph_destroy(&graph_); }
  IgraphGraph(const IgraphGraph&) = delete;
  IgraphGraph& operator=(const IgraphGraph&) = delete;
  //! The wrapped graph, read-only (the measures never change it).
  const igraph_t* Get() const { return &graph_; }

 private:
  igraph_t graph_;
};

}  // namespace linkage
