using Microsoft.Data.Sqlite;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Core.Traces;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Storage;

/// <summary>The guest lists are cached per query, and every change of a guest or its measured days shows at once, on both databases.</summary>
[Collection(PostgresCollection.Name)]
public sealed class GuestCacheTests(PostgresServer postgres) : IDisposable
{
    private static readonly DateOnly Today = new(2026, 12, 6);
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Theory]
    [MemberData(nameof(StoreTests.Databases), MemberType = typeof(StoreTests))]
    public async Task A_retire_an_edit_and_a_measurements_upload_show_at_once_also_when_another_console_on_the_same_database_made_them(string database)
    {
        // Given two stores on one database (two consoles) and the sprawl's idle and unowned lists read once, so cached
        var options = database == "sqlite" ? DatabaseOptions.SqliteFile(_folder.File("console.db")) : postgres.NewDatabase()();
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
        var store = new ConsoleStore(options, clock);
        await store.MigrateAsync();
        var other = new ConsoleStore(options, clock);
        var guests = Enumerable.Range(0, 6).Select(i => new NewGuest($"g{i}", 2, 4096, 40_960, i % 2 == 0 ? null : "team", null, null, null)).ToList();
        var estate = await store.AddEstateAsync("ada", "e", "e.yaml", "name: e", "digest", guests);
        var idle = Enumerable.Range(0, 6).ToDictionary(i => $"g{i}", i => (IReadOnlyList<ActivityDay>)[new ActivityDay(Today, 12, 1, i < 3 ? 2 : 40)], StringComparer.Ordinal);
        await store.AddMeasurementsAsync("ada", estate, "m.csv", idle);
        var idleQuery = new GuestQuery { List = GuestList.Idle, Today = Today };
        var unownedQuery = new GuestQuery { List = GuestList.Unowned, Today = Today };
        (await store.GuestsAsync(idleQuery)).Rows.Select(g => g.Name).ShouldBe(["g0", "g1", "g2"]);
        (await store.GuestsAsync(unownedQuery)).Held.ShouldBe(new Held(3, 6, 3 * 4096, 3 * 40_960));
        var cached = await store.GuestsAsync(idleQuery);
        (await store.GuestsAsync(idleQuery)).Rows.ShouldBeSameAs(cached.Rows, "an unchanged query is answered from the cache");

        // When the other console retires g0, the next read of the first shows it gone from both lists
        var g0 = cached.Rows[0].Id;
        (await other.SetGuestStateAsync("olga", g0, "retire")).ShouldBe(ConsoleStore.GuestChange.Done);
        (await store.GuestsAsync(idleQuery)).Rows.Select(g => g.Name).ShouldBe(["g1", "g2"]);
        (await store.GuestsAsync(unownedQuery)).Held.ShouldBe(new Held(2, 4, 2 * 4096, 2 * 40_960));

        // And an edit (g2 gets an owner) and an upload (g1 busy today) show at once too
        (await other.EditGuestAsync("olga", cached.Rows[2].Id, new GuestEdit("team", null, null))).ShouldBe(ConsoleStore.GuestChange.Done);
        (await store.GuestsAsync(unownedQuery)).Rows.Select(g => g.Name).ShouldBe(["g4"]);
        await other.AddMeasurementsAsync("olga", estate, "m2.csv", new Dictionary<string, IReadOnlyList<ActivityDay>>(StringComparer.Ordinal)
        {
            ["g1"] = [new ActivityDay(Today, 12, 30, 90)],
        });
        var after = await store.GuestsAsync(idleQuery);
        after.Rows.Select(g => g.Name).ShouldBe(["g2"]);
        after.Held.Guests.ShouldBe(1);

        // And a refused change (restoring an active guest) changes nothing, so the cached answer stands
        (await other.SetGuestStateAsync("olga", cached.Rows[1].Id, "restore")).ShouldBe(ConsoleStore.GuestChange.Refused);
        (await store.GuestsAsync(idleQuery)).Rows.ShouldBeSameAs(after.Rows);
    }
}
