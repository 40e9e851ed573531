using Microsoft.Data.Sqlite;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Core.Traces;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Storage;

/// <summary>The guests' storage on SQLite and, where it can run, PostgreSQL: the lists' SQL judges as Core's <see cref="Activity.Judge"/> does.</summary>
[Collection(PostgresCollection.Name)]
public sealed class GuestStoreTests(PostgresServer postgres) : IDisposable
{
    private static readonly DateOnly Today = new(2026, 12, 6);
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private async Task<ConsoleStore> StoreAsync(string kind)
    {
        var store = new ConsoleStore(kind == "sqlite" ? DatabaseOptions.SqliteFile(_folder.File("console.db")) : postgres.NewDatabase()(),
            new FixedClock(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero)));
        await store.MigrateAsync();
        return store;
    }

    [Theory]
    [MemberData(nameof(StoreTests.Databases), MemberType = typeof(StoreTests))]
    public async Task The_idle_list_last_active_day_and_window_peak_agree_with_core_for_every_threshold_and_window(string database)
    {
        // Given 40 guests with seeded random days of CPU over the last 60 days (some with none)
        var store = await StoreAsync(database);
        var random = new Random(14);
        var guests = Enumerable.Range(0, 40).Select(i => new NewGuest($"g{i:00}", 1 + i % 4, 1024 * (1 + i % 3), 10_240, i % 5 == 0 ? null : "team", null, null,
            i % 7 == 0 ? Today.AddDays(-1) : i % 7 == 1 ? Today : null)).ToList();
        var estate = await store.AddEstateAsync("ada", "e", "e.yaml", "name: e", "digest", guests);
        var series = new Dictionary<string, IReadOnlyList<ActivityDay>>(StringComparer.Ordinal);
        foreach (var g in guests.Where((_, i) => i % 9 != 0))
        {
            series[g.Name] = Enumerable.Range(0, 60).Where(_ => random.Next(3) > 0)
                .Select(d => new ActivityDay(Today.AddDays(-d), 1 + random.Next(10), random.NextDouble() * 3, random.Next(2) == 0 ? random.NextDouble() * 6 : random.NextDouble() * 60))
                .OrderBy(d => d.Day).ToList();
        }

        var result = await store.AddMeasurementsAsync("ada", estate, "m.csv", series);
        result.Guests.ShouldBe(series.Count);

        // When the store is asked with several thresholds and windows, then it says what Core says of each guest
        foreach (var (threshold, window) in new[] { (5.0, 30), (5.0, 3), (50.0, 14), (0.5, 60), (59.0, 1) })
        {
            var query = new GuestQuery { EstateId = estate, ThresholdPercent = threshold, WindowDays = window, Today = Today, Limit = 1000 };
            var (all, _) = await store.GuestsAsync(query);
            var (idle, held) = await store.GuestsAsync(query with { List = GuestList.Idle });
            var expected = all.Where(g => Activity.Judge(series.GetValueOrDefault(g.Name) ?? [], Today, window, threshold).Idle).Select(g => g.Name).ToList();
            idle.Select(g => g.Name).ShouldBe(expected, $"threshold {threshold}, window {window}");
            held.Guests.ShouldBe(expected.Count);
            held.Vcpus.ShouldBe(all.Where(g => expected.Contains(g.Name)).Sum(g => g.Vcpus));
            foreach (var g in all)
            {
                var core = Activity.Judge(series.GetValueOrDefault(g.Name) ?? [], Today, window, threshold);
                (g.LastActiveDay, g.WindowPeak).ShouldBe((core.LastActiveDay, core.WindowPeak), $"{g.Name}, threshold {threshold}, window {window}");
            }
        }

        // And the owner and expiry lists hold what their rule says; retired guests are in none
        (await store.GuestsAsync(new GuestQuery { List = GuestList.Unowned, Today = Today, Limit = 1000 })).Held.Guests.ShouldBe(guests.Count(g => g.Owner is null));
        (await store.GuestsAsync(new GuestQuery { List = GuestList.Expired, Today = Today, Limit = 1000 })).Rows.Select(g => g.Name)
            .ShouldBe(guests.Where(g => g.ExpiresOn < Today).Select(g => g.Name).ToList());
        var first = (await store.GuestsAsync(new GuestQuery { Name = "g00", Today = Today })).Rows.Single();
        (await store.SetGuestStateAsync("ada", first.Id, "retire")).ShouldBe(ConsoleStore.GuestChange.Done);
        (await store.GuestsAsync(new GuestQuery { List = GuestList.Unowned, Today = Today, Limit = 1000 })).Rows.ShouldNotContain(g => g.Name == "g00");
        (await store.RetiredGuestNamesAsync(estate)).ShouldBe(["g00"]);

        // And a second upload of the same days replaces them rather than adding to them
        await store.AddMeasurementsAsync("ada", estate, "m.csv", series);
        (await store.GuestDaysAsync(first.Id + 1)).ShouldBe(series["g01"]);
    }

    [Theory]
    [MemberData(nameof(StoreTests.Databases), MemberType = typeof(StoreTests))]
    public async Task Estates_stored_at_schema_version_1_get_their_guests_when_the_console_starts_on_version_4(string database)
    {
        // Given a database at version 1 with an estate
        var options = database == "sqlite" ? DatabaseOptions.SqliteFile(_folder.File("old.db")) : postgres.NewDatabase()();
        await Migrations.ApplyAsync(new Dialect(options), TimeProvider.System, [Migrations.All[0]]);
        var text = Shuyaku.Web.Tests.Pages.GuestPageTests.Example();
        long estate;
        await using (var connection = await new Dialect(options).OpenAsync())
        {
            // As version 1 stored an estate: its file in its row
            await Sql.ExecuteAsync(connection, null, "INSERT INTO estates (name, file_name, source_text, digest, uploaded_by, uploaded_at) VALUES ('old', 'estate.yaml', @text, 'digest', 'ada', '2026-12-01T00:00:00.000Z')",
                ("@text", text));
            estate = (await Sql.ScalarAsync(connection, null, "SELECT MAX(id) FROM estates"))!.Value;
        }

        // When the console starts on it
        await using var host = await ConsoleHost.StartAsync(database: options);

        // Then the schema is migrated and every workload is a guest, with what its comments say
        host.Output.ShouldStartWith($"Database: {options.Describe()}, schema version {Migrations.Latest} (applied now: 3, 4, 5, 6, 7, 8).");
        var (rows, held) = await host.Store.GuestsAsync(new GuestQuery { EstateId = estate, Today = Today, Limit = 1000 });
        held.Guests.ShouldBe(Shuyaku.Core.Sizing.EstateFit.ReadAndCheck(text, "estate.yaml").Value!.Workloads.Count);
        rows.Single(g => g.Name == "kanda-apache-1").Owner.ShouldBe("team-web");
        // (on PostgreSQL the console also audits its new cookie key, keys.create, so the import is not always the newest row)
        (await host.Store.AuditAsync()).Count(a => a.Actor == ConsoleStore.ConsoleActor && a.Action == "guest.import").ShouldBe(1);
    }
}
