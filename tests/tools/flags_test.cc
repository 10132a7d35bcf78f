// tools/flags: the first pass in front of absl::ParseCommandLine.
#include "tools/flags/flags.h"

#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "gtest/gtest.h"

ABSL_FLAG(int, max_hops, 4, "a flag spelled --max-hops");
ABSL_FLAG(std::string, name, "", "a string flag");
ABSL_FLAG(bool, verbose, false, "a bool flag");
ABSL_FLAG(std::string, other, "", "a flag of another command of the same binary");

namespace coigraph::tools {
namespace {

// Parses `words` as the words after the program.
absl::StatusOr<CommandLine> Parse(std::vector<std::string> words, int first = 1) {
  words.insert(words.begin(), "prog");
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  return ParseFlags(static_cast<int>(argv.size()), argv.data(),
                    {FLAGS_max_hops, FLAGS_name, FLAGS_verbose}, first);
}

TEST(FlagsTest, BothFormsDashedNamesAndPositionalArguments) {
  absl::StatusOr<CommandLine> cl = Parse({"a", "--max-hops", "7", "b", "--name=x=y", "-verbose"});
  ASSERT_TRUE(cl.ok()) << cl.status();
  EXPECT_FALSE(cl->help);
  EXPECT_EQ(cl->positional, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(absl::GetFlag(FLAGS_max_hops), 7);
  EXPECT_EQ(absl::GetFlag(FLAGS_name), "x=y");
  EXPECT_TRUE(absl::GetFlag(FLAGS_verbose));
  EXPECT_TRUE(cl->Given(FLAGS_max_hops));
  EXPECT_TRUE(cl->Given(FLAGS_name));
}

TEST(FlagsTest, GivenIsTrueAlsoForTheDefaultValueAndAnEmptyOne) {
  absl::StatusOr<CommandLine> cl = Parse({"--max-hops=4", "--name", ""});
  ASSERT_TRUE(cl.ok()) << cl.status();
  EXPECT_TRUE(cl->Given(FLAGS_max_hops));
  EXPECT_TRUE(cl->Given(FLAGS_name));
  EXPECT_EQ(absl::GetFlag(FLAGS_name), "");
  EXPECT_FALSE(cl->Given(FLAGS_verbose));
}

TEST(FlagsTest, TheNextWordIsTheValueWhateverItIs) {
  absl::StatusOr<CommandLine> cl = Parse({"--name", "--max-hops"});
  ASSERT_TRUE(cl.ok()) << cl.status();
  EXPECT_EQ(absl::GetFlag(FLAGS_name), "--max-hops");
  EXPECT_FALSE(cl->Given(FLAGS_max_hops));
}

TEST(FlagsTest, DoubleDashEndsTheFlags) {
  absl::StatusOr<CommandLine> cl = Parse({"--name", "n", "--", "--max-hops", "-"});
  ASSERT_TRUE(cl.ok()) << cl.status();
  EXPECT_EQ(cl->positional, (std::vector<std::string>{"--max-hops", "-"}));
  EXPECT_FALSE(cl->Given(FLAGS_max_hops));
}

TEST(FlagsTest, UnknownFlagsAreErrors) {
  for (const char* word :
       {"--bogus", "--bogus=1", "--max_hops=3", "--other=x", "--flagfile=f", "--helpfull", "-x"}) {
    absl::StatusOr<CommandLine> cl = Parse({word});
    ASSERT_FALSE(cl.ok()) << word;
    EXPECT_EQ(cl.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(cl.status().message().substr(0, 15), "unknown flag --") << cl.status();
  }
}

TEST(FlagsTest, MissingAndBadValuesAreErrors) {
  absl::StatusOr<CommandLine> cl = Parse({"--max-hops"});
  ASSERT_FALSE(cl.ok());
  EXPECT_EQ(cl.status().message(), "--max-hops needs a value");
  cl = Parse({"--max-hops", "four"});
  ASSERT_FALSE(cl.ok());
  EXPECT_EQ(cl.status().message().substr(0, 31), "bad value 'four' for --max-hops") << cl.status();
  cl = Parse({"--verbose=maybe"});
  ASSERT_FALSE(cl.ok());
}

TEST(FlagsTest, HelpUnlessThereIsAnError) {
  for (const char* word : {"--help", "-h", "-help"}) {
    absl::StatusOr<CommandLine> cl = Parse({"a", word});
    ASSERT_TRUE(cl.ok()) << word;
    EXPECT_TRUE(cl->help) << word;
  }
  EXPECT_FALSE(Parse({"--help", "--bogus"}).ok());
}

TEST(FlagsTest, ASubcommandParsesTheWordsAfterIt) {
  absl::StatusOr<CommandLine> cl = Parse({"scan", "dir", "--max-hops=2"}, /*first=*/2);
  ASSERT_TRUE(cl.ok()) << cl.status();
  EXPECT_EQ(cl->positional, (std::vector<std::string>{"dir"}));
  EXPECT_EQ(absl::GetFlag(FLAGS_max_hops), 2);
}

}  // namespace
}  // namespace coigraph::tools
