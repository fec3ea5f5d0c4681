#include "store/database.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>

#include "core/error.hpp"
#include "store/bulk_rows.hpp"

namespace linkage {

namespace {

// How long a reader waits for a lock (only a checkpoint or a mode change holds one in WAL mode).
constexpr int kReadWaitMs = 5000;
// How long a writer waits silently for another, then with a message on stderr.
constexpr int kFirstWriteWaitMs = 1000;
constexpr int kWriteWaitMs = 10 * 60 * 1000;

// SQLite's memory statistics take a global mutex on every allocation, a tenth of a workspace build; nothing
// reads them. Set once, before the library's first use.
void ConfigureSqliteOnce() {
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  static_cast<void>(configured);
}

}  // namespace

Database::Database(const std::string& path, bool create) : path_(path) {
  ConfigureSqliteOnce();
  // One thread at a time uses a connection, so SQLite need not take the connection's mutex on every call (a
  // third of the time of a scan that reads a few columns per row).
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &handle_, flags, nullptr) != SQLITE_OK) {
    const std::string message = handle_ != nullptr ? sqlite3_errmsg(handle_) : "out of memory";
    sqlite3_close(handle_);
    handle_ = nullptr;
    throw StoreError(fmt::format("cannot open workspace {}: {}", path, message));
  }
  sqlite3_busy_timeout(handle_, kReadWaitMs);
  RegisterBulkRows(handle_);
  sqlite3_extended_result_codes(handle_, 1);
  // Verifies that the file really is a SQLite database before anything else touches it.
  char* error = nullptr;
  if (sqlite3_exec(handle_, "PRAGMA foreign_keys = ON; SELECT count(*) FROM sqlite_schema;", nullptr, nullptr,
                   &error) != SQLITE_OK) {
    const std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    sqlite3_close(handle_);
    handle_ = nullptr;
    throw StoreError(fmt::format("{} is not a Linkage workspace: {}", path, message));
  }
  // Write-ahead logging lets every command read while an import writes, and a killed import leaves only
  // uncommitted frames that the next open ignores. A file opened read-only (or in memory) keeps its mode.
  if (sqlite3_db_readonly(handle_, "main") == 0 && path != ":memory:" && !path.empty()) {
    Statement mode(*this, "PRAGMA journal_mode");
    if (mode.Step() && mode.Text(0) != "wal" && mode.Text(0) != "off") {
      mode.Reset();
      sqlite3_exec(handle_, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
    }
  }
}

Database::~Database() {
  // A connection with unfinalised statements would not close.
  statements_.clear();
  sqlite3_close(handle_);
}

CachedStatement::CachedStatement(Database& database, std::string_view sql) {
  auto& entry = database.statements_[std::string(sql)];
  if (!entry.statement) entry.statement = std::make_unique<Statement>(database, sql);
  if (entry.in_use) {
    own_ = std::make_unique<Statement>(database, sql);
    statement_ = own_.get();
    return;
  }
  entry.in_use = true;
  in_use_ = &entry.in_use;
  statement_ = entry.statement.get();
}

CachedStatement::~CachedStatement() {
  if (in_use_ == nullptr) return;
  statement_->Reset();
  *in_use_ = false;
}

void Database::Fail(std::string_view what) const {
  const int code = sqlite3_extended_errcode(handle_);
  // SQLite says SQLITE_FULL for ENOSPC only; a quota or a file-size limit fails the write with another errno.
  const int system = sqlite3_system_errno(handle_);
  const bool no_room =
      (code & 0xff) == SQLITE_FULL ||
      ((code & 0xff) == SQLITE_IOERR && (system == ENOSPC || system == EDQUOT || system == EFBIG));
  if (no_room) {
    throw StoreError(
        fmt::format("workspace {}: the disk is full ({}); nothing of this command was written", path_, what));
  }
  if ((code & 0xff) == SQLITE_BUSY) {
    throw StoreError(
        fmt::format("workspace {}: another linkage command is writing to it ({}); try again when "
                    "it has finished",
                    path_, what));
  }
  throw StoreError(fmt::format("workspace {}: {}: {}", path_, what, sqlite3_errmsg(handle_)));
}

void Database::Execute(std::string_view sql) {
  char* error = nullptr;
  const std::string statement(sql);
  if (sqlite3_exec(handle_, statement.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    sqlite3_free(error);
    Fail(statement.size() > 60 ? statement.substr(0, 60) + "..." : statement);
  }
}

std::int64_t Database::QueryInt(std::string_view sql) {
  Statement statement(*this, sql);
  return statement.Step() ? statement.Int(0) : 0;
}

std::int64_t Database::LastInsertId() const {
  return sqlite3_last_insert_rowid(handle_);
}

Statement::Statement(Database& database, std::string_view sql) : database_(&database) {
  if (sqlite3_prepare_v2(database.Handle(), sql.data(), static_cast<int>(sql.size()), &statement_, nullptr) !=
      SQLITE_OK) {
    database.Fail(fmt::format("preparing '{}'", sql));
  }
}

Statement::~Statement() {
  sqlite3_finalize(statement_);
}

Statement::Statement(Statement&& other) noexcept : database_(other.database_), statement_(other.statement_) {
  other.statement_ = nullptr;
}

Statement& Statement::Bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) database_->Fail("binding");
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  if (sqlite3_bind_double(statement_, index, value) != SQLITE_OK) database_->Fail("binding");
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  if (sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) !=
      SQLITE_OK) {
    database_->Fail("binding");
  }
  return *this;
}

Statement& Statement::Bind(int index, std::optional<double> value) {
  return value ? Bind(index, *value) : BindNull(index);
}

Statement& Statement::Bind(int index, const std::optional<std::string>& value) {
  return value ? Bind(index, std::string_view(*value)) : BindNull(index);
}

Statement& Statement::BindNull(int index) {
  if (sqlite3_bind_null(statement_, index) != SQLITE_OK) database_->Fail("binding");
  return *this;
}

bool Statement::Step() {
  const int status = sqlite3_step(statement_);
  if (status == SQLITE_ROW) return true;
  if (status == SQLITE_DONE) return false;
  database_->Fail(fmt::format("running '{}'", sqlite3_sql(statement_)));
}

void Statement::Run() {
  while (Step()) {
  }
  Reset();
}

void Statement::Reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

int Statement::ColumnCount() const {
  return sqlite3_column_count(statement_);
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}
std::int64_t Statement::Int(int column) const {
  return sqlite3_column_int64(statement_, column);
}
double Statement::Real(int column) const {
  return sqlite3_column_double(statement_, column);
}

std::optional<double> Statement::OptionalReal(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Real(column);
}

std::optional<std::string> Statement::OptionalText(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}

std::string_view Statement::TextView(int column) const {
  const auto* value = sqlite3_column_text(statement_, column);
  if (value == nullptr) return {};
  return {reinterpret_cast<const char*>(value),
          static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}
int Statement::Type(int column) const {
  return sqlite3_column_type(statement_, column);
}
std::string Statement::Text(int column) const {
  const auto* value = sqlite3_column_text(statement_, column);
  return value == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(value));
}

Transaction::Transaction(Database& database) : database_(database) {
  // One writer at a time: a second one says that it waits, and gives up with a message after kWriteWaitMs.
  sqlite3* handle = database_.Handle();
  sqlite3_busy_timeout(handle, kFirstWriteWaitMs);
  int status = sqlite3_exec(handle, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  if ((status & 0xff) == SQLITE_BUSY) {
    fmt::print(stderr, "linkage: another command is writing to {}; waiting for it to finish...\n",
               database_.Path());
    std::fflush(stderr);
    sqlite3_busy_timeout(handle, kWriteWaitMs);
    status = sqlite3_exec(handle, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  }
  sqlite3_busy_timeout(handle, kReadWaitMs);
  if (status != SQLITE_OK) database_.Fail("starting to write");
}

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(database_.Handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::Commit() {
  database_.Execute("COMMIT");
  done_ = true;
}

}  // namespace linkage
