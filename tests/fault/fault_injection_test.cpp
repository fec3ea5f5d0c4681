// Fault injection: the linkage binary killed with SIGKILL at random points of an import and of a rebuild,
// a disk that fills in the middle of an import, and two writers with readers at once. After each, the
// workspace must open, pass PRAGMA integrity_check, and hold all of an import or none of it.
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "store/database.hpp"
#include "store/workspace.hpp"
#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

using testing::RunLinkage;
using Clock = std::chrono::steady_clock;

// A linkage process started with `arguments` in `cwd`, its output thrown away.
class Child {
 public:
  //! Starts the binary with its stderr in `errors` (thrown away when empty); a file-size limit (bytes, 0 for
  //! none) makes writes past it fail as on a full disk.
  Child(const std::filesystem::path& cwd, const std::vector<std::string>& arguments,
        rlim_t file_size_limit = 0, const std::string& errors = "") {
    pid_ = fork();
    if (pid_ != 0) return;
    if (chdir(cwd.c_str()) != 0) _exit(127);
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    dup2(errors.empty() ? null : open(errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644), STDERR_FILENO);
    if (file_size_limit > 0) {
      // Past the limit write() fails with EFBIG, as it fails with ENOSPC on a full disk; SIGXFSZ is ignored
      // (the disposition survives exec) so that the failure reaches the program instead of killing it.
      signal(SIGXFSZ, SIG_IGN);
      const rlimit limit{file_size_limit, file_size_limit};
      setrlimit(RLIMIT_FSIZE, &limit);
    }
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(LINKAGE_BINARY));
    for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    execv(LINKAGE_BINARY, argv.data());
    _exit(127);
  }
  ~Child() {
    if (pid_ > 0) Kill();
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  //! SIGKILL, then reaps the process.
  void Kill() {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  //! Waits for the exit code (-1 when a signal ended it).
  int Wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
};

// A tidy series file of `rows` rows (actor,code,year,value,unit) that takes the importer a while.
std::string WriteLargeSeries(const testing::TempDir& dir, const std::string& name, const std::string& code,
                             int rows) {
  static const char* const kActors[] = {"KAZ", "CHN", "RUS", "USA", "DEU", "BRA", "NGA", "IND", "FRA", "JPN",
                                        "MEX", "ZAF", "TUR", "IRN", "EGY", "ARG", "AUS", "CAN", "KOR", "IDN"};
  const std::string path = dir.File(name);
  std::ofstream out(path);
  out << "actor,code,year,value,unit\n";
  int written = 0;
  for (int series = 0; written < rows; ++series) {
    for (const char* actor : kActors) {
      for (int year = 1960; year <= 2020 && written < rows; ++year, ++written) {
        out << actor << ',' << code << '.' << series << ',' << year << ',' << (written % 997) * 1.5
            << ",USD\n";
      }
    }
  }
  return path;
}

struct WorkspaceState {
  bool opens = false;
  std::string integrity;
  std::int64_t sources = -1;
  std::int64_t series = -1;
};

// Opens the workspace as the next command would, and reads what it holds.
WorkspaceState Inspect(const std::string& path) {
  WorkspaceState state;
  try {
    auto database = OpenWorkspace(path);
    state.opens = true;
    Statement check(*database, "PRAGMA integrity_check");
    state.integrity = check.Step() ? check.Text(0) : "no answer";
    state.sources = database->QueryInt("SELECT count(*) FROM sources");
    state.series = database->QueryInt("SELECT count(*) FROM series");
  } catch (const std::exception& error) {
    state.integrity = error.what();
  }
  return state;
}

// How long a command takes when left alone, to spread the kills over it.
Clock::duration TimeOf(const std::filesystem::path& cwd, const std::vector<std::string>& arguments) {
  const auto started = Clock::now();
  Child child(cwd, arguments);
  EXPECT_EQ(child.Wait(), 0);
  return Clock::now() - started;
}

// Kills fall anywhere in twice the time a whole run took: a run during the kills can be much slower than the
// timed one (other tests share the cores), and with a margin of a fifth every kill once fell before the
// commit.
constexpr long long kKillWindowTimesRun = 2;

constexpr int kImportKills = 60;
constexpr int kRebuildKills = 50;
constexpr int kLargeRows = 120000;

TEST(FaultInjection, AnImportKilledAnywhereLeavesAllOfItOrNone) {
  const testing::TempDir dir;
  ASSERT_EQ(RunLinkage("init --empty --workspace base.db", dir.Path()).exit_code, 0);
  const std::string large = WriteLargeSeries(dir, "large.csv", "KILL", kLargeRows);
  const WorkspaceState before = Inspect(dir.File("base.db"));
  std::filesystem::copy_file(dir.File("base.db"), dir.File("timing.db"));
  const auto duration = TimeOf(dir.Path(), {"import", "series", large, "--workspace", "timing.db"});
  const WorkspaceState complete = Inspect(dir.File("timing.db"));
  ASSERT_EQ(complete.series - before.series, kLargeRows);
  std::mt19937 random(20261205);
  std::uniform_int_distribution<long long> when(
      0, std::chrono::duration_cast<std::chrono::microseconds>(duration).count() * kKillWindowTimesRun);
  int all = 0;
  int none = 0;
  for (int kill = 0; kill < kImportKills; ++kill) {
    const std::string workspace = dir.File("w.db");
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(workspace + suffix);
    std::filesystem::copy_file(dir.File("base.db"), workspace);
    {
      Child child(dir.Path(), {"import", "series", large, "--workspace", "w.db"});
      std::this_thread::sleep_for(std::chrono::microseconds(when(random)));
      child.Kill();
    }
    const WorkspaceState after = Inspect(workspace);
    ASSERT_TRUE(after.opens) << "kill " << kill << ": " << after.integrity;
    ASSERT_EQ(after.integrity, "ok") << "kill " << kill;
    if (after.series == before.series && after.sources == before.sources) {
      ++none;
    } else {
      ASSERT_EQ(after.series, complete.series) << "kill " << kill << " left part of the import";
      ASSERT_EQ(after.sources, complete.sources) << "kill " << kill;
      ++all;
    }
  }
  // The kills fall before, during and after the commit: both outcomes occur.
  EXPECT_GT(none, 0);
  EXPECT_GT(all, 0);
  RecordProperty("kills", kImportKills);
  RecordProperty("kept_all", all);
  RecordProperty("kept_none", none);
}

TEST(FaultInjection, ARebuildKilledAnywhereLeavesTheOldWorkspaceOrTheNewOne) {
  const testing::TempDir dir;
  ASSERT_EQ(RunLinkage("init --empty --workspace base.db", dir.Path()).exit_code, 0);
  ASSERT_EQ(RunLinkage("import series " + testing::Fixture("import/series.csv") + " --workspace base.db",
                       dir.Path())
                .exit_code,
            0);
  const WorkspaceState old = Inspect(dir.File("base.db"));
  std::filesystem::copy_file(dir.File("base.db"), dir.File("timing.db"));
  const auto duration = TimeOf(dir.Path(), {"init", "--force", "--empty", "--workspace", "timing.db"});
  const WorkspaceState fresh = Inspect(dir.File("timing.db"));
  ASSERT_NE(old.series, fresh.series);
  std::mt19937 random(1205);
  std::uniform_int_distribution<long long> when(
      0, std::chrono::duration_cast<std::chrono::microseconds>(duration).count() * kKillWindowTimesRun);
  int kept_old = 0;
  int took_new = 0;
  for (int kill = 0; kill < kRebuildKills; ++kill) {
    const std::string workspace = dir.File("w.db");
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(workspace + suffix);
    std::filesystem::copy_file(dir.File("base.db"), workspace);
    {
      Child child(dir.Path(), {"init", "--force", "--empty", "--workspace", "w.db"});
      std::this_thread::sleep_for(std::chrono::microseconds(when(random)));
      child.Kill();
    }
    const WorkspaceState after = Inspect(workspace);
    ASSERT_TRUE(after.opens) << "kill " << kill << ": " << after.integrity;
    ASSERT_EQ(after.integrity, "ok") << "kill " << kill;
    if (after.series == old.series && after.sources == old.sources) {
      ++kept_old;
    } else {
      ASSERT_EQ(after.series, fresh.series) << "kill " << kill;
      ASSERT_EQ(after.sources, fresh.sources) << "kill " << kill;
      ++took_new;
    }
    // What the killed build left (its .building file and journals) never stops the next command.
    const auto next = RunLinkage("sources --workspace w.db", dir.Path());
    ASSERT_EQ(next.exit_code, 0) << "kill " << kill << ": " << next.err;
  }
  EXPECT_GT(kept_old, 0);
  EXPECT_GT(took_new, 0);
  RecordProperty("kills", kRebuildKills);
}

// A disk that fills mid-import: the import fails as a full disk (exit 5, not an internal error) and the
// workspace file is as it was.
TEST(FaultInjection, ADiskThatFillsMidImportLeavesTheWorkspaceAsItWas) {
  const testing::TempDir dir;
  ASSERT_EQ(RunLinkage("init --empty --workspace w.db", dir.Path()).exit_code, 0);
  const std::string large = WriteLargeSeries(dir, "large.csv", "FULL", kLargeRows);
  const std::string workspace = dir.File("w.db");
  const WorkspaceState before = Inspect(workspace);
  const std::string digest = testing::FileDigest(workspace);
  // Room for the workspace as it is, not for the import's log as well.
  const auto room = static_cast<rlim_t>(std::filesystem::file_size(workspace) + (1U << 20));
  {
    Child child(dir.Path(), {"import", "series", large, "--workspace", "w.db"}, room, dir.File("full.err"));
    EXPECT_EQ(child.Wait(), 5);
  }
  std::ifstream in(dir.File("full.err"));
  const std::string message((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(message.find("the disk is full"), std::string::npos) << message;
  EXPECT_EQ(testing::FileDigest(workspace), digest);
  const WorkspaceState after = Inspect(workspace);
  EXPECT_EQ(after.integrity, "ok");
  EXPECT_EQ(after.series, before.series);
  EXPECT_EQ(after.sources, before.sources);
  // The same import with room succeeds afterwards.
  const auto retried = RunLinkage("import series " + large + " --workspace w.db", dir.Path());
  EXPECT_EQ(retried.exit_code, 0) << retried.err;
  EXPECT_EQ(Inspect(workspace).series, before.series + kLargeRows);
}

// Two imports at once, with commands reading all along: the second writer waits for the first, no reader
// fails, and both imports are there at the end.
TEST(FaultInjection, TwoWritersAndReadersAtOnceAllSucceed) {
  const testing::TempDir dir;
  ASSERT_EQ(RunLinkage("init --empty --workspace w.db", dir.Path()).exit_code, 0);
  const std::string first = WriteLargeSeries(dir, "first.csv", "ONE", kLargeRows);
  const std::string second = WriteLargeSeries(dir, "second.csv", "TWO", kLargeRows);
  const WorkspaceState before = Inspect(dir.File("w.db"));
  Child one(dir.Path(), {"import", "series", first, "--workspace", "w.db"});
  Child two(dir.Path(), {"import", "series", second, "--workspace", "w.db"});
  int reads = 0;
  int failed_reads = 0;
  for (int round = 0; round < 10; ++round) {
    const auto read = RunLinkage("sources --format csv --workspace w.db", dir.Path());
    ++reads;
    if (read.exit_code != 0) {
      ++failed_reads;
      ADD_FAILURE() << read.err;
    }
  }
  EXPECT_EQ(one.Wait(), 0);
  EXPECT_EQ(two.Wait(), 0);
  EXPECT_EQ(failed_reads, 0) << "of " << reads;
  const WorkspaceState after = Inspect(dir.File("w.db"));
  EXPECT_EQ(after.integrity, "ok");
  EXPECT_EQ(after.series, before.series + 2 * kLargeRows);
  EXPECT_EQ(after.sources, before.sources + 2);
}

}  // namespace
}  // namespace linkage
