#include "engine/baci_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <optional>
#include <thread>
#include <tuple>
#include <vector>

#include "core/error.hpp"
#include "core/line_source.hpp"
#include "engine/mapped_file.hpp"

namespace linkage::engine {

namespace {

constexpr std::array<const char*, 6> kColumns = {"t", "i", "j", "k", "v", "q"};
constexpr std::string_view kHeader = "t,i,j,k,v,q";

// The first problem a worker met: where (byte offset of the line and the field) and what was expected.
struct ParseProblem {
  std::size_t line_offset = 0;
  std::size_t field_offset = 0;
  std::size_t column = 0;  // 0-based field index
  std::string problem;
  std::string expected;
};

// Powers of ten that doubles hold exactly.
constexpr std::array<double, 23> kExactPowersOfTen = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                      1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                                      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// Parses a decimal number at `at` ("25.623", "-3", "1e5"); returns where it stops, or nullptr when there is
// no number. Plain decimals of up to 15 significant digits take the exact fast path: an integer mantissa
// divided by an exact power of ten rounds once, so the result is the correctly rounded double (Clinger 1990).
// Anything else goes to std::from_chars.
const char* ParseDecimal(const char* at, const char* end, double& out) {
  const char* start = at;
  const bool negative = at < end && *at == '-';
  if (negative) ++at;
  std::uint64_t mantissa = 0;
  int digits = 0;
  int fraction = 0;
  while (at < end && *at >= '0' && *at <= '9') {
    mantissa = mantissa * 10 + static_cast<std::uint64_t>(*at++ - '0');
    ++digits;
  }
  if (at < end && *at == '.') {
    ++at;
    while (at < end && *at >= '0' && *at <= '9') {
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(*at++ - '0');
      ++digits;
      ++fraction;
    }
  }
  if (digits == 0) return nullptr;
  const bool exponent = at < end && (*at == 'e' || *at == 'E');
  if (!exponent && digits <= 15) {
    const double value =
        static_cast<double>(mantissa) / kExactPowersOfTen[static_cast<std::size_t>(fraction)];
    out = negative ? -value : value;
    return at;
  }
  const auto [stop, error] = std::from_chars(start, end, out);
  if (error != std::errc() || !std::isfinite(out)) return nullptr;
  return stop;
}

const char* SkipSpaces(const char* at, const char* end) {
  while (at < end && *at == ' ') ++at;
  return at;
}

// Newlines in [begin, end), eight bytes at a time: a byte of word ^ 0x0a0a... is zero exactly where a newline
// is, and the expression below sets the top bit of exactly the zero bytes; the multiply adds up those bits.
std::size_t CountNewlines(const char* begin, const char* end) {
  constexpr std::uint64_t kNewlines = 0x0a0a0a0a0a0a0a0aULL;
  constexpr std::uint64_t kLow7 = 0x7f7f7f7f7f7f7f7fULL;
  std::size_t count = 0;
  const char* at = begin;
  for (; end - at >= 8; at += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, at, sizeof(word));
    const std::uint64_t x = word ^ kNewlines;
    const std::uint64_t zero_bytes = ~(((x & kLow7) + kLow7) | x | kLow7);
    count += static_cast<std::size_t>(((zero_bytes >> 7) * 0x0101010101010101ULL) >> 56);  // sum of the flags
  }
  return count + static_cast<std::size_t>(std::count(at, end, '\n'));
}

// Parses rows in [begin, end), which starts at a line start and ends after a newline (or at the file's end).
class ChunkParser {
 public:
  ChunkParser(const char* file, const char* begin, const char* end) : file_(file), begin_(begin), end_(end) {}

  //! Lines in the part (an upper bound on its rows: blank lines are skipped).
  std::size_t CountLines() const {
    std::size_t lines = CountNewlines(begin_, end_);
    if (end_ > begin_ && end_[-1] != '\n') ++lines;
    return lines;
  }

  //! Parses the part into `buffers` from row `first` on.
  void Run(ColumnBuffers& buffers, std::size_t first) {
    buffers_ = &buffers;
    next_ = first;
    first_ = first;
    const char* line = begin_;
    while (line < end_) {
      const char* newline =
          static_cast<const char*>(std::memchr(line, '\n', static_cast<std::size_t>(end_ - line)));
      const char* stop = newline == nullptr ? end_ : newline;
      const char* content_end = stop;
      if (content_end > line && content_end[-1] == '\r') --content_end;
      if (content_end > line && !ParseLine(line, content_end)) return;
      line = stop + 1;
    }
  }

  //! Rows written.
  std::size_t Rows() const { return next_ - first_; }
  //! The first malformed row, if any.
  const std::optional<ParseProblem>& Problem() const { return problem_; }

 private:
  bool Fail(const char* line, const char* field, std::size_t column, std::string problem,
            std::string expected) {
    problem_ = ParseProblem{static_cast<std::size_t>(line - file_), static_cast<std::size_t>(field - file_),
                            column, std::move(problem), std::move(expected)};
    return false;
  }

  // One field: [field, field_end) without the surrounding spaces.
  static std::string_view Field(const char* field, const char* field_end) {
    return {field, static_cast<std::size_t>(field_end - field)};
  }

  // The field starting at `field` as text, for messages.
  static std::string_view FieldText(const char* field, const char* end) {
    const char* stop =
        static_cast<const char*>(std::memchr(field, ',', static_cast<std::size_t>(end - field)));
    std::string_view text(field, static_cast<std::size_t>((stop == nullptr ? end : stop) - field));
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
  }

  bool BadField(const char* line, const char* field, const char* end, std::size_t column) {
    // A NUL byte means a binary or damaged file: said as such, at its own column, and never echoed.
    if (const auto* nul =
            static_cast<const char*>(std::memchr(line, '\0', static_cast<std::size_t>(end - line)));
        nul != nullptr) {
      return Fail(line, nul, column, "a NUL byte in the line",
                  "text: a NUL byte means the file is binary or damaged (no row is read past it)");
    }
    const std::string_view text = FieldText(field, end);
    if (column < 4) {
      return Fail(line, field, column, fmt::format("'{}' is not a code", text),
                  column == 0   ? "a year"
                  : column == 3 ? "an HS product code (digits)"
                                : "a numeric country code");
    }
    return Fail(line, field, column, fmt::format("'{}' is not a number", text),
                column == 4 ? "a value in thousand USD, or NA" : "a quantity in tonnes, or NA");
  }

  // One pass over the line: each field is parsed where it stands, without first finding its end.
  bool ParseLine(const char* line, const char* end) {
    std::array<std::int32_t, 4> integers{};
    std::array<double, 2> reals{};
    const char* at = line;
    for (std::size_t column = 0; column < kColumns.size(); ++column) {
      const char* field = at;
      at = SkipSpaces(at, end);
      if (column < 4) {
        std::uint32_t number = 0;
        const char* digits = at;
        while (at < end && *at >= '0' && *at <= '9' && at - digits < 9)
          number = number * 10 + static_cast<std::uint32_t>(*at++ - '0');
        if (at == digits || (at < end && *at >= '0' && *at <= '9')) return BadField(line, field, end, column);
        integers[column] = static_cast<std::int32_t>(number);
      } else if (end - at >= 2 && at[0] == 'N' && at[1] == 'A') {
        reals[column - 4] = std::numeric_limits<double>::quiet_NaN();
        at += 2;
      } else if (const char* stop = ParseDecimal(at, end, reals[column - 4]); stop != nullptr) {
        if (reals[column - 4] < 0) {
          return Fail(line, field, column, fmt::format("'{}' is negative", FieldText(field, end)),
                      column == 4 ? "a value in thousand USD, not negative, or NA"
                                  : "a quantity in tonnes, not negative, or NA");
        }
        at = stop;
      } else {
        return BadField(line, field, end, column);
      }
      at = SkipSpaces(at, end);
      const bool last = column + 1 == kColumns.size();
      if (!last && at == end) {
        return Fail(line, at, column + 1, fmt::format("the row has {} fields", column + 1),
                    "6 fields: t,i,j,k,v,q");
      }
      if (last && at != end) {
        if (*at == ',')
          return Fail(line, at, column + 1, "the row has more than 6 fields", "6 fields: t,i,j,k,v,q");
        return BadField(line, field, end, column);
      }
      if (!last && *at != ',') return BadField(line, field, end, column);
      ++at;
    }
    buffers_->year[next_] = integers[0];
    buffers_->exporter[next_] = integers[1];
    buffers_->importer[next_] = integers[2];
    buffers_->product[next_] = integers[3];
    buffers_->value[next_] = reals[0];
    ++next_;
    return true;
  }

  const char* file_;
  const char* begin_;
  const char* end_;
  ColumnBuffers* buffers_ = nullptr;
  std::size_t first_ = 0;
  std::size_t next_ = 0;
  std::optional<ParseProblem> problem_;
};

// Runs work(part) for every part, one thread each.
void RunParts(unsigned parts, const std::function<void(unsigned)>& work) {
  std::vector<std::thread> workers;
  for (unsigned part = 1; part < parts; ++part) workers.emplace_back(work, part);
  work(0);
  for (auto& worker : workers) worker.join();
}

// Parses [data, data + size), the bytes of `path`.
FlowColumns ParseBaci(const std::string& path, const char* data, std::size_t size, unsigned threads) {
  const char* end = data + size;
  if (size == 0) throw InputError({path, 1, 0, ""}, "the file is empty", "the BACI header t,i,j,k,v,q");
  const char* header_end = static_cast<const char*>(std::memchr(data, '\n', size));
  if (header_end == nullptr) header_end = end;
  std::string_view header(data, static_cast<std::size_t>(header_end - data));
  if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
  if (header != kHeader) {
    throw InputError({path, 1, 1, ""}, fmt::format("the header is '{}'", header),
                     "the BACI header t,i,j,k,v,q (other layouts: see docs/formats.md)");
  }
  const char* body = header_end < end ? header_end + 1 : end;
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  // Cut the body into nearly equal parts at line starts.
  std::vector<const char*> cuts = {body};
  for (unsigned part = 1; part < threads; ++part) {
    const char* cut = body + (end - body) * part / threads;
    cut = std::max(cut, cuts.back());
    const char* newline =
        static_cast<const char*>(std::memchr(cut, '\n', static_cast<std::size_t>(end - cut)));
    cuts.push_back(newline == nullptr ? end : newline + 1);
  }
  cuts.push_back(end);
  std::vector<ChunkParser> parsers;
  parsers.reserve(threads);
  for (unsigned part = 0; part < threads; ++part) parsers.emplace_back(data, cuts[part], cuts[part + 1]);
  // Two passes: count each part's lines, then parse every part straight into its own range of the columns.
  std::vector<std::size_t> firsts(threads + 1, 0);
  RunParts(threads, [&](unsigned part) { firsts[part + 1] = parsers[part].CountLines(); });
  for (unsigned part = 0; part < threads; ++part) firsts[part + 1] += firsts[part];
  ColumnBuffers buffers(firsts.back());
  RunParts(threads, [&](unsigned part) { parsers[part].Run(buffers, firsts[part]); });
  for (const auto& parser : parsers) {
    if (!parser.Problem()) continue;
    const ParseProblem& problem = *parser.Problem();
    // Line numbers are counted only now, for the one line reported.
    const auto line = 1 + static_cast<std::size_t>(std::count(data, data + problem.line_offset, '\n'));
    const std::size_t column = problem.field_offset - problem.line_offset + 1;
    const char* raw_end =
        static_cast<const char*>(std::memchr(data + problem.line_offset, '\n', size - problem.line_offset));
    const std::string raw(data + problem.line_offset, raw_end == nullptr ? end : raw_end);
    throw InputError({path, line, column, problem.column < kColumns.size() ? kColumns[problem.column] : ""},
                     problem.problem, problem.expected, raw);
  }
  // Blank lines leave gaps at the end of a part's range; close them.
  std::size_t rows = parsers[0].Rows();
  for (unsigned part = 1; part < threads; ++part) {
    const std::size_t count = parsers[part].Rows();
    if (rows != firsts[part]) {
      std::copy_n(&buffers.year[firsts[part]], count, &buffers.year[rows]);
      std::copy_n(&buffers.exporter[firsts[part]], count, &buffers.exporter[rows]);
      std::copy_n(&buffers.importer[firsts[part]], count, &buffers.importer[rows]);
      std::copy_n(&buffers.product[firsts[part]], count, &buffers.product[rows]);
      std::copy_n(&buffers.value[firsts[part]], count, &buffers.value[rows]);
    }
    rows += count;
  }
  return FlowColumns::Own(std::move(buffers), rows);
}

// Whether the file starts with gzip's magic bytes.
bool IsGzip(const char* data, std::size_t size) {
  return size >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
}

}  // namespace

FlowColumns ReadBaci(const std::string& path, unsigned threads) {
  const MappedFile file(path, Access::kSequential);
  if (!file.Valid() && !file.Problem().empty()) {
    throw InputError({path, 0, 0, ""}, fmt::format("cannot read the file: {}", file.Problem()),
                     "a readable BACI file");
  }
  if (!IsGzip(file.Data(), file.Size())) return ParseBaci(path, file.Data(), file.Size(), threads);
  // A compressed file is read whole into memory: the parser cuts its input at line starts for its threads.
  std::string text;
  LineSource lines(path);
  std::string line;
  while (lines.ReadLine(line)) {
    text += line;
    text += '\n';
  }
  return ParseBaci(path, text.data(), text.size(), threads);
}

std::size_t LineOfRow(const std::string& path, std::size_t row) {
  LineSource lines(path);
  std::string line;
  lines.ReadLine(line);  // the header
  std::size_t rows = 0;
  while (lines.ReadLine(line)) {
    if (line.empty()) continue;
    if (rows++ == row) return lines.LineNumber();
  }
  return lines.LineNumber();
}

std::optional<std::pair<std::size_t, std::size_t>> FindRepeatedRow(const FlowColumns& flows) {
  const std::size_t rows = flows.Size();
  if (rows < 2) return std::nullopt;
  // Pack (t, i, j, k) into one 64-bit key when the codes fit (they do for every published release); sort
  // the keys with their rows; equal neighbours are repeats.
  const auto width = [&](std::span<const std::int32_t> column) {
    const std::int32_t largest = *std::max_element(column.begin(), column.end());
    return largest <= 0 ? 1 : static_cast<int>(std::bit_width(static_cast<std::uint32_t>(largest)));
  };
  const int year_bits = width(flows.year);
  const int exporter_bits = width(flows.exporter);
  const int importer_bits = width(flows.importer);
  const int product_bits = width(flows.product);
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keys;
  std::vector<std::size_t> order;
  if (year_bits + exporter_bits + importer_bits + product_bits <= 64 && rows <= UINT32_MAX) {
    keys.resize(rows);
    for (std::size_t r = 0; r < rows; ++r) {
      std::uint64_t key = static_cast<std::uint32_t>(flows.year[r]);
      key = (key << exporter_bits) | static_cast<std::uint32_t>(flows.exporter[r]);
      key = (key << importer_bits) | static_cast<std::uint32_t>(flows.importer[r]);
      key = (key << product_bits) | static_cast<std::uint32_t>(flows.product[r]);
      keys[r] = {key, static_cast<std::uint32_t>(r)};
    }
    std::sort(keys.begin(), keys.end());
    std::optional<std::pair<std::size_t, std::size_t>> first;
    for (std::size_t n = 1; n < rows; ++n) {
      if (keys[n].first != keys[n - 1].first) continue;
      // Report the repeat that comes earliest in the file.
      const std::pair<std::size_t, std::size_t> repeat{keys[n - 1].second, keys[n].second};
      if (!first || repeat.second < first->second) first = repeat;
    }
    return first;
  }
  order.resize(rows);
  for (std::size_t r = 0; r < rows; ++r) order[r] = r;
  const auto key = [&](std::size_t r) {
    return std::tuple(flows.year[r], flows.exporter[r], flows.importer[r], flows.product[r], r);
  };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  std::optional<std::pair<std::size_t, std::size_t>> first;
  for (std::size_t n = 1; n < rows; ++n) {
    const auto [y1, e1, i1, p1, r1] = key(order[n - 1]);
    const auto [y2, e2, i2, p2, r2] = key(order[n]);
    if (y1 != y2 || e1 != e2 || i1 != i2 || p1 != p2) continue;
    if (!first || r2 < first->second) first = std::pair{r1, r2};
  }
  return first;
}

}  // namespace linkage::engine
