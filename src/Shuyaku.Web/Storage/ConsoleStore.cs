using System.Data.Common;
using Shuyaku.Web.Localization;

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
        ReadAsync(c => Sql.QueryAsync(c, null, "SELECT id, actor, at, action, object, detail, detail_text FROM audit_log ORDER BY id DESC LIMIT @limit",
            r => new AuditEntry(r.Long(0), r.GetString(1), r.ReadTime(2), r.GetString(3), r.GetString(4), r.GetString(5), r.TextOrNull(6)), ("@limit", (long)limit)));

    private string Now() => Sql.Time(_time.GetUtcNow());

    private async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read)
    {
        await using var connection = await _dialect.OpenAsync();
        return await read(connection);
    }

    /// <summary>
    /// Runs <paramref name="work"/> and writes its audit row in one transaction; commits, then returns. The row's detail is
    /// stored in English (<c>detail</c>) and as a stored text (<c>detail_text</c>), which the audit page shows in the
    /// reader's language; no detail is stored as an empty one.
    /// </summary>
    private async Task<T> WriteAsync<T>(string actor, string action, Func<DbConnection, DbTransaction, Task<(T Result, string Object, StoredText? Detail)>> work)
    {
        await using var connection = await _dialect.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var (result, obj, detail) = await work(connection, tx);
        await Sql.ExecuteAsync(connection, tx, "INSERT INTO audit_log (actor, at, action, object, detail, detail_text) VALUES (@actor, @at, @action, @object, @detail, @text)",
            ("@actor", actor), ("@at", Now()), ("@action", action), ("@object", obj), ("@detail", detail?.English ?? ""), ("@text", detail?.ToJson()));
        await tx.CommitAsync();
        return result;
    }

    /// <summary>An audit detail: the console's text of <paramref name="key"/> (<c>web.audit.…</c>) with its arguments.</summary>
    private static StoredText Detail(string key, params object?[] args) => Texts.Phrase(key, args);

    /// <summary>A refusal's audit detail: <c>refused: </c> and why.</summary>
    private static StoredText Refused(StoredText why) => Detail("web.audit.refused", why);

    /// <summary>A job's status as its audit detail says it, in the reader's language.</summary>
    private static StoredText Status(string status) => status switch
    {
        PlanStatus.Queued => Detail("web.status.queued"),
        PlanStatus.Running => Detail("web.status.running"),
        PlanStatus.Done => Detail("web.status.done"),
        PlanStatus.Infeasible => Detail("web.status.infeasible"),
        PlanStatus.Failed => Detail("web.status.failed"),
        _ => Detail("web.said", status),
    };

    /// <summary>A role or a guest's state as its audit detail says it, in the reader's language; another word as it is.</summary>
    private static StoredText Word(string word) => word switch
    {
        "admin" => Detail("web.role.admin"),
        "operator" => Detail("web.role.operator"),
        "viewer" => Detail("web.role.viewer"),
        GuestState.Active => Detail("web.state.active"),
        GuestState.Marked => Detail("web.state.marked"),
        GuestState.Retired => Detail("web.state.retired"),
        _ => Detail("web.said", word),
    };

    /// <summary>A finished job's audit detail: its status, what it found (<paramref name="found"/>) and why it has no result (<paramref name="why"/>).</summary>
    private static StoredText Finished(string status, StoredText? found, StoredText? why)
    {
        var said = found is null ? Status(status) : Detail("web.audit.finished", Status(status), found);
        return why is null ? said : Detail("web.audit.because", said, why);
    }

    /// <summary>Inserts a row and returns its new id (RETURNING works on both databases).</summary>
    private static async Task<long> InsertAsync(DbConnection connection, DbTransaction tx, string sql, params (string, object?)[] parameters) =>
        await Sql.ScalarAsync(connection, tx, sql + " RETURNING id", parameters) ?? throw new InvalidOperationException("INSERT returned no id.");
}
