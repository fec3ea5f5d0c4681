// support/core_workspace.hpp
// One core workspace (actors, institutions, regions) shared by the tests of a suite, built once.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "registry/actor_registry.hpp"
#include "store/database.hpp"
#include "support/temp_workspace.hpp"

namespace linkage::testing {

//! Fixture base: `database` and `actors` over a core workspace built in SetUpTestSuite.
class CoreWorkspaceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  static std::unique_ptr<TempDir> dir;
  static std::unique_ptr<Database> database;
  static std::unique_ptr<ActorRegistry> actors;
};

}  // namespace linkage::testing
