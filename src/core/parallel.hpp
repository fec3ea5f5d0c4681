// core/parallel.hpp
// Independent pieces of work spread over the machine's cores: the dyads of a panel, the draws of a
// sensitivity analysis.
#pragma once

#include <cstddef>
#include <functional>

namespace linkage {

//! The threads worth starting for `count` pieces of work: one per core, at most one per piece, at least one.
std::size_t ThreadsFor(std::size_t count);

//! Runs the pieces 0..count-1 on `threads` threads, the calling thread being worker 0. Each worker first
//! calls `start(worker)`, which returns what runs one piece on that worker (so a worker can hold state of its
//! own, such as a database connection), then takes the next piece not yet taken until none is left. The first
//! exception thrown stops the hand-out of pieces and is rethrown here once every worker has stopped.
void RunOnWorkers(std::size_t count, std::size_t threads,
                  const std::function<std::function<void(std::size_t)>(std::size_t worker)>& start);

}  // namespace linkage
