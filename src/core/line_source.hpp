// core/line_source.hpp
// Reads a text file line by line, plain or gzip-compressed, and knows where it is.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace linkage {

//! Text encoding of a source file; Latin-1 files are converted to UTF-8 as they are read.
enum class Encoding { kUtf8, kLatin1 };

//! The longest line a source file may have: far above any real row, far below what would exhaust memory (a
//! gzip bomb of one 1 GiB line).
inline constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;

//! Streams the lines of a file (transparently gunzipping a gzip file, whatever its name), stripping CR and a
//! UTF-8 BOM. A truncated or corrupt gzip stream, bytes after its end, a line longer than kMaxLineBytes or a
//! NUL byte in a line is an InputError naming the file and the line.
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
  // Refills buffer_ with the next decompressed (or plain) bytes; false at the end of the file.
  bool Fill();
  // Reads the next block of the file itself into input_; false at the end of the file.
  bool ReadInput();
  [[noreturn]] void Damaged(const std::string& problem, const std::string& expected) const;

  std::string path_;
  Encoding encoding_;
  struct CloseFile {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  std::unique_ptr<std::FILE, CloseFile> file_;
  bool compressed_ = false;
  bool stream_ended_ = false;  // the last gzip member ended; only another member may follow
  z_stream stream_{};
  std::vector<unsigned char> input_;
  std::size_t line_number_ = 0;
  std::string buffer_;
  std::size_t start_ = 0;  // the unread part of buffer_ is [start_, end_)
  std::size_t end_ = 0;
  bool at_end_ = false;
};

}  // namespace linkage
