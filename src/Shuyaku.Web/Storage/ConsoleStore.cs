using System.Data.Common;

namespace Shuyaku.Web.Storage;

/// <summary>
/// The console's data over ADO.NET, the same SQL on SQLite and PostgreSQL. Every change runs in one transaction
/// together with its audit-log row, so a change is never stored without its record, nor recorded without being stored;
/// a method returns only after the commit (on SQLite with synchronous=FULL: on disk).
/// </summary>
public sealed partial class ConsoleStore : IDisposable
{
    private readonly Dialect _dialect;
    private readonly TimeProvider _time;
    private readonly GuestCache _guestCache = new();

    /// <summary>A store over <paramref name="database"/>, with times from <paramref name="time"/>.</summary>
    public ConsoleStore(DatabaseOptions database, TimeProvider time)
    {
        _dialect = new Dialect(database);
        _time = time;
    }

    /// <summary>Closes the store's PostgreSQL connections (the console's application does so when it is disposed); nothing on SQLite.</summary>
    public void Dispose() => _dialect.Dispose();

    /// <summary>The kind of database behind the store.</summary>
    public DatabaseKind Kind => _dialect.Kind;

    /// <summary>Brings the schema up to date; returns the migrations applied now (none when it already was).</summary>
    public Task<IReadOnlyList<int>> MigrateAsync() => Migrations.ApplyAsync(_dialect, _time);

    /// <summary>
    /// Opens the PostgreSQL pool's connections now (its minimum, <see cref="Dialect.DefaultPoolSize"/> unless the connection
    /// string says otherwise), so the first burst of requests does not wait for the server to start backends; nothing on SQLite.
    /// </summary>
    public Task WarmAsync() => _dialect.WarmAsync();

    /// <summary>The schema's version.</summary>
    public async Task<int> SchemaVersionAsync()
    {
        await using var connection = await _dialect.OpenAsync();
        return await Migrations.VersionAsync(connection);
    }

    /// <summary>The audit log, newest first, at most <paramref name="limit"/> entries.</summary>
    public Task<List<AuditEntry>> AuditAsync(int limit = 500) =>
        ReadAsync(c => Sql.QueryAsync(c, null, "SELECT id, actor, at, action, object, detail FROM audit_log ORDER BY id DESC LIMIT @limit",
            r => new AuditEntry(r.Long(0), r.GetString(1), r.ReadTime(2), r.GetString(3), r.GetString(4), r.GetString(5)), ("@limit", (long)limit)));

    private string Now() => Sql.Time(_time.GetUtcNow());

    private async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read)
    {
        await using var connection = await _dialect.OpenAsync();
        return await read(connection);
    }

    /// <summary>Runs <paramref name="work"/> and writes its audit row in one transaction; commits, then returns.</summary>
    private async Task<T> WriteAsync<T>(string actor, string action, Func<DbConnection, DbTransaction, Task<(T Result, string Object, string Detail)>> work)
    {
        await using var connection = await _dialect.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var (result, obj, detail) = await work(connection, tx);
        await Sql.ExecuteAsync(connection, tx, "INSERT INTO audit_log (actor, at, action, object, detail) VALUES (@actor, @at, @action, @object, @detail)",
            ("@actor", actor), ("@at", Now()), ("@action", action), ("@object", obj), ("@detail", detail));
        await tx.CommitAsync();
        return result;
    }

    /// <summary>Inserts a row and returns its new id (RETURNING works on both databases).</summary>
    private static async Task<long> InsertAsync(DbConnection connection, DbTransaction tx, string sql, params (string, object?)[] parameters) =>
        await Sql.ScalarAsync(connection, tx, sql + " RETURNING id", parameters) ?? throw new InvalidOperationException("INSERT returned no id.");
}
