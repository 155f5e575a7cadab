// One conformance suite for every storage backend: CTest runs it with --backend=sqlite and
// --backend=postgres, each test on a fresh, empty database.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "storage/database.h"
#include "storage/migrations/migrations.h"
#include "support/backend.h"

namespace sw::storage {
namespace {

class StorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Open(fresh_.url(), {.connections = 4});
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    database_ = std::move(opened).value();
    ASSERT_TRUE(database_->Write([](Executor& tx) {
                  return tx.ExecuteScript(
                      "CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL UNIQUE, "
                      "score DOUBLE PRECISION, remark TEXT)");
                }).ok());
  }

  int64_t CountNotes() { return AsInt((*database_->Query("SELECT COUNT(*) FROM notes"))[0][0]); }

  testing::FreshDatabase fresh_;
  std::unique_ptr<Database> database_;
};

TEST_F(StorageTest, OpensTheBackendItWasAskedFor) {
  EXPECT_EQ(database_->dialect(),
            testing::CurrentBackend() == testing::Backend::kSqlite ? Dialect::kSqlite : Dialect::kPostgres);
  EXPECT_TRUE(database_->Ping().ok());
}

TEST_F(StorageTest, ValuesRoundTripWithTheirTypes) {
  ASSERT_TRUE(database_->Write([](Executor& tx) {
                return tx.Execute("INSERT INTO notes (id, body, score, remark) VALUES ($1, $2, $3, $4)",
                                  {std::int64_t{9007199254740993}, std::string("留守儿童 张三 '引号'"), 2.5, kNull});
              }).ok());
  auto rows = database_->Query("SELECT id, body, score, remark FROM notes WHERE body = $1",
                               {std::string("留守儿童 张三 '引号'")});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(std::get<std::int64_t>((*rows)[0][0]), 9007199254740993);
  EXPECT_EQ(std::get<std::string>((*rows)[0][1]), "留守儿童 张三 '引号'");
  EXPECT_DOUBLE_EQ(std::get<double>((*rows)[0][2]), 2.5);
  EXPECT_TRUE(IsNull((*rows)[0][3]));
}

TEST_F(StorageTest, DollarSignsInsideStringLiteralsAreNotParameters) {
  auto rows = database_->Query("SELECT '$1 元' AS price, $1 AS given", {std::string("x")});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(AsText((*rows)[0][0]), "$1 元");
  EXPECT_EQ(AsText((*rows)[0][1]), "x");
}

TEST_F(StorageTest, FailedWorkRollsBackEverything) {
  Status status = database_->Write([](Executor& tx) -> Status {
    if (Status inserted = tx.Execute("INSERT INTO notes (id, body) VALUES (1, 'a')"); !inserted.ok()) return inserted;
    return Status::InvalidArgument("body", "the second half failed");
  });
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CountNotes(), 0);
}

TEST_F(StorageTest, AFailingStatementRollsBackTheTransaction) {
  Status status = database_->Write([](Executor& tx) -> Status {
    if (Status inserted = tx.Execute("INSERT INTO notes (id, body) VALUES (1, 'a')"); !inserted.ok()) return inserted;
    return tx.Execute("INSERT INTO no_such_table VALUES (1)");
  });
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(CountNotes(), 0);
  // The connection is usable afterwards.
  EXPECT_TRUE(database_->Write([](Executor& tx) { return tx.Execute("INSERT INTO notes (id, body) VALUES (2, 'b')"); }).ok());
  EXPECT_EQ(CountNotes(), 1);
}

TEST_F(StorageTest, UniqueViolationIsAConflict) {
  auto insert = [](Executor& tx) { return tx.Execute("INSERT INTO notes (id, body) VALUES (1, 'same')"); };
  ASSERT_TRUE(database_->Write(insert).ok());
  Status again = database_->Write(insert);
  EXPECT_EQ(again.code(), StatusCode::kConflict) << again.ToString();
}

TEST_F(StorageTest, ErrorsKeepRowValuesOutOfTheirDetail) {
  auto insert = [](Executor& tx) {
    return tx.Execute("INSERT INTO notes (id, body) VALUES ($1, $2)", {std::int64_t{1}, std::string("341122200001011234")});
  };
  ASSERT_TRUE(database_->Write(insert).ok());
  Status again = database_->Write(insert);
  EXPECT_EQ(again.detail().find("341122200001011234"), std::string::npos) << again.detail();
}

TEST_F(StorageTest, SyntaxErrorIsInternalAndDoesNotBreakTheConnection) {
  auto broken = database_->Query("SELEKT 1");
  EXPECT_EQ(broken.status().code(), StatusCode::kInternal);
  EXPECT_TRUE(database_->Ping().ok());
}

TEST_F(StorageTest, ReadSeesCommittedWrites) {
  ASSERT_TRUE(database_->Write([](Executor& tx) { return tx.Execute("INSERT INTO notes (id, body) VALUES (1, 'a')"); }).ok());
  int64_t seen = -1;
  ASSERT_TRUE(database_->Read([&](Executor& tx) -> Status {
                auto rows = tx.Query("SELECT COUNT(*) FROM notes");
                if (!rows.ok()) return rows.status();
                seen = AsInt((*rows)[0][0]);
                return Status::Ok();
              }).ok());
  EXPECT_EQ(seen, 1);
}

// PostgreSQL sends a transaction's BEGIN with its first statement. The first statement is then
// inside the transaction (a read keeps its snapshot while another connection writes); one that
// fails fails its transaction and leaves the connection usable; a transaction without a
// statement ends cleanly.
TEST_F(StorageTest, ATransactionBeginsWithItsFirstStatementWhicheverWayItEnds) {
  std::vector<std::int64_t> counts;
  ASSERT_TRUE(database_->Read([&](Executor& tx) -> Status {
                for (int id : {1, 2}) {
                  auto rows = tx.Query("SELECT COUNT(*) FROM notes");
                  if (!rows.ok()) return rows.status();
                  counts.push_back(AsInt((*rows)[0][0]));
                  Status written = database_->Write([&](Executor& other) {
                    return other.Execute("INSERT INTO notes (id, body) VALUES ($1, $2)",
                                         {std::int64_t{id}, "note " + std::to_string(id)});
                  });
                  if (!written.ok()) return written;
                }
                return Status::Ok();
              }).ok());
  EXPECT_EQ(counts, (std::vector<std::int64_t>{0, 0}));
  EXPECT_EQ(CountNotes(), 2);

  for (int round = 0; round < 3; ++round) {  // more rounds than connections: each is used again
    EXPECT_EQ(database_->Write([](Executor& tx) { return tx.Execute("SELEKT 1"); }).code(), StatusCode::kInternal);
    EXPECT_TRUE(database_->Read([](Executor&) { return Status::Ok(); }).ok());
    EXPECT_EQ(database_->Read([](Executor&) { return Status::InvalidArgument("", "stopped"); }).code(),
              StatusCode::kInvalidArgument);
    EXPECT_TRUE(database_->Write([&](Executor& tx) {
                           return tx.Execute("INSERT INTO notes (id, body) VALUES ($1, $2)",
                                             {std::int64_t{10 + round}, "round " + std::to_string(round)});
                         }).ok());
  }
  EXPECT_EQ(CountNotes(), 5);
}

// QueryEach: PostgreSQL sends the statements in one pipeline, SQLite runs them in turn. Each
// statement's rows come back in order; a failure is the first statement's to fail, fails the
// transaction, and leaves the connection usable.
TEST_F(StorageTest, StatementsSentTogetherAnswerEachInTurn) {
  auto insert = [](int id) {
    return Statement{"INSERT INTO notes (id, body) VALUES ($1, $2)", {std::int64_t{id}, "note " + std::to_string(id)}};
  };
  ASSERT_TRUE(database_->Write([&](Executor& tx) { return tx.QueryEach({insert(1), insert(2)}).status(); }).ok());
  std::vector<Rows> answers;
  const Status read = database_->Read([&](Executor& tx) -> Status {
    auto each = tx.QueryEach({{"SELECT body FROM notes WHERE id = $1", {std::int64_t{2}}},
                              {"SELECT COUNT(*) FROM notes", {}},
                              {"SELECT $1 AS unknown", {kNull}}});
    if (each.ok()) answers = std::move(each).value();
    return each.status();
  });
  ASSERT_TRUE(read.ok()) << read.ToString();
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(AsText(answers[0][0][0]), "note 2");
  EXPECT_EQ(AsInt(answers[1][0][0]), 2);
  EXPECT_TRUE(IsNull(answers[2][0][0]));

  Status failed = database_->Write([&](Executor& tx) {
    return tx.QueryEach({insert(3), {"INSERT INTO notes (id, body) VALUES (4, 'note 1')", {}}, insert(5)}).status();
  });
  EXPECT_EQ(failed.code(), StatusCode::kConflict) << failed.ToString();
  EXPECT_EQ(CountNotes(), 2);
  EXPECT_TRUE(database_->Write([&](Executor& tx) { return tx.QueryEach({insert(6)}).status(); }).ok());
  EXPECT_EQ(CountNotes(), 3);
}

// A read's end lets go of its snapshot, failed or not: the next read on the same connection sees
// what another connection wrote in between, and on PostgreSQL the server holds no transaction
// open for the connection while it waits in the pool (its BEGIN waits for a first statement).
TEST_F(StorageTest, AReadLetsGoOfItsSnapshotWhenItEnds) {
  auto reader = Open(fresh_.url(), {.connections = 1});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto count_in_a_read = [&] {
    std::int64_t count = -1;
    Status read = (*reader)->Read([&](Executor& tx) -> Status {
      auto rows = tx.Query("SELECT COUNT(*) FROM notes");
      if (rows.ok()) count = AsInt((*rows)[0][0]);
      return rows.status();
    });
    EXPECT_TRUE(read.ok()) << read.ToString();
    return count;
  };
  EXPECT_EQ(count_in_a_read(), 0);
  ASSERT_TRUE(database_->Write([](Executor& tx) { return tx.Execute("INSERT INTO notes (id, body) VALUES (1, 'a')"); }).ok());
  EXPECT_EQ(count_in_a_read(), 1);
  EXPECT_EQ((*reader)->Read([](Executor& tx) { return tx.Execute("SELEKT 1"); }).code(), StatusCode::kInternal);
  EXPECT_EQ(count_in_a_read(), 1);
  if (testing::CurrentBackend() != testing::Backend::kPostgres) return;

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::int64_t open_transactions = -1;
  while (open_transactions != 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto rows = database_->Query(
        "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
        "AND state LIKE 'idle in transaction%'");
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    open_transactions = AsInt((*rows)[0][0]);
  }
  EXPECT_EQ(open_transactions, 0);
}

// After a bulk load PostgreSQL's planner knows how many rows there are and which pages every
// transaction sees whole (VACUUM ANALYZE). SQLite is left without statistics: its plans are
// written for that.
TEST_F(StorageTest, AfterABulkLoadThePlannerKnowsTheRows) {
  std::vector<std::vector<Value>> rows;
  for (std::int64_t id = 1; id <= 500; ++id) rows.push_back({id, "note " + std::to_string(id)});
  ASSERT_TRUE(database_->Write([&](Executor& tx) { return tx.BulkInsert("notes", {"id", "body"}, rows); }).ok());
  const Status settled = database_->AfterBulkLoad();
  ASSERT_TRUE(settled.ok()) << settled.ToString();
  if (testing::CurrentBackend() == testing::Backend::kSqlite) {
    EXPECT_EQ(AsInt((*database_->Query("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'sqlite_stat%'"))[0][0]), 0);
    return;
  }
  auto known = database_->Query("SELECT reltuples, relallvisible FROM pg_class WHERE relname = 'notes'");
  ASSERT_TRUE(known.ok()) << known.status().ToString();
  EXPECT_EQ(AsInt((*known)[0][0]), 500);
  EXPECT_GT(AsInt((*known)[0][1]), 0);
}

TEST_F(StorageTest, ReadTransactionsCannotWrite) {
  Status status = database_->Read([](Executor& tx) { return tx.Execute("INSERT INTO notes (id, body) VALUES (1, 'a')"); });
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(CountNotes(), 0);
}

TEST_F(StorageTest, ConcurrentWritersAllLand) {
  constexpr int kThreads = 6, kEach = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::int64_t id = t * 1000 + i;
        Status status = database_->Write([&](Executor& tx) {
          return tx.Execute("INSERT INTO notes (id, body) VALUES ($1, $2)", {id, "n" + std::to_string(id)});
        });
        if (!status.ok()) ++failures;
        if (!database_->Query("SELECT COUNT(*) FROM notes").ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(CountNotes(), kThreads * kEach);
}

// Writes that arrive while another runs. On SQLite they wait and are then committed together, in
// one transaction (GroupCommit); on PostgreSQL they run beside it. Either way each keeps, or
// loses, only what it wrote itself.
class WritesArrivingTogether : public StorageTest {
 protected:
  // Each of `arriving` called, in turn, while a first write (of note 1) is held open; their
  // outcomes, in order.
  std::vector<Status> WhileOneIsHeld(const std::vector<Work>& arriving) {
    std::atomic<bool> held{false}, may_end{false}, first_done{false};
    Status held_status;
    std::thread first([&] {
      held_status = database_->Write([&](Executor& tx) -> Status {
        if (Status inserted = Insert(tx, 1, "first"); !inserted.ok()) return inserted;
        held = true;
        while (!may_end) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return Status::Ok();
      });
      first_done = true;
    });
    // Not held when its insert failed: the others then arrive as it ends, and the test fails below.
    while (!held && !first_done) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::vector<Status> outcomes(arriving.size());
    std::vector<std::thread> threads;
    for (std::size_t at = 0; at < arriving.size(); ++at) {
      threads.emplace_back([&, at] { outcomes[at] = database_->Write(arriving[at]); });
      std::this_thread::sleep_for(std::chrono::milliseconds(30));  // so that they wait in this order
    }
    may_end = true;
    first.join();
    for (auto& thread : threads) thread.join();
    EXPECT_TRUE(held_status.ok()) << held_status.ToString();
    return outcomes;
  }

  static Status Insert(Executor& tx, std::int64_t id, const std::string& body) {
    return tx.Execute("INSERT INTO notes (id, body) VALUES ($1, $2)", {id, body});
  }
  static Work Inserting(std::int64_t id) {
    return [id](Executor& tx) { return Insert(tx, id, "note " + std::to_string(id)); };
  }
  static Work RefusedAfterInserting(std::int64_t id) {
    return [id](Executor& tx) -> Status {
      if (Status inserted = Insert(tx, id, "note " + std::to_string(id)); !inserted.ok()) return inserted;
      return Status::InvalidArgument("body", "refused after its insert");
    };
  }
  static Work BreakingAUniqueKeyAfterInserting(std::int64_t id) {
    return [id](Executor& tx) -> Status {
      if (Status inserted = Insert(tx, id, "note " + std::to_string(id)); !inserted.ok()) return inserted;
      return Insert(tx, id + 100, "first");  // body is UNIQUE
    };
  }

  std::vector<std::int64_t> Kept() {
    auto rows = database_->Query("SELECT id FROM notes ORDER BY id");
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::vector<std::int64_t> ids;
    if (rows.ok()) {
      for (const auto& row : *rows) ids.push_back(AsInt(row[0]));
    }
    return ids;
  }
};

TEST_F(WritesArrivingTogether, AWriteThatFailsAfterTheFirstIsTakenBackAlone) {
  const auto outcomes = WhileOneIsHeld({Inserting(2), RefusedAfterInserting(3), BreakingAUniqueKeyAfterInserting(4),
                                        Inserting(5)});
  EXPECT_TRUE(outcomes[0].ok()) << outcomes[0].ToString();
  EXPECT_EQ(outcomes[1].code(), StatusCode::kInvalidArgument) << outcomes[1].ToString();
  EXPECT_EQ(outcomes[2].code(), StatusCode::kConflict) << outcomes[2].ToString();
  EXPECT_TRUE(outcomes[3].ok()) << outcomes[3].ToString();
  EXPECT_EQ(Kept(), (std::vector<std::int64_t>{1, 2, 5}));
}

// A foreign key deferred to the end of the transaction (as migration 29 defers the children's
// and the families' on SQLite): a write that leaves a row without its parent is refused and
// taken back alone, whether it runs first in its group or after; one whose parent comes later
// in the same write is kept.
class WritesLeavingAnOrphan : public WritesArrivingTogether {
 protected:
  void SetUp() override {
    WritesArrivingTogether::SetUp();
    ASSERT_TRUE(database_->Write([](Executor& tx) {
                  return tx.ExecuteScript("CREATE TABLE remarks (id BIGINT PRIMARY KEY, note_id BIGINT NOT NULL "
                                          "REFERENCES notes(id) DEFERRABLE INITIALLY DEFERRED)");
                }).ok());
  }

  // Remarks on note `id`, inserted before it, and, when `orphaned`, on a note that never comes.
  static Work Remarking(std::int64_t id, bool orphaned) {
    return [id, orphaned](Executor& tx) -> Status {
      std::vector<std::vector<Value>> remarks = {{id * 10, id}};
      if (orphaned) remarks.push_back({id * 10 + 1, std::int64_t{999}});
      if (Status remarked = tx.BulkInsert("remarks", {"id", "note_id"}, remarks); !remarked.ok()) return remarked;
      return Insert(tx, id, "note " + std::to_string(id));
    };
  }

  std::int64_t Remarks() { return AsInt((*database_->Query("SELECT COUNT(*) FROM remarks"))[0][0]); }
};

TEST_F(WritesLeavingAnOrphan, AfterTheFirstWriteIsRefusedAlone) {
  const auto outcomes = WhileOneIsHeld({Remarking(2, false), Remarking(3, true), Remarking(4, false)});
  EXPECT_TRUE(outcomes[0].ok()) << outcomes[0].ToString();
  EXPECT_EQ(outcomes[1].code(), StatusCode::kInvalidArgument) << outcomes[1].ToString();
  EXPECT_TRUE(outcomes[2].ok()) << outcomes[2].ToString();
  EXPECT_EQ(Kept(), (std::vector<std::int64_t>{1, 2, 4}));
  EXPECT_EQ(Remarks(), 2);
}

TEST_F(WritesLeavingAnOrphan, InTheFirstWriteIsRefusedAlone) {
  const auto outcomes = WhileOneIsHeld({Remarking(2, true), Remarking(3, false)});
  EXPECT_EQ(outcomes[0].code(), StatusCode::kInvalidArgument) << outcomes[0].ToString();
  EXPECT_TRUE(outcomes[1].ok()) << outcomes[1].ToString();
  EXPECT_EQ(Kept(), (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(Remarks(), 1);
  EXPECT_EQ(database_->Write(Remarking(4, true)).code(), StatusCode::kInvalidArgument);  // alone, too
  EXPECT_EQ(Remarks(), 1);
}

TEST_F(WritesArrivingTogether, AFirstWriteThatFailsTakesNothingOfTheOthersWithIt) {
  const auto outcomes = WhileOneIsHeld({RefusedAfterInserting(2), Inserting(3), RefusedAfterInserting(4)});
  EXPECT_EQ(outcomes[0].code(), StatusCode::kInvalidArgument) << outcomes[0].ToString();
  EXPECT_TRUE(outcomes[1].ok()) << outcomes[1].ToString();
  EXPECT_EQ(outcomes[2].code(), StatusCode::kInvalidArgument) << outcomes[2].ToString();
  EXPECT_EQ(Kept(), (std::vector<std::int64_t>{1, 3}));
  // The writer goes on alone afterwards.
  EXPECT_TRUE(database_->Write(Inserting(6)).ok());
  EXPECT_EQ(Kept(), (std::vector<std::int64_t>{1, 3, 6}));
}

// A write running is told when another waits for it, and a long one (an import's batches,
// RosterImportService::kTransactionBatches) ends its transaction then. PostgreSQL's writes wait
// only for the rows they share, which it cannot tell: it always says so.
TEST_F(WritesArrivingTogether, AWriteRunningIsToldWhetherAnotherWaitsForIt) {
  if (database_->dialect() == Dialect::kPostgres) {
    EXPECT_TRUE(database_->WritesWaiting());
    return;
  }
  bool alone = false, waited_for = false;
  Status other_status;
  std::thread other;
  const Status held = database_->Write([&](Executor& tx) -> Status {
    alone = !database_->WritesWaiting();
    other = std::thread([&] { other_status = database_->Write(Inserting(2)); });
    for (int polls = 0; polls < 10000 && !waited_for; ++polls) {  // 10 s at most
      waited_for = database_->WritesWaiting();
      if (!waited_for) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return Insert(tx, 1, "first");
  });
  other.join();
  EXPECT_TRUE(held.ok()) << held.ToString();
  EXPECT_TRUE(other_status.ok()) << other_status.ToString();
  EXPECT_TRUE(alone);
  EXPECT_TRUE(waited_for);
  EXPECT_FALSE(database_->WritesWaiting());
  EXPECT_EQ(Kept(), (std::vector<std::int64_t>{1, 2}));
}

// What only SQLite's one writer does (GroupCommit): skipped on PostgreSQL, whose writes run side
// by side.
class WritesOnSqlite : public WritesArrivingTogether {
 protected:
  void SetUp() override {
    if (testing::CurrentBackend() != testing::Backend::kSqlite) GTEST_SKIP() << "SQLite's one writer";
    WritesArrivingTogether::SetUp();
  }
};

// SQLite ends a whole transaction itself on some errors (a full disk; here a trigger's
// RAISE(ROLLBACK)). What the group wrote before is gone then, and a write that ran after would
// commit on its own: each write is told it was kept exactly when it was.
class WritesArrivingWhenSqliteEndsTheTransaction : public WritesOnSqlite {
 protected:
  void SetUp() override {
    WritesOnSqlite::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(database_->Write([](Executor& tx) {
                  return tx.ExecuteScript("CREATE TRIGGER notes_end BEFORE INSERT ON notes WHEN NEW.body = 'ends' "
                                          "BEGIN SELECT RAISE(ROLLBACK, 'the transaction ends'); END;");
                }).ok());
  }

  static Status Ending(Executor& tx) { return Insert(tx, 99, "ends"); }
  // As a write that tolerates a failed statement, unaware that SQLite ended its transaction.
  static Status EndingUnnoticed(Executor& tx) {
    (void)Insert(tx, 99, "ends");
    return Status::Ok();
  }

  // Each of `arriving` (writing the notes `ids`) told it was kept exactly when its note was.
  void ExpectToldAsKept(const std::vector<Work>& arriving, const std::vector<std::int64_t>& ids) {
    const auto outcomes = WhileOneIsHeld(arriving);
    const std::vector<std::int64_t> kept = Kept();
    for (std::size_t at = 0; at < ids.size(); ++at) {
      const bool is_kept = std::find(kept.begin(), kept.end(), ids[at]) != kept.end();
      EXPECT_EQ(outcomes[at].ok(), is_kept) << "note " << ids[at] << ": " << outcomes[at].ToString();
    }
    EXPECT_EQ(std::count(kept.begin(), kept.end(), 99), 0);
  }
};

TEST_F(WritesArrivingWhenSqliteEndsTheTransaction, AfterTheFirstWrite) {
  ExpectToldAsKept({Inserting(2), Ending, Inserting(3)}, {2, 99, 3});
}

TEST_F(WritesArrivingWhenSqliteEndsTheTransaction, InTheFirstWrite) {
  ExpectToldAsKept({Ending, Inserting(2)}, {99, 2});
}

TEST_F(WritesArrivingWhenSqliteEndsTheTransaction, UnnoticedInTheFirstWrite) {
  ExpectToldAsKept({EndingUnnoticed, Inserting(2)}, {99, 2});
}

TEST_F(WritesArrivingWhenSqliteEndsTheTransaction, UnnoticedAfterTheFirstWrite) {
  ExpectToldAsKept({Inserting(2), EndingUnnoticed, Inserting(3)}, {2, 99, 3});
}

// The writes of a group run in one transaction, so a write is told that the others of its group
// wait for it.
TEST_F(WritesOnSqlite, AWriteIsToldThatTheOthersOfItsGroupWaitForIt) {
  bool waited_for = false;
  const auto outcomes = WhileOneIsHeld({[&](Executor& tx) {
                                          waited_for = database_->WritesWaiting();
                                          return Insert(tx, 2, "note 2");
                                        },
                                        Inserting(3)});
  EXPECT_TRUE(outcomes[0].ok()) << outcomes[0].ToString();
  EXPECT_TRUE(outcomes[1].ok()) << outcomes[1].ToString();
  EXPECT_TRUE(waited_for);
  EXPECT_EQ(Kept(), (std::vector<std::int64_t>{1, 2, 3}));
}

// On SQLite, a write that held the writer long (an import's batch) leaves it to the writes of
// others for as long before its thread's next write, while they keep coming; alone, its next
// write goes on at once (GroupCommit).
class WritesAfterALongOne : public WritesOnSqlite {
 protected:
  using Clock = std::chrono::steady_clock;
  static constexpr auto kHeld = std::chrono::milliseconds(200);

  // How long after a write that held the writer for kHeld the same thread's next write began.
  Clock::duration PauseBetweenTwoWrites() {
    const Status held = database_->Write([](Executor& tx) {
      std::this_thread::sleep_for(kHeld);
      return Insert(tx, 1, "long");
    });
    long_ended_ = Clock::now();
    Clock::time_point next_began;
    const Status next = database_->Write([&](Executor& tx) {
      next_began = Clock::now();
      return Insert(tx, 2, "next");
    });
    EXPECT_TRUE(held.ok()) << held.ToString();
    EXPECT_TRUE(next.ok()) << next.ToString();
    return next_began - long_ended_;
  }

  // Short writes from four threads, one after the other, until the test ends.
  void OthersKeepWriting() {
    for (int thread = 0; thread < 4; ++thread) {
      others_.emplace_back([this] {
        while (!stop_) {
          const std::int64_t id = next_id_++;
          const bool written = database_->Write(Inserting(id)).ok();
          std::lock_guard lock(mutex_);
          if (written) others_ended_.push_back(Clock::now()); else ++others_failed_;
        }
      });
    }
    while (Ended().size() < 20 && others_failed_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  std::vector<Clock::time_point> Ended() {
    std::lock_guard lock(mutex_);
    return others_ended_;
  }

  void TearDown() override {
    stop_ = true;
    for (auto& thread : others_) thread.join();
    EXPECT_EQ(others_failed_, 0);
  }

  Clock::time_point long_ended_;
  std::atomic<bool> stop_{false};
  std::atomic<std::int64_t> next_id_{1000};
  std::vector<std::thread> others_;
  std::mutex mutex_;
  std::vector<Clock::time_point> others_ended_;
  std::atomic<int> others_failed_{0};
};

TEST_F(WritesAfterALongOne, TheOthersHaveTheWriterForAsLongBeforeTheNext) {
  OthersKeepWriting();
  const Clock::duration pause = PauseBetweenTwoWrites();
  EXPECT_GE(pause, kHeld / 2);
  EXPECT_LT(pause, kHeld + std::chrono::seconds(2));  // and then it goes, however many others come
  const auto ended = Ended();
  const auto meanwhile = std::count_if(ended.begin(), ended.end(), [&](Clock::time_point at) {
    return at > long_ended_ && at < long_ended_ + pause;
  });
  EXPECT_GE(meanwhile, 5);
}

TEST_F(WritesAfterALongOne, AloneTheNextGoesOnAtOnce) {
  EXPECT_LT(PauseBetweenTwoWrites(), kHeld / 2);
}

TEST_F(StorageTest, BulkInsertKeepsEveryValueExactly) {
  const std::vector<std::string> awkward = {"tab\there", "line\nbreak", "back\\slash \\N", "cr\r", "张三 ’引号’", ""};
  std::vector<std::vector<Value>> rows;
  for (std::int64_t i = 0; i < 5000; ++i) {
    Value remark = i % 7 == 0 ? kNull : Value(awkward[static_cast<std::size_t>(i) % awkward.size()]);
    rows.push_back({i, "row " + std::to_string(i), static_cast<double>(i) / 4, remark});
  }
  ASSERT_TRUE(database_->Write([&](Executor& tx) {
                return tx.BulkInsert("notes", {"id", "body", "score", "remark"}, rows);
              }).ok());
  EXPECT_EQ(CountNotes(), 5000);
  auto stored = database_->Query("SELECT id, body, score, remark FROM notes ORDER BY id");
  ASSERT_TRUE(stored.ok());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ((*stored)[i][0], rows[i][0]) << i;
    ASSERT_EQ((*stored)[i][1], rows[i][1]) << i;
    ASSERT_DOUBLE_EQ(std::get<double>((*stored)[i][2]), std::get<double>(rows[i][2])) << i;
    ASSERT_EQ((*stored)[i][3], rows[i][3]) << i;
  }
}

TEST_F(StorageTest, AFailedBulkInsertLeavesNothingBehind) {
  std::vector<std::vector<Value>> rows = {{std::int64_t{1}, std::string("a"), kNull, kNull},
                                          {std::int64_t{2}, std::string("a"), kNull, kNull}};  // body is UNIQUE
  Status status = database_->Write([&](Executor& tx) { return tx.BulkInsert("notes", {"id", "body", "score", "remark"}, rows); });
  EXPECT_EQ(status.code(), StatusCode::kConflict) << status.ToString();
  EXPECT_EQ(CountNotes(), 0);
  EXPECT_TRUE(database_->Ping().ok());
}

// A bulk insert refused part-way through a statement (SQLite's OR FAIL keeps the rows before the
// one refused) within a group of writes: its write is taken back whole, the others kept.
TEST_F(WritesArrivingTogether, ABulkInsertRefusedPartWayIsTakenBackWithItsWriteAlone) {
  const auto refused_part_way = [](std::int64_t id) -> Work {
    return [id](Executor& tx) {
      return tx.BulkInsert("notes", {"id", "body"}, {{id, std::string("note ") + std::to_string(id)},
                                                     {id + 1, std::string("note ") + std::to_string(id + 1)},
                                                     {id + 2, std::string("first")}});  // body is UNIQUE
    };
  };
  const auto outcomes = WhileOneIsHeld({refused_part_way(10), Inserting(2), refused_part_way(20), Inserting(3)});
  EXPECT_EQ(outcomes[0].code(), StatusCode::kConflict) << outcomes[0].ToString();
  EXPECT_TRUE(outcomes[1].ok()) << outcomes[1].ToString();
  EXPECT_EQ(outcomes[2].code(), StatusCode::kConflict) << outcomes[2].ToString();
  EXPECT_TRUE(outcomes[3].ok()) << outcomes[3].ToString();
  EXPECT_EQ(Kept(), (std::vector<std::int64_t>{1, 2, 3}));
}

// Statements are prepared once a connection (PostgreSQL keeps up to 512): more distinct ones
// than that still run, and so does one asked to be planned each run (kPlanEachRun).
TEST_F(StorageTest, MoreDistinctStatementsThanAConnectionKeepsAllAnswer) {
  auto one_connection = Open(fresh_.url(), {.connections = 1});
  ASSERT_TRUE(one_connection.ok());
  for (std::int64_t n = 0; n < 600; ++n) {
    auto sum = (*one_connection)->Query("SELECT " + std::to_string(n) + " + $1", {std::int64_t{1}});
    ASSERT_TRUE(sum.ok()) << n << ": " << sum.status().ToString();
    EXPECT_EQ(AsInt((*sum)[0][0]), n + 1);
  }
  auto again = (*one_connection)->Query("SELECT 599 + $1", {std::int64_t{2}});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(AsInt((*again)[0][0]), 601);
  auto planned = (*one_connection)->Query(std::string(kPlanEachRun) + "SELECT 41 + $1", {std::int64_t{1}});
  ASSERT_TRUE(planned.ok()) << planned.status().ToString();
  EXPECT_EQ(AsInt((*planned)[0][0]), 42);
}

// A statement led by kOnePlan runs with one plan for any values (on PostgreSQL, the plan cache
// forced to a generic plan around it); the statements beside it, and those after it, run as
// before, even when it fails and takes its transaction with it.
TEST_F(StorageTest, AStatementAskedForOnePlanLeavesTheOthersPlannedAsBefore) {
  auto one_connection = Open(fresh_.url(), {.connections = 1});
  ASSERT_TRUE(one_connection.ok());
  const std::string one_plan(kOnePlan);
  auto sum = (*one_connection)->Query(one_plan + "SELECT 41 + $1", {std::int64_t{1}});
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_EQ(AsInt((*sum)[0][0]), 42);
  if (testing::CurrentBackend() != testing::Backend::kPostgres) return;  // SQLite plans one way only

  const std::string mode = "SELECT current_setting('plan_cache_mode')";
  std::vector<Rows> modes;
  ASSERT_TRUE((*one_connection)->Read([&](Executor& tx) -> Status {
                auto each = tx.QueryEach({{mode, {}}, {one_plan + mode, {}}, {one_plan + "SELECT 1 + $1", {std::int64_t{1}}},
                                          {mode, {}}, {one_plan + mode, {}}});
                if (each.ok()) modes = std::move(each).value();
                return each.status();
              }).ok());
  ASSERT_EQ(modes.size(), 5u);
  EXPECT_EQ(AsText(modes[0][0][0]), "auto");
  EXPECT_EQ(AsText(modes[1][0][0]), "force_generic_plan");
  EXPECT_EQ(AsInt(modes[2][0][0]), 2);
  EXPECT_EQ(AsText(modes[3][0][0]), "auto");
  EXPECT_EQ(AsText(modes[4][0][0]), "force_generic_plan");

  EXPECT_FALSE((*one_connection)->Read([&](Executor& tx) {
                  return tx.Query(one_plan + "SELECT 1 / $1", {std::int64_t{0}}).status();
                }).ok());
  auto after = (*one_connection)->Query(mode);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(AsText((*after)[0][0]), "auto");
}

// A batch's IN list (more than kMostParametersKept values) is planned for its one run and
// kept by neither database: it answers each time, alone or in a transaction, and a failing
// one leaves the connection usable.
TEST_F(StorageTest, ALongListOfParametersIsAnsweredEachTimeItIsAsked) {
  constexpr std::int64_t kNotes = 300;
  std::vector<std::vector<Value>> notes;
  Params bodies;
  std::string list;
  for (std::int64_t id = 1; id <= kNotes; ++id) {
    std::string body = "note ";
    body += std::to_string(id);
    notes.push_back({id, body, kNull, kNull});
    bodies.emplace_back(body);
    list += id > 1 ? ", $" : "$";
    list += std::to_string(id);
  }
  ASSERT_GT(bodies.size(), kMostParametersKept);
  ASSERT_TRUE(database_->Write([&](Executor& tx) {
                return tx.BulkInsert("notes", {"id", "body", "score", "remark"}, notes);
              }).ok());
  const std::string sql = "SELECT COUNT(*), SUM(id) FROM notes WHERE body IN (" + list + ")";
  auto expect_all = [&](const Result<Rows>& rows) {
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(AsInt((*rows)[0][0]), kNotes);
    EXPECT_EQ(AsInt((*rows)[0][1]), kNotes * (kNotes + 1) / 2);
  };
  for (int run = 0; run < 7; ++run) {  // past PostgreSQL's five runs before it keeps a plan
    expect_all(database_->Query(sql, bodies));
    ASSERT_TRUE(database_->Read([&](Executor& tx) {
                  expect_all(tx.Query(sql, bodies));
                  return Status::Ok();
                }).ok());
  }
  EXPECT_FALSE(database_->Read([&](Executor& tx) {
                  return tx.Query("SELECT missing FROM notes WHERE body IN (" + list + ")", bodies).status();
                }).ok());
  expect_all(database_->Query(sql, bodies));
}

// A connection the server dropped is opened again on its next use, and its statements are
// prepared again: the new session has none of the old one's.
TEST_F(StorageTest, AConnectionThePostgresServerDroppedPreparesItsStatementsAgain) {
  if (testing::CurrentBackend() != testing::Backend::kPostgres) GTEST_SKIP() << "PostgreSQL's sessions only";
  auto one_connection = Open(fresh_.url(), {.connections = 1});
  ASSERT_TRUE(one_connection.ok());
  const std::string statement = "SELECT 1 + $1";
  ASSERT_TRUE((*one_connection)->Query(statement, {std::int64_t{1}}).ok());
  auto ended = database_->Query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
      "pg_backend_pid()");
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  // The first use finds the connection gone; the next opens it again.
  (void)(*one_connection)->Query(statement, {std::int64_t{1}});
  auto sum = (*one_connection)->Query(statement, {std::int64_t{2}});
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_EQ(AsInt((*sum)[0][0]), 3);
}

// Commits only append to SQLite's log; a thread of the database's own copies the log into the
// database file once it passes 1,000 pages (WalCheckpointer), while the database stays open.
TEST_F(StorageTest, SqlitesLogReachesTheDatabaseFileWhileTheDatabaseIsOpen) {
  if (testing::CurrentBackend() != testing::Backend::kSqlite) GTEST_SKIP() << "SQLite's log only";
  const std::filesystem::path file = fresh_.url().substr(std::string_view("sqlite://").size());
  const std::string page_of_text(4000, 'x');
  for (int transaction = 0; transaction < 15; ++transaction) {
    ASSERT_TRUE(database_->Write([&](Executor& tx) -> Status {
                          for (int n = 0; n < 100; ++n) {
                            const std::int64_t id = transaction * 100 + n;
                            if (Status added = tx.Execute("INSERT INTO notes (id, body) VALUES ($1, $2)",
                                                          {id, std::to_string(id) + page_of_text});
                                !added.ok()) {
                              return added;
                            }
                          }
                          return Status::Ok();
                        }).ok());
  }
  constexpr std::uintmax_t kLogged = 1500 * 4000;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::filesystem::file_size(file) < kLogged && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_GE(std::filesystem::file_size(file), kLogged);
  EXPECT_EQ(CountNotes(), 1500);
}

TEST(Migrations, BringANewDatabaseToTheLatestVersionOnce) {
  testing::FreshDatabase fresh;
  auto database = Open(fresh.url());
  ASSERT_TRUE(database.ok());
  EXPECT_EQ(*CurrentSchemaVersion(**database), 0);
  auto applied = Migrate(**database);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(*applied, LatestSchemaVersion());
  EXPECT_EQ(*CurrentSchemaVersion(**database), LatestSchemaVersion());
  EXPECT_EQ(*Migrate(**database), 0);
  auto recorded = (*database)->Query("SELECT version, name FROM schema_version ORDER BY version");
  ASSERT_TRUE(recorded.ok());
  EXPECT_EQ(recorded->size(), AllMigrations().size());
}

// A row of `table` with the columns `given` and every other required one blank ('' or 0), as
// SQLite declares the table: the tests of migrations need rows, not their meaning.
Status InsertBlankRow(Executor& tx, const std::string& table, const std::map<std::string, std::string>& given) {
  auto declared = tx.Query("SELECT name, type, \"notnull\" FROM pragma_table_info($1)", {table});
  if (!declared.ok()) return declared.status();
  std::string columns, values;
  Params params;
  for (const auto& row : *declared) {
    const std::string name = std::get<std::string>(row[0]);
    const auto value = given.find(name);
    if (value == given.end() && AsInt(row[2]) == 0) continue;
    columns += (params.empty() ? "" : ", ") + name;
    values += (params.empty() ? "$" : ", $") + std::to_string(params.size() + 1);
    if (value != given.end()) params.push_back(value->second);
    else if (std::get<std::string>(row[1]) == "TEXT") params.push_back(std::string());
    else params.push_back(std::int64_t{0});
  }
  return tx.Execute("INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")", params);
}

// Migration 29, on the connection that ran it as on any other: a family member may come before
// its child within a write, and a write that leaves one without its child is refused.
TEST(Migrations, CheckAChildsAndAFamilysParentAsTheWriteEndsOnSqlite) {
  if (testing::CurrentBackend() != testing::Backend::kSqlite) GTEST_SKIP() << "PostgreSQL keeps its keys immediate";
  testing::FreshDatabase fresh;
  auto database = Open(fresh.url(), {.connections = 1});
  ASSERT_TRUE(database.ok());
  ASSERT_TRUE(Migrate(**database).ok());
  const Status parent_later = (*database)->Write([](Executor& tx) -> Status {
    if (Status added = InsertBlankRow(tx, "family_members", {{"id", "f1"}, {"child_id", "c1"}}); !added.ok()) return added;
    if (Status added = InsertBlankRow(tx, "orgs", {{"id", "o1"}, {"code", "o1"}}); !added.ok()) return added;
    return InsertBlankRow(tx, "children", {{"id", "c1"}, {"org_id", "o1"}});
  });
  EXPECT_TRUE(parent_later.ok()) << parent_later.ToString();
  const Status orphaned = (*database)->Write([](Executor& tx) -> Status {
    if (Status added = InsertBlankRow(tx, "family_members", {{"id", "f2"}, {"child_id", "c1"}}); !added.ok()) return added;
    return InsertBlankRow(tx, "family_members", {{"id", "f3"}, {"child_id", "missing"}});
  });
  EXPECT_EQ(orphaned.code(), StatusCode::kInvalidArgument) << orphaned.ToString();
  EXPECT_EQ(AsInt((*(*database)->Query("SELECT COUNT(*) FROM family_members"))[0][0]), 1);
  const Status placed_nowhere = (*database)->Write(
      [](Executor& tx) { return InsertBlankRow(tx, "children", {{"id", "c2"}, {"org_id", "missing"}}); });
  EXPECT_EQ(placed_nowhere.code(), StatusCode::kInvalidArgument) << placed_nowhere.ToString();
  EXPECT_EQ(AsInt((*(*database)->Query("SELECT COUNT(*) FROM children"))[0][0]), 1);
}

// An older program must not write to a schema whose rules it does not know.
TEST(Migrations, RefuseADatabaseANewerProgramMigrated) {
  testing::FreshDatabase fresh;
  auto database = Open(fresh.url());
  ASSERT_TRUE(database.ok());
  ASSERT_TRUE(Migrate(**database, 3).ok());
  testing::RecordANewerSchema(fresh.url());
  auto refused = Migrate(**database);
  EXPECT_EQ(refused.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(refused.status().reason(), "schema_newer_than_program");
  EXPECT_NE(refused.status().detail().find(std::to_string(LatestSchemaVersion() + 1)), std::string::npos)
      << refused.status().ToString();
  // Nothing was applied: the migrations between 3 and the newer version stay unrecorded.
  auto recorded = (*database)->Query("SELECT COUNT(*) FROM schema_version");
  ASSERT_TRUE(recorded.ok());
  EXPECT_EQ(AsInt((*recorded)[0][0]), 4);
}

TEST(Migrations, ConcurrentMigratorsAgree) {
  testing::FreshDatabase fresh;
  constexpr int kProcesses = 4;
  std::vector<std::unique_ptr<Database>> handles;
  for (int i = 0; i < kProcesses; ++i) handles.push_back(std::move(Open(fresh.url(), {.connections = 1})).value());
  std::atomic<int> failures{0}, applied{0};
  std::vector<std::thread> threads;
  for (auto& handle : handles) {
    threads.emplace_back([&, raw = handle.get()] {
      auto result = Migrate(*raw);
      if (!result.ok()) ++failures;
      else applied += *result;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(applied.load(), LatestSchemaVersion());
  EXPECT_EQ(*CurrentSchemaVersion(*handles[0]), LatestSchemaVersion());
}

TEST(Open, RefusesUnknownSchemes) {
  auto database = Open("mysql://localhost/db");
  EXPECT_EQ(database.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(database.status().field(), "database_url");
}

TEST(Open, UnreachablePostgresIsUnavailable) {
  auto database = Open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
  EXPECT_EQ(database.status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace sw::storage
