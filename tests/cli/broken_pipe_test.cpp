// `linkage ... | head -1`: a reader that closes the pipe early is not an error. The command's standard output
// is a pipe whose read end is already closed, so its first write fails; it must end with exit 0, not be
// killed by SIGPIPE (exit 141).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include "support/temp_workspace.hpp"

extern char** environ;

namespace linkage {
namespace {

TEST(BrokenPipeTest, AClosedReaderEndsTheCommandQuietly) {
  testing::TempDir dir;
  ASSERT_EQ(testing::RunLinkage("init --empty --workspace w.db", dir.Path()).exit_code, 0);
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  close(fds[0]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  // The child starts with SIGPIPE at its default action, as under a shell, whatever the test runner set.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t pipe_signal;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &pipe_signal);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
  std::string binary = LINKAGE_BINARY;
  std::string workspace = dir.File("w.db");
  std::string actors = "actors";
  std::string list = "list";
  std::string option = "--workspace";
  char* argv[] = {binary.data(), actors.data(), list.data(), option.data(), workspace.data(), nullptr};
  pid_t child = 0;
  ASSERT_EQ(posix_spawn(&child, binary.c_str(), &actions, &attributes, argv, environ), 0);
  close(fds[1]);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  EXPECT_FALSE(WIFSIGNALED(status)) << "killed by signal " << WTERMSIG(status);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace linkage
