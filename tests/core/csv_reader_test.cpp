#include "core/csv_reader.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>

#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

using testing::TempDir;

std::string Write(const TempDir& dir, const std::string& name, const std::string& content) {
  std::ofstream(dir.File(name), std::ios::binary) << content;
  return dir.File(name);
}

TEST(CsvReader, ReadsQuotedFieldsAndCrlf) {
  TempDir dir;
  const auto path =
      Write(dir, "a.csv", "\xEF\xBB\xBFname,value\r\n\"Korea, Rep.\",\"1\"\"2\"\r\n\"multi\nline\",3\r\n");
  CsvReader reader(path);
  CsvRecord record;
  ASSERT_TRUE(reader.Next(record));
  EXPECT_EQ(record.fields[0], "Korea, Rep.");
  EXPECT_EQ(record.fields[1], "1\"2");
  EXPECT_EQ(record.line, 2u);
  ASSERT_TRUE(reader.Next(record));
  EXPECT_EQ(record.fields[0], "multi\nline");
  EXPECT_FALSE(reader.Next(record));
  EXPECT_EQ(reader.Header()[0], "name");
}

TEST(CsvReader, ReportsFieldCountWithLineAndColumn) {
  TempDir dir;
  const auto path = Write(dir, "b.csv", "a,b,c\n1,2,3\n1,2\n");
  CsvReader reader(path);
  CsvRecord record;
  ASSERT_TRUE(reader.Next(record));
  try {
    reader.Next(record);
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.Where().line, 3u);
    EXPECT_EQ(error.Where().column, 3u);
    EXPECT_NE(std::string(error.what()).find("found 2 fields"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("3 fields"), std::string::npos);
  }
}

TEST(CsvReader, ExplainsAWrongDelimiter) {
  TempDir dir;
  const auto path = Write(dir, "c.csv", "a;b;c\n1;2;3\n");
  try {
    CsvReader reader(path);
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.Where().line, 1u);
    EXPECT_NE(std::string(error.what()).find("';'"), std::string::npos);
  }
}

TEST(CsvReader, RejectsAnEmptyFile) {
  TempDir dir;
  const auto path = Write(dir, "d.csv", "");
  EXPECT_THROW(CsvReader reader(path), InputError);
}

TEST(CsvReader, NamesMissingColumns) {
  TempDir dir;
  CsvReader reader(Write(dir, "e.csv", "a,b\n1,2\n"));
  try {
    reader.RequireColumns({"a", "value"});
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("missing column value"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("found: a, b"), std::string::npos);
  }
}

TEST(CsvReader, MissingValuesStayMissing) {
  TempDir dir;
  CsvReader reader(Write(dir, "f.csv", "a,b,c,d\n,NA,.,x\n"));
  CsvRecord record;
  ASSERT_TRUE(reader.Next(record));
  EXPECT_FALSE(reader.OptionalNumber(record, 0).has_value());
  EXPECT_FALSE(reader.OptionalNumber(record, 1).has_value());
  EXPECT_FALSE(reader.OptionalNumber(record, 2).has_value());
  EXPECT_THROW(reader.OptionalNumber(record, 3), InputError);
}

TEST(CsvReader, ReadsGzipAndDetectsTruncation) {
  TempDir dir;
  std::string content = "a,b\n";
  for (int i = 0; i < 20000; ++i) content += std::to_string(i) + ",x" + std::to_string(i * 7) + "\n";
  const std::string path = dir.File("g.csv.gz");
  gzFile out = gzopen(path.c_str(), "wb");
  gzwrite(out, content.data(), static_cast<unsigned>(content.size()));
  gzclose(out);
  {
    CsvReader reader(path);
    CsvRecord record;
    int rows = 0;
    while (reader.Next(record)) ++rows;
    EXPECT_EQ(rows, 20000);
  }
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  CsvReader reader(path);
  CsvRecord record;
  try {
    while (reader.Next(record)) {
    }
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("compressed stream is damaged"), std::string::npos);
    EXPECT_GT(error.Where().line, 1u);
  }
}

TEST(CsvReader, ConvertsLatin1Files) {
  TempDir dir;
  CsvReader reader(Write(dir, "h.csv", "name;x\nC\xF4te d'Ivoire;1\n"),
                   {.delimiter = ';', .encoding = Encoding::kLatin1});
  CsvRecord record;
  ASSERT_TRUE(reader.Next(record));
  EXPECT_EQ(record.fields[0], "C\xC3\xB4te d'Ivoire");
}

}  // namespace
}  // namespace linkage
