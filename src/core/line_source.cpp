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

bool LineSource::ReadRaw(std::string& line) {
  line.clear();
  while (true) {
    if (gzgets(gz_, buffer_.data(), static_cast<int>(buffer_.size())) == nullptr) {
      int status = Z_OK;
      const char* message = gzerror(gz_, &status);
      if (status != Z_OK && status != Z_STREAM_END) {
        throw InputError({path_, line_number_ + 1},
                         std::string("the compressed stream is damaged: ") + message,
                         "a complete gzip file (was it truncated while copying?)");
      }
      return !line.empty();
    }
    const std::size_t length = std::strlen(buffer_.data());
    line.append(buffer_.data(), length);
    if (length > 0 && line.back() == '\n') return true;
  }
}

bool LineSource::ReadLine(std::string& line) {
  if (!ReadRaw(line)) return false;
  ++line_number_;
  if (!line.empty() && line.back() == '\n') line.pop_back();
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line_number_ == 1 && text::StartsWith(line, "\xEF\xBB\xBF")) line.erase(0, 3);
  if (encoding_ == Encoding::kLatin1) line = text::Latin1ToUtf8(line);
  return true;
}

}  // namespace linkage
