#include "engine/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace linkage::engine {

MappedFile::MappedFile(const std::string& path, Access access) {
  const int descriptor = ::open(path.c_str(), O_RDONLY);
  if (descriptor < 0) {
    problem_ = std::strerror(errno);
    return;
  }
  struct stat status {};
  if (::fstat(descriptor, &status) == 0 && status.st_size > 0) {
    size_ = static_cast<std::size_t>(status.st_size);
    // MAP_POPULATE maps the page-cache pages up front instead of faulting them in one by one.
    const int flags = access == Access::kPopulate ? MAP_PRIVATE | MAP_POPULATE : MAP_PRIVATE;
    void* mapped = ::mmap(nullptr, size_, PROT_READ, flags, descriptor, 0);
    if (mapped == MAP_FAILED) {  // NOLINT(performance-no-int-to-ptr)
      problem_ = std::strerror(errno);
    } else {
      data_ = static_cast<const char*>(mapped);
      if (access == Access::kSequential) ::madvise(mapped, size_, MADV_SEQUENTIAL);
    }
  }
  ::close(descriptor);
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
}

}  // namespace linkage::engine
