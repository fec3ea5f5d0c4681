#include "support/core_workspace.hpp"

#include "store/workspace.hpp"

namespace linkage::testing {

std::unique_ptr<TempDir> CoreWorkspaceTest::dir;
std::unique_ptr<Database> CoreWorkspaceTest::database;
std::unique_ptr<ActorRegistry> CoreWorkspaceTest::actors;

void CoreWorkspaceTest::SetUpTestSuite() {
  dir = std::make_unique<TempDir>();
  BuildCoreWorkspace(dir->File("core.db"));
  database = OpenWorkspace(dir->File("core.db"));
  actors = std::make_unique<ActorRegistry>(*database);
}

void CoreWorkspaceTest::TearDownTestSuite() {
  actors.reset();
  database.reset();
  dir.reset();
}

}  // namespace linkage::testing
