#include "core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace linkage {

std::size_t ThreadsFor(std::size_t count) {
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  return std::max<std::size_t>(1, std::min(cores, count));
}

void RunOnWorkers(std::size_t count, std::size_t threads,
                  const std::function<std::function<void(std::size_t)>(std::size_t worker)>& start) {
  std::atomic<std::size_t> next{0};
  std::mutex failed;
  std::exception_ptr failure;
  const auto work = [&](std::size_t worker) {
    try {
      const auto run = start(worker);
      for (std::size_t piece = next++; piece < count; piece = next++) run(piece);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(failed);
      if (!failure) failure = std::current_exception();
      next = count;
    }
  };
  std::vector<std::thread> workers;
  for (std::size_t worker = 1; worker < threads; ++worker) workers.emplace_back(work, worker);
  work(0);
  for (auto& worker : workers) worker.join();
  if (failure) std::rethrow_exception(failure);
}

void ForEachRange(std::size_t size, std::size_t threads, std::size_t grain, std::size_t serial_below,
                  const std::function<void(std::size_t part, std::size_t begin, std::size_t end)>& body) {
  grain = std::max<std::size_t>(grain, 1);
  const std::size_t grains = (size + grain - 1) / grain;
  const std::size_t parts = std::min(std::max<std::size_t>(threads, 1), std::max<std::size_t>(grains, 1));
  if (parts <= 1 || size < serial_below) {
    body(0, 0, size);
    return;
  }
  const auto begin_of = [&](std::size_t part) { return std::min(size, grains * part / parts * grain); };
  RunOnWorkers(parts, parts, [&](std::size_t) {
    return std::function<void(std::size_t)>(
        [&](std::size_t part) { body(part, begin_of(part), begin_of(part + 1)); });
  });
}

}  // namespace linkage
