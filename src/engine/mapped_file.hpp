// engine/mapped_file.hpp
// A whole file mapped read-only into memory, for the parser (which reads it once, in order) and the column
// cache (whose columns are used in place).
#pragma once

#include <cstddef>
#include <string>

namespace linkage::engine {

//! How the mapping will be read.
enum class Access {
  kSequential,  //!< read once from start to end: the kernel reads ahead
  kPopulate     //!< used at once in full: every page is mapped up front
};

//! A read-only mapping of `path`. Valid() is false when the file cannot be opened or mapped (or is empty).
class MappedFile {
 public:
  MappedFile(const std::string& path, Access access);
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  //! False when nothing is mapped.
  bool Valid() const { return data_ != nullptr; }
  //! The file's bytes.
  const char* Data() const { return data_; }
  //! The file's size (0 when not mapped).
  std::size_t Size() const { return data_ == nullptr ? 0 : size_; }
  //! Why mapping failed, when it did ("" for an empty file).
  const std::string& Problem() const { return problem_; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
  std::string problem_;
};

}  // namespace linkage::engine
