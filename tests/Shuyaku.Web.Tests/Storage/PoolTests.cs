using Npgsql;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Storage;

/// <summary>The console's PostgreSQL pool: its default size, kept open from the start, and a named bound kept as given.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PoolTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("Host=h;Database=d", 16, 16)]
    [InlineData("Host=h;Database=d;Pooling=true", 16, 16)]
    [InlineData("Host=h;Database=d;Maximum Pool Size=40", 16, 40)]
    [InlineData("Host=h;Database=d;MaxPoolSize=8", 8, 8)]
    [InlineData("Host=h;Database=d;Minimum Pool Size=30", 30, 30)]
    [InlineData("Host=h;Database=d;MinPoolSize=2", 2, 16)]
    [InlineData("Host=h;Database=d;Minimum Pool Size=0", 0, 16)]
    [InlineData("Host=h;Database=d;Minimum Pool Size=3;Maximum Pool Size=90", 3, 90)]
    public void A_pooled_connection_string_gets_a_pool_of_16_kept_open_where_it_names_no_bound(string given, int min, int max)
    {
        var b = new NpgsqlConnectionStringBuilder(Dialect.PoolDefaults(given));

        (b.MinPoolSize, b.MaxPoolSize).ShouldBe((min, max));
        (b.Host, b.Database).ShouldBe(("h", "d"));
    }

    [Fact]
    public void A_connection_string_without_pooling_is_kept_as_given() =>
        Dialect.PoolDefaults("Host=h;Database=d;Pooling=false").ShouldBe("Host=h;Database=d;Pooling=false");

    [PostgresFact]
    public async Task On_postgres_the_store_opens_its_pool_at_start_a_burst_opens_no_more_and_dispose_closes_them()
    {
        // Given a store over a pooled connection string that names no pool size
        var unpooled = postgres.NewDatabase()().ConnectionString;
        var database = new NpgsqlConnectionStringBuilder(unpooled).Database!;
        var store = new ConsoleStore(DatabaseOptions.Postgres(new NpgsqlConnectionStringBuilder(unpooled) { Pooling = true }.ConnectionString), TimeProvider.System);
        await store.MigrateAsync();

        // When it is warmed, then 50 reads run at once
        await store.WarmAsync();
        var warmed = await BackendsAsync(unpooled, database);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => store.UserCountAsync()));
        var afterBurst = await BackendsAsync(unpooled, database);
        store.Dispose();

        // Then the server had the pool's 16 backends from the start, no more after the burst, and none once disposed
        warmed.ShouldBe(Dialect.DefaultPoolSize);
        afterBurst.ShouldBe(Dialect.DefaultPoolSize);
        var left = -1L;
        for (var i = 0; i < 100 && left != 0; i++)
        {
            left = await BackendsAsync(unpooled, database);
            await Task.Delay(left == 0 ? 0 : 50);
        }

        left.ShouldBe(0);
    }

    /// <summary>The server's backends connected to <paramref name="database"/>, counted over a connection outside any pool (not counted itself).</summary>
    private static async Task<long> BackendsAsync(string unpooled, string database)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(unpooled) { Database = "postgres" }.ConnectionString);
        await c.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = @d", c);
        count.Parameters.AddWithValue("d", database);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
