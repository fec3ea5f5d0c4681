#include "core/line_source.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/error.hpp"
#include "core/text.hpp"

namespace linkage {

LineSource::LineSource(const std::string& path, Encoding encoding) : path_(path), encoding_(encoding) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    throw InputError({path}, "is a directory", "a CSV file");
  }
  // gzopen reads uncompressed files transparently, so one code path serves both kinds.
  gz_ = gzopen(path.c_str(), "rb");
  if (gz_ == nullptr) {
    throw InputError({path}, std::string("cannot open file: ") + std::strerror(errno), "a readable file");
  }
  gzbuffer(gz_, 1 << 17);
  buffer_.resize(1 << 16);
}

LineSource::~LineSource() {
  if (gz_ != nullptr) gzclose(gz_);
}

void LineSource::ThrowIfDamaged() {
  int status = Z_OK;
  const char* message = gzerror(gz_, &status);
  if (status != Z_OK && status != Z_STREAM_END) {
    throw InputError({path_, line_number_ + 1}, std::string("the compressed stream is damaged: ") + message,
                     "a complete gzip file (was it truncated while copying?)");
  }
}

bool LineSource::ReadRaw(std::string& line) {
  line.clear();
  // Lines are cut at '\n' in blocks read with gzread, never with C string functions: a NUL byte inside a line
  // stays in it (and is refused by ReadLine) instead of cutting the line short.
  while (true) {
    if (start_ == end_) {
      if (at_end_) return !line.empty();
      const int read = gzread(gz_, buffer_.data(), static_cast<unsigned>(buffer_.size()));
      if (read <= 0) {
        ThrowIfDamaged();
        at_end_ = true;
        return !line.empty();
      }
      start_ = 0;
      end_ = static_cast<std::size_t>(read);
    }
    const char* begin = buffer_.data() + start_;
    const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', end_ - start_));
    const std::size_t take =
        newline != nullptr ? static_cast<std::size_t>(newline - begin) + 1 : end_ - start_;
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
