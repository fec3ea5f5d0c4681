// fuzz/fuzz_support.hpp
// What the fuzz targets share: a scratch folder, writing an input to a file (the readers take paths), and
// the rule that a Linkage error (a refusal with its place) is a correct answer while anything else is a bug.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace linkage::fuzz {

//! A folder of this process, removed at exit.
const std::filesystem::path& ScratchDir();

//! Writes the input to `name` in the scratch folder and returns its path.
std::string WriteInput(const std::uint8_t* data, std::size_t size, const std::string& name);

//! Runs `work`; a linkage::Error is an answer, any other exception aborts (libFuzzer reports it as a crash
//! with the input that caused it).
template <typename Work>
void ExpectOnlyLinkageErrors(Work&& work);

}  // namespace linkage::fuzz

#include "fuzz_support_inl.hpp"
