#include "fuzz_support.hpp"

#include <unistd.h>

#include <fstream>
#include <string>

namespace linkage::fuzz {

namespace {

// Removes the scratch folder when the process ends normally.
struct Scratch {
  Scratch() {
    path = std::filesystem::temp_directory_path() / ("linkage-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(path);
  }
  ~Scratch() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::filesystem::path path;
};

}  // namespace

const std::filesystem::path& ScratchDir() {
  static const Scratch scratch;
  return scratch.path;
}

std::string WriteInput(const std::uint8_t* data, std::size_t size, const std::string& name) {
  const std::filesystem::path path = ScratchDir() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path.string();
}

}  // namespace linkage::fuzz
