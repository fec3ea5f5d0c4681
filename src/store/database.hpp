// store/database.hpp
// A thin RAII layer over SQLite: connections, prepared statements and transactions that roll back unless
// committed.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace linkage {

class Database;

//! A prepared statement. Bind parameters by 1-based index, Step() through rows, Reset() to reuse.
class Statement {
 public:
  Statement(Database& database, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;

  //! Binds a value; an empty optional binds NULL.
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, std::optional<double> value);
  //! Binds the text, or NULL for nullopt.
  Statement& Bind(int index, const std::optional<std::string>& value);
  Statement& BindNull(int index);
  //! Advances to the next row; false when the statement is done.
  bool Step();
  //! Runs a statement that returns no rows, then resets it for reuse.
  void Run();
  //! Clears bindings and rewinds.
  void Reset();

  //! How many columns the statement's rows have.
  int ColumnCount() const;
  //! Column values of the current row (0-based).
  bool IsNull(int column) const;
  std::int64_t Int(int column) const;
  double Real(int column) const;
  std::optional<double> OptionalReal(int column) const;
  std::string Text(int column) const;
  //! The text without a copy, valid until the next Step or Reset (empty for NULL).
  std::string_view TextView(int column) const;
  //! The storage class of the value: SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL.
  int Type(int column) const;
  //! The text, or nullopt for NULL.
  std::optional<std::string> OptionalText(int column) const;

 private:
  Database* database_;
  sqlite3_stmt* statement_ = nullptr;
};

//! A connection to one workspace file, used by one thread at a time (its cache of statements is its own);
//! threads that read at once open a connection each.
class Database {
 public:
  //! Opens (and with `create`, creates) the file; StoreError when impossible.
  Database(const std::string& path, bool create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  //! Runs one or more statements that return no rows.
  void Execute(std::string_view sql);
  //! Runs a query that returns one integer (0 when it returns no row).
  std::int64_t QueryInt(std::string_view sql);
  //! The id of the last inserted row.
  std::int64_t LastInsertId() const;
  //! The underlying handle, for Statement.
  sqlite3* Handle() const { return handle_; }
  //! The file this connection opened.
  const std::string& Path() const { return path_; }
  //! Throws a StoreError with SQLite's last message.
  [[noreturn]] void Fail(std::string_view what) const;

 private:
  friend class CachedStatement;
  // A prepared statement kept for the connection's life, and whether a CachedStatement holds it.
  struct CacheEntry {
    std::unique_ptr<Statement> statement;
    bool in_use = false;
  };

  sqlite3* handle_ = nullptr;
  std::string path_;
  // Statements the indicators run thousands of times, prepared once (parsing is a third of a panel's time
  // otherwise); keyed by their SQL.
  std::unordered_map<std::string, CacheEntry> statements_;
};

//! A statement from the connection's cache, prepared on first use and reset (bindings cleared, read
//! snapshot released) when this handle ends. Used where the same query runs per dyad and year. A statement
//! already held further up the stack is prepared afresh rather than shared.
class CachedStatement {
 public:
  CachedStatement(Database& database, std::string_view sql);
  ~CachedStatement();
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;

  Statement& operator*() { return *statement_; }
  Statement* operator->() { return statement_; }

 private:
  std::unique_ptr<Statement> own_;  // the fresh statement when the cached one is held
  Statement* statement_ = nullptr;
  bool* in_use_ = nullptr;
};

//! BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless Commit() was called. Every import runs in
//! one, so a failed or interrupted import leaves the workspace as it was.
class Transaction {
 public:
  explicit Transaction(Database& database);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  //! Makes the changes durable.
  void Commit();

 private:
  Database& database_;
  bool done_ = false;
};

}  // namespace linkage
