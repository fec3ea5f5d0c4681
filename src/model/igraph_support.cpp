#include "model/igraph_support.hpp"

#include <fmt/format.h>

#include <mutex>

namespace linkage {

namespace {

// igraph's default handler aborts the process and its default warning handler prints to stderr; Linkage
// reports failures through its own typed errors and says in its output what a measure means when it is
// degenerate (no edges, no triples).
void QuietIgraph() {
  static std::once_flag once;
  std::call_once(once, [] {
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
  });
}

}  // namespace

std::unique_lock<std::mutex> LockIgraph() {
  static std::mutex igraph_mutex;
  return std::unique_lock<std::mutex>(igraph_mutex);
}

void CheckIgraph(igraph_error_t code, const char* what) {
  if (code != IGRAPH_SUCCESS) {
    throw NetworkError(fmt::format("igraph could not compute {}: {}", what, igraph_strerror(code)));
  }
}

IgraphVector::IgraphVector(std::size_t size) {
  QuietIgraph();
  CheckIgraph(igraph_vector_init(&vector_, static_cast<igraph_integer_t>(size)), "a vector");
}

IgraphVector::IgraphVector(const std::vector<double>& values) : IgraphVector(values.size()) {
  for (std::size_t i = 0; i < values.size(); ++i) VECTOR(vector_)[i] = values[i];
}

IgraphIntVector::IgraphIntVector(std::size_t size) {
  QuietIgraph();
  CheckIgraph(igraph_vector_int_init(&vector_, static_cast<igraph_integer_t>(size)), "a vector");
}

IgraphGraph::IgraphGraph(std::size_t node_count,
                         const std::vector<std::pair<std::size_t, std::size_t>>& edges) {
  QuietIgraph();
  IgraphIntVector ends(2 * edges.size());
  for (std::size_t k = 0; k < edges.size(); ++k) {
    ends.Set(2 * k, static_cast<igraph_integer_t>(edges[k].first));
    ends.Set(2 * k + 1, static_cast<igraph_integer_t>(edges[k].second));
  }
  CheckIgraph(
      igraph_create(&graph_, ends.Get(), static_cast<igraph_integer_t>(node_count), IGRAPH_UNDIRECTED),
      "the graph");
}

}  // namespace linkage
