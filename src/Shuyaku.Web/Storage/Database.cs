using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Shuyaku.Web.Storage;

/// <summary>Which database the console keeps its data in.</summary>
public enum DatabaseKind
{
    /// <summary>A SQLite file (the default), in WAL mode with synchronous=FULL.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, through Npgsql.</summary>
    Postgres,
}

/// <summary>A database to open: its kind and an ADO.NET connection string.</summary>
public sealed record DatabaseOptions(DatabaseKind Kind, string ConnectionString)
{
    /// <summary>A SQLite file at <paramref name="path"/>, created on first start.</summary>
    public static DatabaseOptions SqliteFile(string path) =>
        new(DatabaseKind.Sqlite, new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString());

    /// <summary>A PostgreSQL database given by an Npgsql connection string.</summary>
    public static DatabaseOptions Postgres(string connectionString) => new(DatabaseKind.Postgres, connectionString);

    /// <summary>Where the data is, for the start-up line: the SQLite file, or the PostgreSQL host and database (never the password).</summary>
    public string Describe() => Kind == DatabaseKind.Sqlite
        ? "SQLite " + new SqliteConnectionStringBuilder(ConnectionString).DataSource
        : $"PostgreSQL {new NpgsqlConnectionStringBuilder(ConnectionString).Host}/{new NpgsqlConnectionStringBuilder(ConnectionString).Database}";
}

/// <summary>
/// The few differences between SQLite and PostgreSQL, in one place: how a connection is opened (SQLite's durability
/// pragmas; PostgreSQL's pool) and the identity column. Everything else is the same parameterised SQL over ADO.NET.
/// </summary>
internal sealed class Dialect : IDisposable
{
    /// <summary>
    /// The PostgreSQL pool's size when the connection string names neither bound: its minimum and maximum, so every
    /// connection is opened at start (<see cref="WarmAsync"/>) and a burst of requests never waits for the server to
    /// start a backend process. Requests hold a connection for one short statement, so a burst beyond it queues for a
    /// pooled connection instead.
    /// </summary>
    public const int DefaultPoolSize = 16;

    private readonly DatabaseOptions _options;
    private readonly NpgsqlDataSource? _postgres;

    public Dialect(DatabaseOptions options)
    {
        _options = options;
        if (options.Kind == DatabaseKind.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(PoolDefaults(options.ConnectionString));
        }
    }

    /// <summary>The kind of database.</summary>
    public DatabaseKind Kind => _options.Kind;

    /// <summary>Closes the PostgreSQL pool's connections.</summary>
    public void Dispose() => _postgres?.Dispose();

    /// <summary>An auto-numbered 64-bit primary key column.</summary>
    public string IdColumn => Kind == DatabaseKind.Sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    /// <summary>
    /// An open connection. SQLite: WAL journal and synchronous=FULL, so a committed transaction is on disk before
    /// the commit returns and survives the process being killed; foreign keys on; a wait instead of "database is locked".
    /// PostgreSQL: one from the store's pool.
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancel = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancel);
        }

        var sqlite = new SqliteConnection(_options.ConnectionString);
        await sqlite.OpenAsync(cancel);
        await using var pragma = sqlite.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";
        await pragma.ExecuteNonQueryAsync(cancel);
        return sqlite;
    }

    /// <summary>
    /// PostgreSQL with pooling: opens the pool's minimum of connections at once and returns them to the pool, so the
    /// first requests find them open. Nothing to do on SQLite (a file open is cheap) or without pooling.
    /// </summary>
    public async Task WarmAsync()
    {
        if (_postgres is null || new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) is not { Pooling: true, MinPoolSize: > 0 } pool)
        {
            return;
        }

        var connections = await Task.WhenAll(Enumerable.Range(0, pool.MinPoolSize).Select(_ => _postgres.OpenConnectionAsync().AsTask()));
        foreach (var c in connections)
        {
            await c.DisposeAsync();
        }
    }

    /// <summary>
    /// The connection string with the console's pool defaults: with pooling on (Npgsql's default), a bound of the pool
    /// that the string does not name is <see cref="DefaultPoolSize"/>, or the named bound where that is tighter (a
    /// maximum below 16 lowers the minimum to it, a minimum above 16 raises the maximum to it). Named bounds are kept.
    /// </summary>
    internal static string PoolDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        if (!b.Pooling)
        {
            return connectionString;
        }

        var hasMin = given.Contains("minpoolsize") || given.Contains("minimumpoolsize");
        var hasMax = given.Contains("maxpoolsize") || given.Contains("maximumpoolsize");
        if (!hasMin)
        {
            b.MinPoolSize = hasMax ? Math.Min(b.MaxPoolSize, DefaultPoolSize) : DefaultPoolSize;
        }

        if (!hasMax)
        {
            b.MaxPoolSize = Math.Max(b.MinPoolSize, DefaultPoolSize);
        }

        return b.ConnectionString;
    }
}

/// <summary>Small helpers over ADO.NET commands: every value goes in as a parameter, never into the SQL text.</summary>
internal static class Sql
{
    /// <summary>A command on <paramref name="tx"/>'s connection with named parameters (@name).</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        return command;
    }

    /// <summary>Runs a statement; returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row as a 64-bit number, or null when there is no row or it is NULL.</summary>
    public static async Task<long?> ScalarAsync(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every row, read by <paramref name="map"/>.</summary>
    public static async Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction? tx, string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>A 64-bit number column, whichever integer type the provider returns.</summary>
    public static long Long(this DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A nullable 64-bit number column.</summary>
    public static long? LongOrNull(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.Long(i);

    /// <summary>A nullable text column.</summary>
    public static string? TextOrNull(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>A time as stored: UTC, ISO 8601 with milliseconds, so text order is time order on both databases.</summary>
    public static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A stored time read back.</summary>
    public static DateTimeOffset ReadTime(this DbDataReader r, int i) =>
        DateTimeOffset.Parse(r.GetString(i), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
}
