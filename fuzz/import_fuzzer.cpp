// One importer, named at build time (LINKAGE_FUZZ_FORMAT), fed arbitrary files: every input must be imported
// or refused with a Linkage error, never crash, hang or escape as another exception. The workspace is built
// once per process (actors and the embedded institutions); each import runs in its own transaction.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz_support.hpp"
#include "ingest/importers.hpp"
#include "registry/actor_catalog.hpp"
#include "store/database.hpp"
#include "store/workspace.hpp"

namespace {

std::unique_ptr<linkage::Database> workspace;

// The name an input is written under: a WDI file is known by its name, the others by their content.
std::string InputName(const std::string& format) {
  if (format == "wdi") return "wdi_ny.gdp.mktp.cd.csv";
  return "input";
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  const std::string path = (linkage::fuzz::ScratchDir() / "fuzz.db").string();
  workspace = linkage::CreateWorkspace(path);
  linkage::BuildActorCatalog(*workspace, linkage::DefaultDataDir(), linkage::DefaultIsoCodesDir());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string format = LINKAGE_FUZZ_FORMAT;
  const std::string path = linkage::fuzz::WriteInput(data, size, InputName(format));
  linkage::fuzz::ExpectOnlyLinkageErrors([&] { linkage::RunImport(*workspace, format, path); });
  return 0;
}
