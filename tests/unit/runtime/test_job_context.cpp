#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sqlc/runtime/job_context.h"
#include "test_util.h"

using namespace sqlc;

namespace {
struct Argv {
  std::vector<std::string> storage;
  std::vector<char*> ptrs;
  Argv(std::initializer_list<std::string> args) : storage(args) {
    for (auto& s : storage) ptrs.push_back(s.data());
    ptrs.push_back(nullptr);
  }
  int argc() const { return int(storage.size()); }
  char** argv() { return ptrs.data(); }
};

const SourceBinding kOne[] = {{"llm_requests", "data.jsonl", "json"}};
const JobInfo kOneJob{"q1", "q1.sql", "SELECT ...", kOne, 1, "-"};
const SourceBinding kTwo[] = {{"orders", "orders.jsonl", "json"}, {"users", "", "json"}};
const JobInfo kTwoJob{"join", "join.sql", "SELECT ...", kTwo, 2, "-"};
}  // namespace

TEST_CASE("job context: defaults") {
  Argv a{"q1"};
  JobContext ctx(kOneJob, a.argc(), a.argv());
  CHECK(ctx.input_path("llm_requests") == "data.jsonl");
  CHECK_THROWS(ctx.input_path("nope"));
}

TEST_CASE("job context: bare --input, --output, --dead-letter, --quiet") {
  test::TempFile out("", ".out"), dead("", ".dead");
  {
    Argv a{"q1", "--input", "other.jsonl", "--output", out.path, "--dead-letter", dead.path, "--quiet"};
    JobContext ctx(kOneJob, a.argc(), a.argv());
    CHECK(ctx.input_path("llm_requests") == "other.jsonl");
    ctx.output().begin_row();
    ctx.output().key("x");
    ctx.output().int_value(1);
    ctx.output().end_row();
    ctx.dead_letter().reject(RejectKind::Late, "llm_requests", "other.jsonl", RecordPosition{3, "{}"}, "late");
    CHECK(ctx.finish(10) == 0);
  }
  CHECK(out.read() == "{\"x\":1}\n");
  CHECK(dead.read() ==
        "{\"source\":\"llm_requests\",\"position\":\"other.jsonl:3\",\"kind\":\"late\",\"reason\":\"late\",\"raw\":\"{}\"}\n");
}

TEST_CASE("job context: NAME=PATH, '=' form, stdin, paths with '='") {
  Argv a{"join", "--input", "users=u.jsonl", "--input=orders=-", "--quiet"};
  JobContext ctx(kTwoJob, a.argc(), a.argv());
  CHECK(ctx.input_path("users") == "u.jsonl");
  CHECK(ctx.input_path("orders") == "-");

  Argv b{"q1", "-i", "./dir/a=b.jsonl", "-q"};
  JobContext one(kOneJob, b.argc(), b.argv());
  CHECK(one.input_path("llm_requests") == "./dir/a=b.jsonl");

  Argv c{"q1", "--input", "llm_requests=x.jsonl"};
  JobContext named(kOneJob, c.argc(), c.argv());
  CHECK(named.input_path("llm_requests") == "x.jsonl");
}

TEST_CASE("run_guarded turns exceptions into exit code 1") {
  Argv a{"q1"};
  CHECK(run_guarded("q1", [](int, char**) -> int { return 0; }, a.argc(), a.argv()) == 0);
  CHECK(run_guarded("q1", [](int, char**) -> int { return 3; }, a.argc(), a.argv()) == 3);
  CHECK(run_guarded("q1", [](int, char**) -> int { throw std::runtime_error("boom"); }, a.argc(), a.argv()) == 1);
}
