#include "support/raw_files.hpp"

#include <zlib.h>

#include <regex>
#include <vector>

#include "support/temp_workspace.hpp"

namespace linkage::testing {

std::map<std::string, double> RawDots(int year, const std::set<std::string>& actors) {
  static const std::regex row(
      R"(^("[^"]*"|[^,]*),([A-Z_]+),("[^"]*"|[^,]*),([A-Z_]+),(X_FOB|M_CIF),(\d{4}),([^,]*),([01])$)");
  std::map<std::string, double> values;
  gzFile in = gzopen(ProjectData("sources/imf-dots/imf_dots_full_1960_2020.csv.gz").c_str(), "rb");
  std::vector<char> buffer(1 << 16);
  const std::string wanted_year = std::to_string(year);
  while (gzgets(in, buffer.data(), static_cast<int>(buffer.size())) != nullptr) {
    std::string line(buffer.data());
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.find(wanted_year) == std::string::npos) continue;
    std::smatch match;
    if (!std::regex_match(line, match, row) || match[6].str() != wanted_year) continue;
    if (!actors.contains(match[2].str()) || !actors.contains(match[4].str())) continue;
    values[match[2].str() + ">" + match[4].str() + ":" + match[5].str()] = std::stod(match[7].str());
  }
  gzclose(in);
  return values;
}

}  // namespace linkage::testing
