using Shuyaku.Web.Storage;

namespace Shuyaku.Web.Tests.Support;

/// <summary>
/// The tests' private PostgreSQL server: <see cref="PrivatePostgres"/> (the one <c>shuyaku bench console --pg-auto</c>
/// starts too), or nothing when it cannot run here, so that the tests are skipped saying why.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly PrivatePostgres? _server;
    private int _databases;

    /// <summary>Why the server cannot run here, or null when it can.</summary>
    public static string? Unavailable => PrivatePostgres.Unavailable is { } why ? why + " The PostgreSQL tests are skipped." : null;

    public PostgresServer() => _server = Unavailable is null ? new PrivatePostgres() : null;

    public int Port => _server?.Port ?? 0;

    /// <summary>A new, empty database on the server.</summary>
    public DatabaseOptionsFactory NewDatabase() => () => DatabaseOptions.Postgres(_server!.CreateDatabase($"t{Interlocked.Increment(ref _databases)}"));

    public void Dispose() => _server?.Dispose();
}

/// <summary>Makes a new empty database.</summary>
public delegate DatabaseOptions DatabaseOptionsFactory();

/// <summary>A test that needs <see cref="PostgresServer"/>; skipped, saying why, when it cannot run here.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.Unavailable is { } why)
        {
            Skip = why;
        }
    }
}

/// <summary>The tests that share one <see cref="PostgresServer"/>, which xunit stops when they are done.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
