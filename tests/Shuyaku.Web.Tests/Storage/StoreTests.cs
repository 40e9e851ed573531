using System.Data.Common;
using Microsoft.Data.Sqlite;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Storage;

/// <summary>
/// The store's behaviour, the same on every database: each test runs on a SQLite file and, where a private PostgreSQL
/// server can be started (<see cref="PostgresServer"/>), on a new PostgreSQL database too.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreTests(PostgresServer postgres) : IDisposable
{
    private readonly TempFolder _folder = new();
    private DatabaseOptions? _database;

    /// <summary>The databases each test runs on.</summary>
    public static TheoryData<string> Databases => PostgresServer.Unavailable is null ? new TheoryData<string>("sqlite", "postgres") : new TheoryData<string>("sqlite");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [PostgresFact]
    public void A_private_postgres_server_runs_on_loopback_for_these_tests()
    {
        // Skipped, saying why, where PostgreSQL cannot be started; then the theories above run on SQLite only.
        PostgresServer.Unavailable.ShouldBeNull();
        postgres.Port.ShouldBeGreaterThan(0);
    }

    /// <summary>This test's empty database, made on first use.</summary>
    private DatabaseOptions Database(string kind) =>
        _database ??= kind == "sqlite" ? DatabaseOptions.SqliteFile(_folder.File("console.db")) : postgres.NewDatabase()();

    private static readonly DateTimeOffset Start = new(2026, 12, 6, 9, 30, 15, 250, TimeSpan.Zero);
    private readonly FixedClock _clock = new(Start);


    private async Task<ConsoleStore> MigratedAsync(string database)
    {
        var store = new ConsoleStore(Database(database), _clock);
        await store.MigrateAsync();
        return store;
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_new_database_gets_every_migration_once_and_a_second_start_applies_none(string database)
    {
        var store = new ConsoleStore(Database(database), _clock);
        (await store.MigrateAsync()).ShouldBe(Migrations.All.Select(m => m.Version).ToList());
        (await store.SchemaVersionAsync()).ShouldBe(Migrations.Latest);
        (await new ConsoleStore(Database(database), _clock).MigrateAsync()).ShouldBeEmpty();
        (await store.SchemaVersionAsync()).ShouldBe(Migrations.Latest);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_migration_that_fails_leaves_neither_its_tables_nor_its_version(string database)
    {
        await MigratedAsync(database);
        var broken = Migrations.All.Append(new Migration(Migrations.Latest + 1, "broken", _ => ["CREATE TABLE half_done (id BIGINT)", "THIS IS NOT SQL"])).ToList();
        await Should.ThrowAsync<DbException>(() => Migrations.ApplyAsync(new Dialect(Database(database)), _clock, broken));

        await using (var connection = await new Dialect(Database(database)).OpenAsync())
        {
            (await Migrations.VersionAsync(connection)).ShouldBe(Migrations.Latest);
        }

        await using (var connection = await new Dialect(Database(database)).OpenAsync())
        {
            await Should.ThrowAsync<DbException>(() => Sql.ScalarAsync(connection, null, "SELECT COUNT(*) FROM half_done"));
        }
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Users_round_trip_and_a_taken_name_is_refused(string database)
    {
        var store = await MigratedAsync(database);
        var id = await store.CreateUserAsync("setup", "ada", "HASH", Role.Admin, onlyIfNone: true);
        id.ShouldNotBeNull();
        (await store.CreateUserAsync("setup", "bob", "HASH2", Role.Admin, onlyIfNone: true)).ShouldBeNull("set-up creates only the first user");
        (await store.CreateUserAsync("ada", "ada", "HASH3", Role.Viewer)).ShouldBeNull("the name is taken");
        var bob = await store.CreateUserAsync("ada", "bob", "HASH4", Role.Viewer);

        (await store.FindUserAsync("ada")).ShouldBe(new UserRecord(id!.Value, "ada", "HASH", Role.Admin, "setup", Start));
        (await store.SetRoleAsync("ada", bob!.Value, Role.Operator)).ShouldBe(ConsoleStore.UserChange.Done);
        (await store.FindUserAsync(bob.Value))!.Role.ShouldBe(Role.Operator);
        (await store.SetRoleAsync("ada", 999, Role.Admin)).ShouldBe(ConsoleStore.UserChange.NotFound);
        (await store.UsersAsync()).Select(u => u.Name).ShouldBe(["ada", "bob"]);
        (await store.UserCountAsync()).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task The_last_admin_can_be_neither_demoted_nor_removed_and_a_removed_user_is_gone(string database)
    {
        // Given one admin and one viewer
        var store = await MigratedAsync(database);
        var ada = (await store.CreateUserAsync("setup", "ada", "HASH", Role.Admin, onlyIfNone: true))!.Value;
        var bob = (await store.CreateUserAsync("ada", "bob", "HASH2", Role.Viewer))!.Value;

        // Then the admin can be neither demoted nor removed, and each refusal is audited
        (await store.SetRoleAsync("ada", ada, Role.Operator)).ShouldBe(ConsoleStore.UserChange.LastAdmin);
        (await store.RemoveUserAsync("ada", ada)).ShouldBe(ConsoleStore.UserChange.LastAdmin);
        (await store.FindUserAsync(ada))!.Role.ShouldBe(Role.Admin);
        (await store.AuditAsync()).Take(2).Select(a => (a.Action, a.Detail)).ShouldBe([("user.remove", "refused: ada is the last admin"), ("user.role", "refused: ada is the last admin")]);

        // When bob becomes admin, ada can go; then bob is the last admin; an unknown user is not found
        (await store.SetRoleAsync("ada", bob, Role.Admin)).ShouldBe(ConsoleStore.UserChange.Done);
        (await store.RemoveUserAsync("bob", ada)).ShouldBe(ConsoleStore.UserChange.Done);
        (await store.FindUserAsync(ada)).ShouldBeNull();
        (await store.RemoveUserAsync("bob", bob)).ShouldBe(ConsoleStore.UserChange.LastAdmin);
        (await store.RemoveUserAsync("bob", 999)).ShouldBe(ConsoleStore.UserChange.NotFound);
        (await store.AuditAsync()).Select(a => (a.Action, a.Object, a.Detail)).ShouldContain(("user.remove", "user ada", "role admin"));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task An_estate_and_its_plan_round_trip_and_the_dashboard_shows_the_newest_plan(string database)
    {
        var store = await MigratedAsync(database);
        var estate = await store.AddEstateAsync("olga", "Campus", "estate.yaml", "name: Campus\n", "ab12");
        (await store.EstateAsync(estate)).ShouldBe(new EstateRecord(estate, "Campus", "estate.yaml", "name: Campus\n", "ab12", "olga", Start));
        (await store.AddPlanAsync("olga", estate + 1)).ShouldBeNull("no such estate");

        var first = (await store.AddPlanAsync("olga", estate))!.Value;
        _clock.Now = Start.AddMinutes(1);
        var second = (await store.AddPlanAsync("olga", estate))!.Value;
        await store.SetProgressAsync(second, "placing on model A");
        (await store.PlanAsync(second))!.ShouldSatisfyAllConditions(
            p => p.Status.ShouldBe(PlanStatus.Running),
            p => p.Progress.ShouldBe("placing on model A"));
        (await store.UnfinishedPlansAsync()).ShouldBe([first, second]);

        _clock.Now = Start.AddMinutes(2);
        await store.FinishPlanAsync(second, new PlanResult(PlanStatus.Done, "d1", "{}", 5, 4, 1, true, null));
        var done = (await store.PlanAsync(second))!;
        done.ShouldBe(new PlanRecord(second, estate, PlanStatus.Done, PlanStatus.Done, "d1", "{}", 5, 4, 1, true, null, "olga", Start.AddMinutes(1), Start.AddMinutes(2)) { HasPlanJson = true });
        (await store.UnfinishedPlansAsync()).ShouldBe([first]);

        // Lists leave the files out: the plans without their plan.json (saying one is stored), the estates without their file
        (await store.PlansAsync(estate)).Select(p => (p.Id, p.PlanJson, p.HasPlanJson)).ShouldBe([(second, null, true), (first, null, false)]);
        var summary = (await store.EstatesAsync()).Single();
        summary.Estate.ShouldBe(new EstateRecord(estate, "Campus", "estate.yaml", "", "ab12", "olga", Start));
        summary.LatestPlan.ShouldBe(done with { PlanJson = null });
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Estates_and_plans_stored_at_version_6_keep_their_files_when_version_7_moves_them_to_tables_of_their_own(string database)
    {
        // Given a database at version 6 with an estate and a done plan, each with its file in its row
        var options = Database(database);
        await Migrations.ApplyAsync(new Dialect(options), _clock, Migrations.All.Where(m => m.Version <= 6).ToList());
        await using (var connection = await new Dialect(options).OpenAsync())
        {
            await Sql.ExecuteAsync(connection, null, "INSERT INTO estates (name, file_name, source_text, digest, uploaded_by, uploaded_at) VALUES ('Campus', 'estate.yaml', 'name: Campus', 'ab12', 'olga', @at)",
                ("@at", Sql.Time(Start)));
            await Sql.ExecuteAsync(connection, null, "INSERT INTO plans (estate_id, status, progress, plan_json, hosts, created_by, created_at) VALUES (1, 'done', 'done', '{\"a\": 1}', 5, 'olga', @at)",
                ("@at", Sql.Time(Start)));
            await Sql.ExecuteAsync(connection, null, "INSERT INTO plans (estate_id, status, progress, created_by, created_at) VALUES (1, 'failed', 'failed', 'olga', @at)",
                ("@at", Sql.Time(Start)));
        }

        // When the store migrates it
        var store = new ConsoleStore(options, _clock);
        (await store.MigrateAsync()).ShouldBe([.. Migrations.All.Select(m => m.Version).Where(v => v > 6)]);

        // Then the files read back as before, the lists say which plan has one, and the old columns are gone
        (await store.EstateAsync(1))!.SourceText.ShouldBe("name: Campus");
        (await store.PlanAsync(1)).ShouldSatisfyAllConditions(p => p!.PlanJson.ShouldBe("{\"a\": 1}"), p => p!.HasPlanJson.ShouldBeTrue());
        (await store.PlanAsync(2)).ShouldSatisfyAllConditions(p => p!.PlanJson.ShouldBeNull(), p => p!.HasPlanJson.ShouldBeFalse());
        (await store.PlansAsync(1)).Select(p => (p.Id, p.HasPlanJson)).ShouldBe([(2L, false), (1L, true)]);
        await using (var connection = await new Dialect(options).OpenAsync())
        {
            await Should.ThrowAsync<DbException>(() => Sql.ScalarAsync(connection, null, "SELECT COUNT(source_text) FROM estates"));
            await Should.ThrowAsync<DbException>(() => Sql.ScalarAsync(connection, null, "SELECT COUNT(plan_json) FROM plans"));
        }
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Every_change_writes_one_audit_entry_with_who_when_what_and_on_what(string database)
    {
        var store = await MigratedAsync(database);
        await store.CreateUserAsync("setup", "ada", "HASH", Role.Admin, onlyIfNone: true);
        _clock.Now = Start.AddSeconds(1);
        var estate = await store.AddEstateAsync("ada", "Campus", "estate.yaml", "x", "ab12");
        var plan = (await store.AddPlanAsync("ada", estate))!.Value;
        await store.SetProgressAsync(plan, "progress is not a change");
        await store.FinishPlanAsync(plan, new PlanResult(PlanStatus.Infeasible, null, null, null, null, null, null, "no host model fits"));

        var audit = await store.AuditAsync();
        audit.Select(a => (a.Actor, a.Action, a.Object, a.Detail)).ShouldBe(
        [
            ("planner", "plan.finish", $"plan #{plan}", "infeasible: no host model fits"),
            ("ada", "plan.queue", $"plan #{plan}", $"of estate #{estate}"),
            ("ada", "estate.upload", $"estate #{estate}", "Campus from estate.yaml, sha256 ab12"),
            ("setup", "user.create", "user ada", "role admin"),
        ]);
        audit[^1].At.ShouldBe(Start);
        audit[0].At.ShouldBe(Start.AddSeconds(1));
    }
}

/// <summary>The store on a SQLite file, with SQLite's own durability settings.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private DatabaseOptions Database => DatabaseOptions.SqliteFile(_folder.File("console.db"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Sqlite_runs_in_wal_mode_with_full_synchronous_writes()
    {
        await new ConsoleStore(Database, TimeProvider.System).MigrateAsync();
        await using var connection = await new Dialect(Database).OpenAsync();
        await using var mode = Sql.Command(connection, null, "PRAGMA journal_mode");
        (await mode.ExecuteScalarAsync()).ShouldBe("wal");
        (await Sql.ScalarAsync(connection, null, "PRAGMA synchronous")).ShouldBe(2, "2 is FULL");
    }
}
