using System.Data.Common;

namespace Shuyaku.Web.Storage;

/// <summary>One step of the schema: a version, a name, and the statements that take the schema there.</summary>
internal sealed record Migration(int Version, string Name, Func<Dialect, IReadOnlyList<string>> Statements);

/// <summary>
/// The schema as numbered migrations, applied in order on start: each in its own transaction together with its row in
/// schema_version, so a migration is either wholly applied and recorded or not at all. Add a migration at the end;
/// never edit one that has shipped.
/// </summary>
internal static class Migrations
{
    /// <summary>Every migration, in order.</summary>
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "users, estates, plans, audit log", d =>
        [
            $"""
            CREATE TABLE users (
                id {d.IdColumn},
                name TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL)
            """,
            $"""
            CREATE TABLE estates (
                id {d.IdColumn},
                name TEXT NOT NULL,
                file_name TEXT NOT NULL,
                source_text TEXT NOT NULL,
                digest TEXT NOT NULL,
                uploaded_by TEXT NOT NULL,
                uploaded_at TEXT NOT NULL)
            """,
            $"""
            CREATE TABLE plans (
                id {d.IdColumn},
                estate_id BIGINT NOT NULL REFERENCES estates(id),
                status TEXT NOT NULL,
                progress TEXT NOT NULL,
                inputs_digest TEXT,
                plan_json TEXT,
                hosts BIGINT,
                lower_bound BIGINT,
                failures BIGINT,
                checker_valid BIGINT,
                message TEXT,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                finished_at TEXT)
            """,
            "CREATE INDEX plans_by_estate ON plans (estate_id, id)",
            $"""
            CREATE TABLE audit_log (
                id {d.IdColumn},
                actor TEXT NOT NULL,
                at TEXT NOT NULL,
                action TEXT NOT NULL,
                object TEXT NOT NULL,
                detail TEXT NOT NULL)
            """,
        ]),
        new(3, "what-ifs, move plans, cookie keys", d =>
        [
            $"""
            CREATE TABLE what_ifs (
                id {d.IdColumn},
                plan_id BIGINT NOT NULL REFERENCES plans(id),
                status TEXT NOT NULL,
                progress TEXT NOT NULL,
                request_json TEXT NOT NULL,
                summary TEXT NOT NULL,
                result_json TEXT,
                new_plan_json TEXT,
                holds BIGINT,
                message TEXT,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                finished_at TEXT)
            """,
            "CREATE INDEX what_ifs_by_plan ON what_ifs (plan_id, id)",
            $"""
            CREATE TABLE moves (
                id {d.IdColumn},
                plan_id BIGINT NOT NULL UNIQUE REFERENCES plans(id),
                status TEXT NOT NULL,
                move_json TEXT,
                violations BIGINT,
                message TEXT,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                finished_at TEXT)
            """,
            $"""
            CREATE TABLE cookie_keys (
                id {d.IdColumn},
                name TEXT NOT NULL,
                xml TEXT NOT NULL,
                created_at TEXT NOT NULL)
            """,
        ]),
        new(4, "guests, their activity per day, plans' left-out guests", d =>
        [
            $"""
            CREATE TABLE guests (
                id {d.IdColumn},
                estate_id BIGINT NOT NULL REFERENCES estates(id),
                name TEXT NOT NULL,
                vcpus BIGINT NOT NULL,
                memory_mib DOUBLE PRECISION NOT NULL,
                disk_mib DOUBLE PRECISION NOT NULL,
                owner TEXT,
                purpose TEXT,
                created_on TEXT,
                expires_on TEXT,
                state TEXT NOT NULL,
                changed_by TEXT NOT NULL,
                changed_at TEXT NOT NULL,
                UNIQUE (estate_id, name))
            """,
            "CREATE INDEX guests_by_state ON guests (state, name)",
            """
            CREATE TABLE guest_days (
                guest_id BIGINT NOT NULL REFERENCES guests(id),
                day TEXT NOT NULL,
                samples BIGINT NOT NULL,
                mean DOUBLE PRECISION NOT NULL,
                peak DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (guest_id, day))
            """,
            "ALTER TABLE plans ADD COLUMN excluded TEXT",
        ]),
        new(5, "change counters: guests (checked by the guest cache), users (serialises changes of users)", _ =>
        [
            "CREATE TABLE change_counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
            "INSERT INTO change_counters (name, value) VALUES ('guests', 0), ('users', 0)",
        ]),
        new(6, "plans' message as a stored text, shown in the reader's language", _ =>
        [
            "ALTER TABLE plans ADD COLUMN message_text TEXT",
        ]),
        new(7, "estates' files and plans' plan.json in tables of their own, so the lists of estates and plans read small rows", _ =>
        [
            """
            CREATE TABLE estate_files (
                estate_id BIGINT PRIMARY KEY REFERENCES estates(id),
                source_text TEXT NOT NULL)
            """,
            "INSERT INTO estate_files (estate_id, source_text) SELECT id, source_text FROM estates",
            "ALTER TABLE estates DROP COLUMN source_text",
            """
            CREATE TABLE plan_files (
                plan_id BIGINT PRIMARY KEY REFERENCES plans(id),
                plan_json TEXT NOT NULL)
            """,
            "INSERT INTO plan_files (plan_id, plan_json) SELECT id, plan_json FROM plans WHERE plan_json IS NOT NULL",
            "ALTER TABLE plans DROP COLUMN plan_json",
        ]),
        new(8, "what-ifs' and moves' messages, what-ifs' answers and audit details as stored texts, shown in the reader's language", _ =>
        [
            "ALTER TABLE what_ifs ADD COLUMN message_text TEXT",
            "ALTER TABLE what_ifs ADD COLUMN answer_text TEXT",
            "ALTER TABLE moves ADD COLUMN message_text TEXT",
            "ALTER TABLE audit_log ADD COLUMN detail_text TEXT",
        ]),
    ];

    /// <summary>The version the schema is at once every migration is applied.</summary>
    public static int Latest => All[^1].Version;

    /// <summary>Applies the migrations the database lacks, in order; returns the versions applied.</summary>
    public static async Task<IReadOnlyList<int>> ApplyAsync(Dialect dialect, TimeProvider time, IReadOnlyList<Migration>? migrations = null)
    {
        migrations ??= All;
        await using var connection = await dialect.OpenAsync();
        await Sql.ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var applied = new List<int>();
        foreach (var migration in migrations)
        {
            await using var tx = await connection.BeginTransactionAsync();
            var current = await Sql.ScalarAsync(connection, tx, "SELECT MAX(version) FROM schema_version") ?? 0;
            if (migration.Version <= current)
            {
                await tx.RollbackAsync();
                continue;
            }

            foreach (var statement in migration.Statements(dialect))
            {
                await Sql.ExecuteAsync(connection, tx, statement);
            }

            await Sql.ExecuteAsync(connection, tx, "INSERT INTO schema_version (version, name, applied_at) VALUES (@v, @n, @t)",
                ("@v", (long)migration.Version), ("@n", migration.Name), ("@t", Sql.Time(time.GetUtcNow())));
            await tx.CommitAsync();
            applied.Add(migration.Version);
        }

        return applied;
    }

    /// <summary>The schema's version: the highest migration recorded, 0 for an empty database.</summary>
    public static async Task<int> VersionAsync(DbConnection connection) =>
        (int)(await Sql.ScalarAsync(connection, null, "SELECT MAX(version) FROM schema_version") ?? 0);
}
