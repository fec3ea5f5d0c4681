#include "core/line_source.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/error.hpp"
#include "core/text.hpp"

namespace linkage {

namespace {

constexpr std::size_t kBlockBytes = std::size_t{1} << 17;
constexpr unsigned char kGzipMagic0 = 0x1f;
constexpr unsigned char kGzipMagic1 = 0x8b;
constexpr int kGzipWindowBits = 15 + 16;  // a gzip wrapper around a 32 KiB deflate window

}  // namespace

LineSource::LineSource(const std::string& path, Encoding encoding) : path_(path), encoding_(encoding) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    throw InputError({path}, "is a directory", "a CSV file");
  }
  file_.reset(std::fopen(path.c_str(), "rb"));
  if (file_ == nullptr) {
    throw InputError({path}, std::string("cannot open file: ") + std::strerror(errno), "a readable file");
  }
  input_.resize(kBlockBytes);
  buffer_.resize(kBlockBytes);
  // The content decides, not the name: a gzip file starts with its magic bytes.
  const bool any = ReadInput();
  compressed_ = any && stream_.avail_in >= 2 && input_[0] == kGzipMagic0 && input_[1] == kGzipMagic1;
  if (compressed_ && inflateInit2(&stream_, kGzipWindowBits) != Z_OK) {
    throw InputError({path}, "cannot start decompressing the file (out of memory?)", "a readable gzip file");
  }
}

LineSource::~LineSource() {
  if (compressed_) inflateEnd(&stream_);
}

void LineSource::Damaged(const std::string& problem, const std::string& expected) const {
  throw InputError({path_, line_number_ + 1}, problem, expected);
}

bool LineSource::ReadInput() {
  const std::size_t read = std::fread(input_.data(), 1, input_.size(), file_.get());
  if (read == 0 && std::ferror(file_.get()) != 0) {
    Damaged(std::string("cannot read the file: ") + std::strerror(errno), "a readable file");
  }
  stream_.next_in = input_.data();
  stream_.avail_in = static_cast<uInt>(read);
  return read > 0;
}

bool LineSource::Fill() {
  start_ = 0;
  end_ = 0;
  if (!compressed_) {
    if (stream_.avail_in == 0 && !ReadInput()) return false;
    std::memcpy(buffer_.data(), stream_.next_in, stream_.avail_in);
    end_ = stream_.avail_in;
    stream_.avail_in = 0;
    return true;
  }
  while (end_ == 0) {
    if (stream_.avail_in == 0 && !ReadInput()) {
      if (stream_ended_) return false;
      Damaged("the compressed stream is damaged: it ends early",
              "a complete gzip file (was it truncated while copying?)");
    }
    if (stream_ended_) {
      // After a member's trailer, only another member may follow (gzip files may be concatenated).
      if (stream_.avail_in < 2 && std::feof(file_.get()) == 0) {
        // The second magic byte is in the next block: keep the first and read on.
        input_[0] = *stream_.next_in;
        const std::size_t read = std::fread(input_.data() + 1, 1, input_.size() - 1, file_.get());
        stream_.next_in = input_.data();
        stream_.avail_in = static_cast<uInt>(read + 1);
      }
      if (stream_.avail_in < 2 || stream_.next_in[0] != kGzipMagic0 || stream_.next_in[1] != kGzipMagic1) {
        Damaged("bytes follow the end of the compressed stream",
                "a gzip file that ends where its stream ends (was something appended to it?)");
      }
      inflateReset(&stream_);
      stream_ended_ = false;
    }
    stream_.next_out = reinterpret_cast<Bytef*>(buffer_.data());
    stream_.avail_out = static_cast<uInt>(buffer_.size());
    const int status = inflate(&stream_, Z_NO_FLUSH);
    if (status == Z_STREAM_END) {
      stream_ended_ = true;
    } else if (status != Z_OK && status != Z_BUF_ERROR) {
      Damaged(
          fmt::format("the compressed stream is damaged: {}", stream_.msg != nullptr ? stream_.msg : "error"),
          "a complete gzip file (was it truncated while copying?)");
    }
    end_ = buffer_.size() - stream_.avail_out;
  }
  return true;
}

bool LineSource::ReadRaw(std::string& line) {
  line.clear();
  // Lines are cut at '\n' in decompressed blocks, never with C string functions: a NUL byte inside a line
  // stays in it (and is refused by ReadLine) instead of cutting the line short.
  while (true) {
    if (start_ == end_) {
      if (at_end_) return !line.empty();
      if (!Fill()) {
        at_end_ = true;
        return !line.empty();
      }
    }
    const char* begin = buffer_.data() + start_;
    const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', end_ - start_));
    const std::size_t take =
        newline != nullptr ? static_cast<std::size_t>(newline - begin) + 1 : end_ - start_;
    if (line.size() + take > kMaxLineBytes + 2) {
      Damaged(fmt::format("the line is longer than {} MiB", kMaxLineBytes >> 20),
              "rows of a table (is this a text file? a compressed file that expands to one huge line is "
              "refused)");
    }
    line.append(begin, take);
    start_ += take;
    if (newline != nullptr) return true;
  }
}

bool LineSource::ReadLine(std::string& line) {
  if (!ReadRaw(line)) return false;
  ++line_number_;
  if (!line.empty() && line.back() == '\n') line.pop_back();
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (const auto nul = line.find('\0'); nul != std::string::npos) {
    throw InputError({path_, line_number_, nul + 1}, "a NUL byte in the line",
                     "text: a NUL byte means the file is binary or damaged (no row is read past it)");
  }
  if (line_number_ == 1 && text::StartsWith(line, "\xEF\xBB\xBF")) line.erase(0, 3);
  if (encoding_ == Encoding::kLatin1) line = text::Latin1ToUtf8(line);
  return true;
}

}  // namespace linkage
