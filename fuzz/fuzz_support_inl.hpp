// fuzz/fuzz_support_inl.hpp
// The template of fuzz_support.hpp.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>

#include "core/error.hpp"

namespace linkage::fuzz {

template <typename Work>
void ExpectOnlyLinkageErrors(Work&& work) {
  try {
    work();
  } catch (const Error&) {
    // A refusal with its file, line and column: what bad input must get.
  } catch (const std::exception& error) {
    std::fprintf(stderr, "linkage fuzz: not a Linkage error (exit 70 for a user): %s\n", error.what());
    std::abort();
  }
}

}  // namespace linkage::fuzz
