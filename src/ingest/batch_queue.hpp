// ingest/batch_queue.hpp
// A bounded queue of batches between a thread that parses a file and the thread that writes to the workspace,
// so that a streamed import uses two cores while its memory stays bounded by the queue's capacity.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace linkage {

//! Batches of `Item` passed from one producer to one consumer.
template <typename Item>
class BatchQueue {
 public:
  //! At most `capacity` batches wait at once; the producer blocks beyond that.
  explicit BatchQueue(std::size_t capacity) : capacity_(capacity) {}

  //! Hands a batch to the consumer; false when the consumer has cancelled (the producer should stop).
  bool Push(std::vector<Item> batch) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return cancelled_ || batches_.size() < capacity_; });
    if (cancelled_) return false;
    batches_.push_back(std::move(batch));
    ready_.notify_one();
    return true;
  }

  //! The next batch; nullopt once the producer has finished and every batch was taken.
  std::optional<std::vector<Item>> Pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return finished_ || !batches_.empty(); });
    if (batches_.empty()) return std::nullopt;
    std::vector<Item> batch = std::move(batches_.front());
    batches_.pop_front();
    room_.notify_one();
    return batch;
  }

  //! The producer has no more batches.
  void Finish() {
    const std::lock_guard lock(mutex_);
    finished_ = true;
    ready_.notify_all();
  }

  //! The consumer stops early; a waiting or later Push returns false.
  void Cancel() {
    const std::lock_guard lock(mutex_);
    cancelled_ = true;
    room_.notify_all();
  }

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable room_;
  std::deque<std::vector<Item>> batches_;
  bool finished_ = false;
  bool cancelled_ = false;
};

}  // namespace linkage
