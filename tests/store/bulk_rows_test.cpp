// Rows handed to SQLite at once (store/bulk_rows.hpp) read back exactly as given, and a batch that breaks a
// key fails whole.
#include "store/bulk_rows.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"
#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

// Rows of (number, text, real or NULL) in memory.
class Rows : public BulkRows {
 public:
  using Row = std::tuple<std::int64_t, std::string, std::optional<double>>;
  explicit Rows(std::vector<Row> rows) : rows_(std::move(rows)) {}
  std::size_t Count() const override { return rows_.size(); }
  BulkCell Cell(std::size_t row, int column) const override {
    const auto& [number, text, real] = rows_[row];
    if (column == 0) return number;
    if (column == 1) return std::string_view(text);
    return real ? BulkCell(*real) : BulkCell();
  }

 private:
  std::vector<Row> rows_;
};

class BulkRowsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<Database>(scratch_.File("bulk.db"), true);
    db_->Execute(
        "CREATE TABLE t (n INTEGER NOT NULL, s TEXT NOT NULL, r REAL, PRIMARY KEY (n, s)) WITHOUT ROWID");
  }
  //! The table as "n s r" lines in key order.
  std::string Dump() {
    Statement rows(*db_, "SELECT n, s, typeof(r), r FROM t ORDER BY n, s");
    std::string out;
    while (rows.Step()) {
      out += std::to_string(rows.Int(0)) + " " + rows.Text(1) + " " + rows.Text(2) +
             (rows.IsNull(3) ? "" : " " + rows.Text(3)) + "\n";
    }
    return out;
  }
  testing::TempDir scratch_;
  std::unique_ptr<Database> db_;
};

TEST_F(BulkRowsTest, InsertsEveryCellAsGiven) {
  BulkInsert(*db_, "t", {"n", "s", "r"},
             Rows({{2, "KAZ", 1.5}, {1, "CHN", std::nullopt}, {2, "AFG", -0.25}}));
  EXPECT_EQ(Dump(), "1 CHN null\n2 AFG real -0.25\n2 KAZ real 1.5\n");
  BulkInsert(*db_, "t", {"n", "s", "r"}, Rows({}));  // nothing to do
  EXPECT_EQ(db_->QueryInt("SELECT count(*) FROM t"), 3);
}

TEST_F(BulkRowsTest, FindsTheRowsWhoseKeyIsStored) {
  BulkInsert(*db_, "t", {"n", "s", "r"}, Rows({{1, "CHN", 1.0}, {2, "KAZ", 2.0}}));
  const Rows probe({{2, "KAZ", 9.0}, {2, "CHN", 1.0}, {1, "CHN", std::nullopt}, {3, "KAZ", 2.0}});
  EXPECT_EQ(BulkFindStored(*db_, "t", {"n", "s"}, probe), (std::vector<std::size_t>{0, 2}));
  EXPECT_TRUE(BulkFindStored(*db_, "t", {"n", "s"}, Rows({})).empty());
}

TEST_F(BulkRowsTest, ABatchThatBreaksAKeyFailsWhole) {
  BulkInsert(*db_, "t", {"n", "s", "r"}, Rows({{1, "CHN", 1.0}}));
  Transaction transaction(*db_);
  EXPECT_THROW(BulkInsert(*db_, "t", {"n", "s", "r"}, Rows({{0, "RUS", 3.0}, {1, "CHN", 2.0}})), StoreError);
  // The statement is undone as a whole: the row before the one that broke the key is not left behind.
  EXPECT_EQ(Dump(), "1 CHN real 1.0\n");
}

}  // namespace
}  // namespace linkage
