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

//! Runs `body(part, begin, end)` over [0, size) cut into at most `threads` contiguous parts (part < threads),
//! every part but the last a whole number of `grain` elements long, so that vectorised code over a part meets
//! the same alignment as over the whole range and computes the same bits. Sizes below `serial_below` run as
//! one part on the calling thread, where starting threads would cost more than it saves.
void ForEachRange(std::size_t size, std::size_t threads, std::size_t grain, std::size_t serial_below,
                  const std::function<void(std::size_t part, std::size_t begin, std::size_t end)>& body);

}  // namespace linkage
