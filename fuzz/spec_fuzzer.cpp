// What a user specifies a model with: a gravity formula (`linkage gravity --spec`), a row filter (`--where`)
// and an index weights file (`--weights FILE`).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "model/gravity_formula.hpp"
#include "model/gravity_spec.hpp"
#include "model/index_spec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  linkage::fuzz::ExpectOnlyLinkageErrors([&] { linkage::ParseGravitySpec(text); });
  linkage::fuzz::ExpectOnlyLinkageErrors([&] { linkage::ParseWhere(text); });
  const std::string path = linkage::fuzz::WriteInput(data, size, "weights.csv");
  linkage::fuzz::ExpectOnlyLinkageErrors([&] { linkage::LoadIndexSpec(path); });
  return 0;
}
