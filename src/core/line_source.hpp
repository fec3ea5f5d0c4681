// core/line_source.hpp
// Reads a text file line by line, plain or gzip-compressed, and knows where it is.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <cstdio>
#include <string>

namespace linkage {

//! Text encoding of a source file; Latin-1 files are converted to UTF-8 as they are read.
enum class Encoding { kUtf8, kLatin1 };

//! Streams the lines of a file (transparently gunzipping a .gz file), stripping CR and a UTF-8 BOM.
//! A truncated or corrupt gzip stream, or a NUL byte in a line, is an InputError naming the file and the
//! line.
class LineSource {
 public:
  explicit LineSource(const std::string& path, Encoding encoding = Encoding::kUtf8);
  ~LineSource();
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;

  //! Reads the next line into `line`; false at the end of the file.
  bool ReadLine(std::string& line);
  //! The 1-based number of the line last read.
  std::size_t LineNumber() const { return line_number_; }
  //! The path the lines come from.
  const std::string& Path() const { return path_; }

 private:
  bool ReadRaw(std::string& line);
  // An InputError when zlib reports a damaged or truncated stream.
  void ThrowIfDamaged();

  std::string path_;
  Encoding encoding_;
  gzFile gz_ = nullptr;
  std::size_t line_number_ = 0;
  std::string buffer_;
  std::size_t start_ = 0;  // the unread part of buffer_ is [start_, end_)
  std::size_t end_ = 0;
  bool at_end_ = false;
};

}  // namespace linkage
