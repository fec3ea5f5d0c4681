#include "engine/column_cache.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "core/error.hpp"
#include "engine/mapped_file.hpp"

namespace linkage::engine {

namespace {

constexpr std::array<char, 8> kMagic = {'L', 'N', 'K', 'C', 'O', 'L', 'S', '\0'};
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::size_t kEndBytes = std::size_t{64} * 1024;
constexpr std::size_t kBytesPerRow = 4 * sizeof(std::int32_t) + sizeof(double);

// The fixed header at the start of a cache file (little-endian, as written by x86-64 and arm64).
struct Header {
  std::array<char, 8> magic = kMagic;
  std::uint32_t version = kFormatVersion;
  std::uint32_t header_size = sizeof(Header);
  std::uint64_t rows = 0;
  std::uint64_t source_size = 0;
  std::int64_t source_mtime_ns = 0;
  std::uint64_t source_ends_hash = 0;  // XXH3 of the source's first and last 64 KiB
  std::uint64_t payload_hash = 0;      // XXH3 of the columns, in file order
  std::uint64_t header_hash = 0;       // XXH3 of the header bytes before this field
};

// Who the source file is: size, modification time and a hash of both ends.
struct SourceIdentity {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t ends_hash = 0;
};

SourceIdentity Identify(const std::string& source) {
  struct stat status {};
  if (::stat(source.c_str(), &status) != 0) {
    throw InputError({source, 0, 0, ""}, "cannot read the file", "an existing file");
  }
  SourceIdentity identity;
  identity.size = static_cast<std::uint64_t>(status.st_size);
  identity.mtime_ns = static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1000000000 + status.st_mtim.tv_nsec;
  std::ifstream in(source, std::ios::binary);
  std::vector<char> buffer(std::min<std::uint64_t>(identity.size, kEndBytes));
  in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  XXH3_64bits_update(state, buffer.data(), buffer.size());
  if (identity.size > kEndBytes) {
    in.seekg(static_cast<std::streamoff>(identity.size - buffer.size()));
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    XXH3_64bits_update(state, buffer.data(), buffer.size());
  }
  identity.ends_hash = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return identity;
}

std::uint64_t HeaderHash(const Header& header) {
  return XXH3_64bits(&header, offsetof(Header, header_hash));
}

template <typename T>
std::span<const T> View(const char*& at, std::uint64_t rows) {
  const std::span<const T> view(reinterpret_cast<const T*>(at), rows);
  at += rows * sizeof(T);
  return view;
}

// The cached columns, or nullopt with the reason they cannot be used.
std::optional<FlowColumns> ReadCache(const std::string& path, const SourceIdentity& source,
                                     std::string& reason) {
  if (!std::filesystem::exists(path)) {
    reason = "no cache yet";
    return std::nullopt;
  }
  auto mapping = std::make_shared<MappedFile>(path, Access::kPopulate);
  Header header;
  if (mapping->Size() < sizeof(Header)) {
    reason = "the cache file is not a Linkage column cache";
    return std::nullopt;
  }
  std::memcpy(&header, mapping->Data(), sizeof(Header));
  if (header.magic != kMagic) {
    reason = "the cache file is not a Linkage column cache";
    return std::nullopt;
  }
  if (header.version != kFormatVersion || header.header_size != sizeof(Header)) {
    reason =
        fmt::format("the cache has format version {} (this build writes {})", header.version, kFormatVersion);
    return std::nullopt;
  }
  if (HeaderHash(header) != header.header_hash) {
    reason = "the cache header is damaged (checksum mismatch)";
    return std::nullopt;
  }
  if (header.source_size != source.size || header.source_mtime_ns != source.mtime_ns ||
      header.source_ends_hash != source.ends_hash) {
    reason = "the source file changed since the cache was written";
    return std::nullopt;
  }
  // Compare the row count with what the file can hold before multiplying, so a forged count cannot overflow.
  const std::uint64_t room = (mapping->Size() - sizeof(Header)) / kBytesPerRow;
  const auto expected = sizeof(Header) + std::min<std::uint64_t>(header.rows, room) * kBytesPerRow;
  if (header.rows > room || mapping->Size() != expected) {
    reason =
        fmt::format("the cache is {} bytes for {} rows (truncated or damaged)", mapping->Size(), header.rows);
    return std::nullopt;
  }
  const char* payload = mapping->Data() + sizeof(Header);
  if (XXH3_64bits(payload, header.rows * kBytesPerRow) != header.payload_hash) {
    reason = "the cache is damaged (checksum mismatch)";
    return std::nullopt;
  }
  FlowColumns columns;
  const char* at = payload;
  columns.year = View<std::int32_t>(at, header.rows);
  columns.exporter = View<std::int32_t>(at, header.rows);
  columns.importer = View<std::int32_t>(at, header.rows);
  columns.product = View<std::int32_t>(at, header.rows);
  columns.value = View<double>(at, header.rows);
  columns.storage = std::move(mapping);
  return columns;
}

template <typename T>
void WriteColumn(std::ofstream& out, std::span<const T> column, XXH3_state_t* state) {
  out.write(reinterpret_cast<const char*>(column.data()), static_cast<std::streamsize>(column.size_bytes()));
  XXH3_64bits_update(state, column.data(), column.size_bytes());
}

void WriteCache(const std::string& path, const SourceIdentity& source, const FlowColumns& columns) {
  Header header;
  header.rows = columns.Size();
  header.source_size = source.size;
  header.source_mtime_ns = source.mtime_ns;
  header.source_ends_hash = source.ends_hash;
  const std::string temporary = path + ".writing";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(&header), sizeof(Header));  // completed below
    XXH3_state_t* state = XXH3_createState();
    XXH3_64bits_reset(state);
    WriteColumn(out, columns.year, state);
    WriteColumn(out, columns.exporter, state);
    WriteColumn(out, columns.importer, state);
    WriteColumn(out, columns.product, state);
    WriteColumn(out, columns.value, state);
    header.payload_hash = XXH3_64bits_digest(state);
    XXH3_freeState(state);
    header.header_hash = HeaderHash(header);
    out.seekp(0);
    out.write(reinterpret_cast<const char*>(&header), sizeof(Header));
    if (!out.flush()) {
      out.close();
      std::filesystem::remove(temporary);
      return;  // a cache that cannot be written only costs the next run a parse
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) std::filesystem::remove(temporary, error);
}

}  // namespace

std::string DefaultCacheDir() {
  if (const char* dir = std::getenv("LINKAGE_CACHE_DIR"); dir != nullptr && *dir != '\0') return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    return (std::filesystem::path(xdg) / "linkage").string();
  }
  const char* home = std::getenv("HOME");
  return (std::filesystem::path(home != nullptr ? home : ".") / ".cache" / "linkage").string();
}

FlowColumns LoadOrParse(const std::string& source, const std::string& cache_dir,
                        const std::function<FlowColumns()>& parse, CacheOutcome& outcome) {
  const SourceIdentity identity = Identify(source);
  const std::string absolute = std::filesystem::absolute(source).lexically_normal().string();
  std::error_code error;
  std::filesystem::create_directories(cache_dir, error);
  outcome.path = (std::filesystem::path(cache_dir) /
                  fmt::format("{:016x}.columns", XXH3_64bits(absolute.data(), absolute.size())))
                     .string();
  if (auto cached = ReadCache(outcome.path, identity, outcome.reason)) {
    outcome.hit = true;
    outcome.reason.clear();
    return std::move(*cached);
  }
  FlowColumns columns = parse();
  if (!error) WriteCache(outcome.path, identity, columns);
  return columns;
}

}  // namespace linkage::engine
