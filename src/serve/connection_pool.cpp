#include "serve/connection_pool.hpp"

namespace linkage {

namespace {

std::unique_ptr<Database> QueryOnly(std::unique_ptr<Database> database) {
  // The Database class opens read-write (it migrates old workspaces); this makes SQLite refuse any change
  // a reader might attempt.
  database->Execute("PRAGMA query_only = ON");
  return database;
}

}  // namespace

ConnectionPool::Lease::~Lease() {
  if (connection_) pool_->Return(std::move(connection_));
}

ConnectionPool::ConnectionPool(std::unique_ptr<Database> first, std::size_t max_connections)
    : path_(first->Path()), max_connections_(max_connections) {
  if (path_.empty() || path_ == ":memory:") max_connections_ = 1;
  idle_.push_back(QueryOnly(std::move(first)));
}

ConnectionPool::Lease ConnectionPool::Acquire() {
  std::unique_lock lock(mutex_);
  if (idle_.empty() && opened_ < max_connections_) {
    ++opened_;
    lock.unlock();
    try {
      return Lease(*this, QueryOnly(std::make_unique<Database>(path_, false)));
    } catch (...) {
      lock.lock();
      --opened_;
      throw;
    }
  }
  returned_.wait(lock, [this] { return !idle_.empty(); });
  auto connection = std::move(idle_.back());
  idle_.pop_back();
  return Lease(*this, std::move(connection));
}

void ConnectionPool::Return(std::unique_ptr<Database> connection) {
  {
    const std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  returned_.notify_one();
}

}  // namespace linkage
