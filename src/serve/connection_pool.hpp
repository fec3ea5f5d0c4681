// serve/connection_pool.hpp
// Read-only connections to one workspace, handed to one request at a time: a SQLite connection serves one
// thread at a time, so independent selections run at once, each on its own connection.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace linkage {

//! Connections opened on demand up to a bound, each set to refuse writes (PRAGMA query_only).
class ConnectionPool {
 public:
  //! A connection of the pool for as long as the lease lives.
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Database> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;

    Database& operator*() { return *connection_; }
    Database* operator->() { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Database> connection_;
  };

  //! Starts from `first`; more connections to its file are opened as requests need them, at most
  //! `max_connections` (one only for a database in memory, which no other connection can open).
  ConnectionPool(std::unique_ptr<Database> first, std::size_t max_connections);

  //! An idle connection, a new one, or (at the bound) the first to be returned.
  Lease Acquire();

 private:
  void Return(std::unique_ptr<Database> connection);

  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Database>> idle_;
  std::string path_;
  std::size_t opened_ = 1;
  std::size_t max_connections_;
};

}  // namespace linkage
