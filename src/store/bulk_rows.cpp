#include "store/bulk_rows.hpp"

#include <fmt/format.h>

#include <cassert>
#include <memory>
#include <new>

#include "store/database.hpp"

namespace linkage {

namespace {

// The table's name, and the type tag SQLite checks when it hands the rows' pointer to the table.
constexpr const char* kTableName = "linkage_bulk_rows";
constexpr const char* kPointerType = "linkage::BulkRows";
// The hidden column a statement passes the rows through: WHERE batch = ?.
constexpr int kBatchColumn = kMaxBulkColumns;

struct Cursor {
  sqlite3_vtab_cursor base{};
  const BulkRows* rows = nullptr;
  std::size_t row = 0;
};

int Connect(sqlite3* handle, void* /*client*/, int /*argc*/, const char* const* /*argv*/,
            sqlite3_vtab** table, char** /*error*/) {
  const int status = sqlite3_declare_vtab(
      handle,
      "CREATE TABLE x(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, batch HIDDEN)");
  if (status != SQLITE_OK) return status;
  auto* created = new (std::nothrow) sqlite3_vtab();
  if (created == nullptr) return SQLITE_NOMEM;
  *table = created;
  return SQLITE_OK;
}

int Disconnect(sqlite3_vtab* table) {
  delete table;
  return SQLITE_OK;
}

// The only plan: the rows come through `batch = ?`, read once from the first to the last.
int BestIndex(sqlite3_vtab* /*table*/, sqlite3_index_info* info) {
  for (int i = 0; i < info->nConstraint; ++i) {
    const auto& constraint = info->aConstraint[i];
    if (constraint.iColumn == kBatchColumn && constraint.op == SQLITE_INDEX_CONSTRAINT_EQ &&
        constraint.usable != 0) {
      info->aConstraintUsage[i].argvIndex = 1;
      info->aConstraintUsage[i].omit = 1;
      info->estimatedCost = 1;
      return SQLITE_OK;
    }
  }
  return SQLITE_CONSTRAINT;
}

int Open(sqlite3_vtab* /*table*/, sqlite3_vtab_cursor** cursor) {
  auto* opened = new (std::nothrow) Cursor();
  if (opened == nullptr) return SQLITE_NOMEM;
  *cursor = &opened->base;
  return SQLITE_OK;
}

int Close(sqlite3_vtab_cursor* cursor) {
  delete reinterpret_cast<Cursor*>(cursor);
  return SQLITE_OK;
}

int Filter(sqlite3_vtab_cursor* base, int /*plan*/, const char* /*plan_text*/, int argc,
           sqlite3_value** argv) {
  auto* cursor = reinterpret_cast<Cursor*>(base);
  cursor->rows =
      argc > 0 ? static_cast<const BulkRows*>(sqlite3_value_pointer(argv[0], kPointerType)) : nullptr;
  cursor->row = 0;
  return SQLITE_OK;
}

int Next(sqlite3_vtab_cursor* base) {
  ++reinterpret_cast<Cursor*>(base)->row;
  return SQLITE_OK;
}

int Eof(sqlite3_vtab_cursor* base) {
  const auto* cursor = reinterpret_cast<Cursor*>(base);
  return cursor->rows == nullptr || cursor->row >= cursor->rows->Count() ? 1 : 0;
}

int Column(sqlite3_vtab_cursor* base, sqlite3_context* context, int column) {
  const auto* cursor = reinterpret_cast<Cursor*>(base);
  if (column >= kBatchColumn) {
    sqlite3_result_null(context);
    return SQLITE_OK;
  }
  const BulkCell cell = cursor->rows->Cell(cursor->row, column);
  if (const auto* number = std::get_if<std::int64_t>(&cell)) {
    sqlite3_result_int64(context, *number);
  } else if (const auto* real = std::get_if<double>(&cell)) {
    sqlite3_result_double(context, *real);
  } else if (const auto* text = std::get_if<std::string_view>(&cell)) {
    // The rows outlive the statement (BulkRows), so SQLite need not copy the text.
    sqlite3_result_text(context, text->data(), static_cast<int>(text->size()), SQLITE_STATIC);
  } else {
    sqlite3_result_null(context);
  }
  return SQLITE_OK;
}

int Rowid(sqlite3_vtab_cursor* base, sqlite3_int64* rowid) {
  *rowid = static_cast<sqlite3_int64>(reinterpret_cast<Cursor*>(base)->row);
  return SQLITE_OK;
}

// Eponymous only (no xCreate): the table exists on every connection without a CREATE VIRTUAL TABLE, and
// nothing of it is ever written to the file.
constexpr sqlite3_module kModule = {
    /*iVersion=*/0,
    /*xCreate=*/nullptr,
    /*xConnect=*/Connect,
    /*xBestIndex=*/BestIndex,
    /*xDisconnect=*/Disconnect,
    /*xDestroy=*/nullptr,
    /*xOpen=*/Open,
    /*xClose=*/Close,
    /*xFilter=*/Filter,
    /*xNext=*/Next,
    /*xEof=*/Eof,
    /*xColumn=*/Column,
    /*xRowid=*/Rowid,
    /*xUpdate=*/nullptr,
    /*xBegin=*/nullptr,
    /*xSync=*/nullptr,
    /*xCommit=*/nullptr,
    /*xRollback=*/nullptr,
    /*xFindFunction=*/nullptr,
    /*xRename=*/nullptr,
    /*xSavepoint=*/nullptr,
    /*xRelease=*/nullptr,
    /*xRollbackTo=*/nullptr,
    /*xShadowName=*/nullptr,
};

// A statement prepared on `database`, finalized when it goes.
std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> Prepare(Database& database, const std::string& sql,
                                                              const BulkRows& rows) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(database.Handle(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    database.Fail(fmt::format("preparing '{}'", sql));
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
  // SQLite only reads the rows, but its pointer interface takes a non-const pointer.
  if (sqlite3_bind_pointer(statement.get(), 1, const_cast<BulkRows*>(&rows), kPointerType, nullptr) !=
      SQLITE_OK) {
    database.Fail("binding the rows");
  }
  return statement;
}

}  // namespace

void RegisterBulkRows(sqlite3* handle) {
  sqlite3_create_module_v2(handle, kTableName, &kModule, nullptr, nullptr);
}

void BulkInsert(Database& database, std::string_view table, const std::vector<std::string>& columns,
                const BulkRows& rows) {
  assert(!columns.empty() && static_cast<int>(columns.size()) <= kMaxBulkColumns);
  if (rows.Count() == 0) return;
  std::string selected;
  for (std::size_t i = 0; i < columns.size(); ++i) selected += fmt::format("{}c{}", i == 0 ? "" : ", ", i);
  const std::string sql = fmt::format("INSERT INTO {} ({}) SELECT {} FROM {} WHERE batch = ?", table,
                                      fmt::join(columns, ", "), selected, kTableName);
  const auto statement = Prepare(database, sql, rows);
  if (sqlite3_step(statement.get()) != SQLITE_DONE) database.Fail(fmt::format("running '{}'", sql));
}

std::vector<std::size_t> BulkFindStored(Database& database, std::string_view table,
                                        const std::vector<std::string>& key_columns, const BulkRows& rows) {
  assert(!key_columns.empty() && static_cast<int>(key_columns.size()) <= kMaxBulkColumns);
  std::vector<std::size_t> found;
  if (rows.Count() == 0) return found;
  std::string matches;
  for (std::size_t i = 0; i < key_columns.size(); ++i) {
    matches += fmt::format("{}t.{} = b.c{}", i == 0 ? "" : " AND ", key_columns[i], i);
  }
  const std::string sql =
      fmt::format("SELECT b.rowid FROM {} AS b WHERE b.batch = ? AND EXISTS (SELECT 1 FROM {} AS t WHERE {})",
                  kTableName, table, matches);
  const auto statement = Prepare(database, sql, rows);
  int status = SQLITE_ROW;
  while ((status = sqlite3_step(statement.get())) == SQLITE_ROW) {
    found.push_back(static_cast<std::size_t>(sqlite3_column_int64(statement.get(), 0)));
  }
  if (status != SQLITE_DONE) database.Fail(fmt::format("running '{}'", sql));
  return found;
}

}  // namespace linkage
