using System.Data.Common;
using Shuyaku.Web.Localization;

namespace Shuyaku.Web.Storage;

/// <summary>Plans: queued by a user, advanced by the planner, finished with plan.json and headline figures.</summary>
public sealed partial class ConsoleStore
{
    /// <summary>The actor the audit log names for what the background planner does.</summary>
    public const string PlannerActor = "planner";

    /// <summary>
    /// A plan's columns (<c>p</c>): with its plan.json from <c>plan_files</c>, or, for lists, NULL in its place; both end
    /// with whether a plan.json is stored (1 or 0).
    /// </summary>
    private static string PlanColumns(bool withJson) =>
        "p.id, p.estate_id, p.status, p.progress, p.inputs_digest, " +
        (withJson ? "(SELECT f.plan_json FROM plan_files f WHERE f.plan_id = p.id)" : "NULL") +
        ", p.hosts, p.lower_bound, p.failures, p.checker_valid, p.message, p.created_by, p.created_at, p.finished_at, p.message_text, " +
        "CASE WHEN EXISTS (SELECT 1 FROM plan_files f WHERE f.plan_id = p.id) THEN 1 ELSE 0 END";

    private static PlanRecord ReadPlan(DbDataReader r, int o) => new(
        r.Long(o), r.Long(o + 1), r.GetString(o + 2), r.GetString(o + 3), r.TextOrNull(o + 4), r.TextOrNull(o + 5), r.LongOrNull(o + 6), r.LongOrNull(o + 7),
        r.LongOrNull(o + 8), r.LongOrNull(o + 9) is { } v ? v != 0 : null, r.TextOrNull(o + 10), r.GetString(o + 11), r.ReadTime(o + 12),
        r.IsDBNull(o + 13) ? null : r.ReadTime(o + 13), r.TextOrNull(o + 14))
    {
        HasPlanJson = r.Long(o + 15) != 0,
    };

    /// <summary>Queues a plan of an estate; returns its id, or null when there is no such estate.</summary>
    public Task<long?> AddPlanAsync(string actor, long estateId) =>
        WriteAsync<long?>(actor, "plan.queue", async (c, tx) =>
        {
            if (await Sql.ScalarAsync(c, tx, "SELECT COUNT(*) FROM estates WHERE id = @id", ("@id", estateId)) == 0)
            {
                return (null, $"estate #{estateId}", Refused(Detail("web.audit.no-estate")));
            }

            var id = await InsertAsync(c, tx, "INSERT INTO plans (estate_id, status, progress, created_by, created_at) VALUES (@estate, @status, @progress, @by, @at)",
                ("@estate", estateId), ("@status", PlanStatus.Queued), ("@progress", ProgressText.Stored(ProgressText.WaitingForPlanner)), ("@by", actor), ("@at", Now()));
            return (id, $"plan #{id}", Detail("web.audit.of-estate", estateId));
        });

    /// <summary>The plan with this id, or null.</summary>
    public async Task<PlanRecord?> PlanAsync(long id) =>
        (await ReadAsync(c => Sql.QueryAsync(c, null, $"SELECT {PlanColumns(withJson: true)} FROM plans p WHERE p.id = @id", r => ReadPlan(r, 0), ("@id", id)))).FirstOrDefault();

    /// <summary>The plans of an estate, newest first, without their plan.json (<see cref="PlanRecord.PlanJson"/> null, <see cref="PlanRecord.HasPlanJson"/> set).</summary>
    public Task<List<PlanRecord>> PlansAsync(long estateId) =>
        ReadAsync(c => Sql.QueryAsync(c, null, $"SELECT {PlanColumns(withJson: false)} FROM plans p WHERE p.estate_id = @id ORDER BY p.id DESC", r => ReadPlan(r, 0), ("@id", estateId)));

    /// <summary>Plans not finished (queued, or running when the server stopped), oldest first: the planner takes them up again on start.</summary>
    public Task<List<long>> UnfinishedPlansAsync() =>
        ReadAsync(c => Sql.QueryAsync(c, null, "SELECT id FROM plans WHERE status IN (@q, @r) ORDER BY id", r => r.Long(0), ("@q", PlanStatus.Queued), ("@r", PlanStatus.Running)));

    /// <summary>Marks a plan running and sets its progress line (progress is not a change a user made, so it is not audited).</summary>
    public async Task SetProgressAsync(long id, string progress)
    {
        await using var connection = await _dialect.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await Sql.ExecuteAsync(connection, tx, "UPDATE plans SET status = @status, progress = @progress WHERE id = @id",
            ("@status", PlanStatus.Running), ("@progress", progress), ("@id", id));
        await tx.CommitAsync();
    }

    /// <summary>Records the guests a plan leaves out because they were retired when it ran (not audited: the planner's bookkeeping).</summary>
    public async Task SetPlanExcludedAsync(long id, IReadOnlyList<string> names)
    {
        await using var connection = await _dialect.OpenAsync();
        await Sql.ExecuteAsync(connection, null, "UPDATE plans SET excluded = @x WHERE id = @id", ("@x", names.Count == 0 ? null : string.Join("\n", names)), ("@id", id));
    }

    /// <summary>The guests a plan left out because they were retired when it ran, in name order; empty for none.</summary>
    public async Task<IReadOnlyList<string>> PlanExcludedAsync(long id) =>
        (await ReadAsync(c => Sql.QueryAsync(c, null, "SELECT excluded FROM plans WHERE id = @id", r => r.TextOrNull(0), ("@id", id)))).FirstOrDefault()
        ?.Split('\n') ?? [];

    /// <summary>Stores a plan's result and audits it as the planner's.</summary>
    public Task FinishPlanAsync(long id, PlanResult result) =>
        WriteAsync(PlannerActor, "plan.finish", async (c, tx) =>
        {
            await Sql.ExecuteAsync(c, tx,
                "UPDATE plans SET status = @status, progress = @progress, inputs_digest = @digest, hosts = @hosts, lower_bound = @lb, " +
                "failures = @k, checker_valid = @valid, message = @message, message_text = @text, finished_at = @at WHERE id = @id",
                ("@status", result.Status), ("@progress", result.Status), ("@digest", result.InputsDigest),
                ("@hosts", (long?)result.Hosts), ("@lb", (long?)result.LowerBound), ("@k", (long?)result.Failures),
                ("@valid", result.CheckerValid is { } v ? (v ? 1L : 0L) : null), ("@message", result.Message), ("@text", result.Why?.ToJson()), ("@at", Now()), ("@id", id));
            await Sql.ExecuteAsync(c, tx, "DELETE FROM plan_files WHERE plan_id = @id", ("@id", id));
            if (result.PlanJson is { } json)
            {
                await Sql.ExecuteAsync(c, tx, "INSERT INTO plan_files (plan_id, plan_json) VALUES (@id, @json)", ("@id", id), ("@json", json));
            }

            return (0, $"plan #{id}", Finished(result.Status, result.Hosts is { } h ? Detail("web.audit.hosts", h) : null,
                result.Message is not { } m ? null : StoredText.FromJson(result.Why?.ToJson()) is { } why && why.English == m ? why : Detail("web.said", m)));
        });
}
