// `linkage serve` as a process: it prints the port it chose, answers, and stops cleanly on SIGTERM.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

using testing::RunLinkage;

// The running binary, its stdout as a pipe; killed if a test ends without stopping it.
class ServeProcess {
 public:
  ServeProcess(const std::filesystem::path& cwd, const std::string& workspace) {
    int pipe_ends[2];
    if (pipe(pipe_ends) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(pipe_ends[1], STDOUT_FILENO);
      close(pipe_ends[0]);
      close(pipe_ends[1]);
      if (chdir(cwd.c_str()) != 0) _exit(127);
      execl(LINKAGE_BINARY, LINKAGE_BINARY, "serve", "--port", "0", "--workspace", workspace.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    close(pipe_ends[1]);
    out_ = fdopen(pipe_ends[0], "r");
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (out_ != nullptr) std::fclose(out_);
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  //! The first line the process prints; empty when it printed none.
  std::string FirstLine() {
    char line[256] = {};
    if (out_ == nullptr || std::fgets(line, sizeof line, out_) == nullptr) return "";
    return line;
  }
  //! Sends `signal` and waits for the exit code (-1 when killed by a signal).
  int Stop(int signal) {
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  std::FILE* out_ = nullptr;
};

TEST(ServeCliTest, PrintsItsPortAnswersAndStopsOnSignals) {
  const testing::TempDir dir;
  ASSERT_EQ(RunLinkage("init --empty --workspace w.db", dir.Path()).exit_code, 0);
  for (const int signal : {SIGTERM, SIGINT}) {
    ServeProcess process(dir.Path(), "w.db");
    const std::string line = process.FirstLine();
    std::smatch match;
    ASSERT_TRUE(std::regex_match(line, match, std::regex(R"(serving http://127\.0\.0\.1:(\d+)/\n)"))) << line;
    httplib::Client client("127.0.0.1", std::stoi(match[1].str()));
    const auto actors = client.Get("/api/actors");
    ASSERT_TRUE(actors);
    EXPECT_EQ(actors->status, 200);
    EXPECT_FALSE(nlohmann::json::parse(actors->body)["actors"].empty());
    const auto page = client.Get("/");
    ASSERT_TRUE(page);
    EXPECT_NE(page->body.find("id=\"dimension\""), std::string::npos);
    EXPECT_EQ(process.Stop(signal), 0);
  }
}

TEST(ServeCliTest, RefusesABadPort) {
  const testing::TempDir dir;
  const auto result = RunLinkage("serve --port 70000 --workspace w.db", dir.Path());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("70000"), std::string::npos) << result.err;
}

// With SO_REUSEPORT a second `serve` on a taken port started without a word and took half the connections.
TEST(ServeCliTest, RefusesAPortAnotherServeHolds) {
  const testing::TempDir dir;
  ASSERT_EQ(RunLinkage("init --empty --workspace w.db", dir.Path()).exit_code, 0);
  ServeProcess first(dir.Path(), "w.db");
  std::smatch match;
  const std::string line = first.FirstLine();
  ASSERT_TRUE(std::regex_match(line, match, std::regex(R"(serving http://127\.0\.0\.1:(\d+)/\n)"))) << line;
  const auto second = RunLinkage("serve --port " + match[1].str() + " --workspace w.db", dir.Path());
  EXPECT_EQ(second.exit_code, 2);
  EXPECT_NE(second.err.find("cannot listen on 127.0.0.1:" + match[1].str() + ": the port is taken"),
            std::string::npos)
      << second.err;
  EXPECT_EQ(first.Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace linkage
