// The claims language and the claims file: arbitrary text as one expression, and as a claims file.
#include <cstddef>
#include <cstdint>
#include <string>

#include "audit/claims_file.hpp"
#include "audit/expression.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  linkage::fuzz::ExpectOnlyLinkageErrors([&] { linkage::ParseExpression(text, "claim", 1); });
  const std::string path = linkage::fuzz::WriteInput(data, size, "claims.csv");
  linkage::fuzz::ExpectOnlyLinkageErrors([&] { linkage::ReadClaims(path); });
  return 0;
}
