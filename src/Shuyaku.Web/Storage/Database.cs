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
/// pragmas) and the identity column. Everything else is the same parameterised SQL over ADO.NET.
/// </summary>
internal sealed class Dialect(DatabaseOptions options)
{
    /// <summary>The kind of database.</summary>
    public DatabaseKind Kind => options.Kind;

    /// <summary>An auto-numbered 64-bit primary key column.</summary>
    public string IdColumn => Kind == DatabaseKind.Sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    /// <summary>
    /// An open connection. SQLite: WAL journal and synchronous=FULL, so a committed transaction is on disk before
    /// the commit returns and survives the process being killed; foreign keys on; a wait instead of "database is locked".
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancel = default)
    {
        if (Kind == DatabaseKind.Postgres)
        {
            var pg = new NpgsqlConnection(options.ConnectionString);
            await pg.OpenAsync(cancel);
            return pg;
        }

        var sqlite = new SqliteConnection(options.ConnectionString);
        await sqlite.OpenAsync(cancel);
        await using var pragma = sqlite.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";
        await pragma.ExecuteNonQueryAsync(cancel);
        return sqlite;
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
