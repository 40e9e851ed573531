using System.Data.Common;
using Shuyaku.Web.Localization;

namespace Shuyaku.Web.Storage;

/// <summary>What-ifs of a plan and the move plan of a plan: queued by a user, run by the background worker, stored with their result.</summary>
public sealed partial class ConsoleStore
{
    private const string WhatIfColumns =
        "id, plan_id, status, progress, request_json, summary, result_json, new_plan_json, holds, message, created_by, created_at, finished_at, message_text, answer_text";

    /// <summary>The columns of <see cref="WhatIfColumns"/> with NULL for the answers, for lists.</summary>
    private const string WhatIfListColumns =
        "id, plan_id, status, progress, request_json, summary, NULL, NULL, holds, message, created_by, created_at, finished_at, message_text, NULL";

    private const string MoveColumns = "id, plan_id, status, move_json, violations, message, created_by, created_at, finished_at, message_text";

    private static WhatIfRecord ReadWhatIf(DbDataReader r) => new(
        r.Long(0), r.Long(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.TextOrNull(6), r.TextOrNull(7),
        r.LongOrNull(8) is { } h ? h != 0 : null, r.TextOrNull(9), r.GetString(10), r.ReadTime(11), r.IsDBNull(12) ? null : r.ReadTime(12), r.TextOrNull(13), r.TextOrNull(14));

    private static MoveRecord ReadMove(DbDataReader r) => new(
        r.Long(0), r.Long(1), r.GetString(2), r.TextOrNull(3), r.LongOrNull(4), r.TextOrNull(5), r.GetString(6), r.ReadTime(7), r.IsDBNull(8) ? null : r.ReadTime(8), r.TextOrNull(9));

    /// <summary>
    /// Queues a what-if of a plan (audited as <c>whatif.run</c>); returns its id. <paramref name="summary"/> is the request
    /// in a line: stored in English in <c>summary</c>, and in the audit's detail as said in each language.
    /// </summary>
    public Task<long> AddWhatIfAsync(string actor, long planId, string requestJson, StoredText summary) =>
        WriteAsync(actor, "whatif.run", async (c, tx) =>
        {
            var id = await InsertAsync(c, tx,
                "INSERT INTO what_ifs (plan_id, status, progress, request_json, summary, created_by, created_at) VALUES (@plan, @status, @progress, @request, @summary, @by, @at)",
                ("@plan", planId), ("@status", PlanStatus.Queued), ("@progress", ProgressText.Stored(ProgressText.WaitingForWorker)), ("@request", requestJson), ("@summary", summary.English),
                ("@by", actor), ("@at", Now()));
            return (id, $"what-if #{id}", Detail("web.audit.of-plan-asked", planId, summary));
        });

    /// <summary>The what-if with this id, or null.</summary>
    public async Task<WhatIfRecord?> WhatIfAsync(long id) =>
        (await ReadAsync(c => Sql.QueryAsync(c, null, $"SELECT {WhatIfColumns} FROM what_ifs WHERE id = @id", ReadWhatIf, ("@id", id)))).FirstOrDefault();

    /// <summary>
    /// The what-ifs of a plan, newest first, for a list: without their answers (<see cref="WhatIfRecord.ResultJson"/>,
    /// <see cref="WhatIfRecord.NewPlanJson"/> and <see cref="WhatIfRecord.AnswerText"/> null), which a re-plan of a large
    /// estate makes megabytes long and a list does not show; <see cref="WhatIfAsync"/> reads them.
    /// </summary>
    public Task<List<WhatIfRecord>> WhatIfsAsync(long planId) =>
        ReadAsync(c => Sql.QueryAsync(c, null, $"SELECT {WhatIfListColumns} FROM what_ifs WHERE plan_id = @id ORDER BY id DESC", ReadWhatIf, ("@id", planId)));

    /// <summary>Sets a what-if running with a progress line (not audited: no user made it).</summary>
    public async Task SetWhatIfProgressAsync(long id, string progress)
    {
        await using var connection = await _dialect.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await Sql.ExecuteAsync(connection, tx, "UPDATE what_ifs SET status = @status, progress = @progress WHERE id = @id",
            ("@status", PlanStatus.Running), ("@progress", progress), ("@id", id));
        await tx.CommitAsync();
    }

    /// <summary>
    /// Stores a what-if's answer, or why it has none (<paramref name="why"/>: its English in <c>message</c>, itself in
    /// <c>message_text</c>); audited as <c>whatif.finish</c> by the planner.
    /// </summary>
    public Task FinishWhatIfAsync(long id, string status, WhatIfAnswer? answer, StoredText? why) =>
        WriteAsync(PlannerActor, "whatif.finish", async (c, tx) =>
        {
            await Sql.ExecuteAsync(c, tx,
                "UPDATE what_ifs SET status = @status, progress = @status, result_json = @result, new_plan_json = @plan, holds = @holds, message = @message, " +
                "message_text = @text, answer_text = @answer, finished_at = @at WHERE id = @id",
                ("@status", status), ("@result", answer?.ResultJson), ("@plan", answer?.NewPlanJson), ("@holds", answer is { } a ? (a.Holds ? 1L : 0L) : null),
                ("@message", why?.English), ("@text", why?.ToJson()), ("@answer", answer?.Texts.ToJson()), ("@at", Now()), ("@id", id));
            return (0, $"what-if #{id}", Finished(status, answer is null ? null : Texts.Phrase(answer.Holds ? "web.audit.holds" : "web.audit.breaks"), why));
        });

    /// <summary>Queues the move plan of a plan (audited as <c>move.queue</c>); null when the plan already has one queued, running or stored.</summary>
    public Task<long?> AddMoveAsync(string actor, long planId) =>
        WriteAsync<long?>(actor, "move.queue", async (c, tx) =>
        {
            var existing = await Sql.QueryAsync(c, tx, "SELECT id, status FROM moves WHERE plan_id = @plan", r => (Id: r.Long(0), Status: r.GetString(1)), ("@plan", planId));
            if (existing.Count > 0 && existing[0].Status != PlanStatus.Failed)
            {
                return (null, $"move of plan #{planId}", Refused(Detail("web.audit.it-is", Status(existing[0].Status))));
            }

            if (existing.Count > 0)
            {
                // A failed move (an internal error) may be asked again; the row is reused, the old failure stays in the audit log.
                await Sql.ExecuteAsync(c, tx, "UPDATE moves SET status = @status, move_json = NULL, violations = NULL, message = NULL, message_text = NULL, created_by = @by, created_at = @at, finished_at = NULL WHERE id = @id",
                    ("@status", PlanStatus.Queued), ("@by", actor), ("@at", Now()), ("@id", existing[0].Id));
                return (existing[0].Id, $"move #{existing[0].Id}", Detail("web.audit.of-plan-again", planId));
            }

            var id = await InsertAsync(c, tx, "INSERT INTO moves (plan_id, status, created_by, created_at) VALUES (@plan, @status, @by, @at)",
                ("@plan", planId), ("@status", PlanStatus.Queued), ("@by", actor), ("@at", Now()));
            return (id, $"move #{id}", Detail("web.audit.of-plan", planId));
        });

    /// <summary>The move plan of a plan, or null when none was asked.</summary>
    public async Task<MoveRecord?> MoveOfPlanAsync(long planId) =>
        (await ReadAsync(c => Sql.QueryAsync(c, null, $"SELECT {MoveColumns} FROM moves WHERE plan_id = @id", ReadMove, ("@id", planId)))).FirstOrDefault();

    /// <summary>The move with this id, or null.</summary>
    public async Task<MoveRecord?> MoveAsync(long id) =>
        (await ReadAsync(c => Sql.QueryAsync(c, null, $"SELECT {MoveColumns} FROM moves WHERE id = @id", ReadMove, ("@id", id)))).FirstOrDefault();

    /// <summary>Marks a move running (not audited).</summary>
    public async Task SetMoveRunningAsync(long id)
    {
        await using var connection = await _dialect.OpenAsync();
        await Sql.ExecuteAsync(connection, null, "UPDATE moves SET status = @status WHERE id = @id", ("@status", PlanStatus.Running), ("@id", id));
    }

    /// <summary>Stores a move's result, or why it has none (<paramref name="why"/>, as a what-if's); audited as <c>move.finish</c> by the planner.</summary>
    public Task FinishMoveAsync(long id, string status, string? moveJson, int? violations, StoredText? why) =>
        WriteAsync(PlannerActor, "move.finish", async (c, tx) =>
        {
            await Sql.ExecuteAsync(c, tx, "UPDATE moves SET status = @status, move_json = @json, violations = @v, message = @message, message_text = @text, finished_at = @at WHERE id = @id",
                ("@status", status), ("@json", moveJson), ("@v", (long?)violations), ("@message", why?.English), ("@text", why?.ToJson()), ("@at", Now()), ("@id", id));
            return (0, $"move #{id}", Finished(status, violations is { } n ? Texts.Phrase("web.audit.violations", n) : null, why));
        });

    /// <summary>What-ifs and moves not finished, oldest first, for the worker to take up again on start.</summary>
    public async Task<List<(string Kind, long Id)>> UnfinishedJobsAsync()
    {
        var whatIfs = await ReadAsync(c => Sql.QueryAsync(c, null, "SELECT id FROM what_ifs WHERE status IN (@q, @r) ORDER BY id", r => r.Long(0), ("@q", PlanStatus.Queued), ("@r", PlanStatus.Running)));
        var moves = await ReadAsync(c => Sql.QueryAsync(c, null, "SELECT id FROM moves WHERE status IN (@q, @r) ORDER BY id", r => r.Long(0), ("@q", PlanStatus.Queued), ("@r", PlanStatus.Running)));
        return [.. whatIfs.Select(id => ("whatif", id)), .. moves.Select(id => ("move", id))];
    }

    /// <summary>Every cookie-protection key stored in the database (PostgreSQL), as XML text, oldest first.</summary>
    public Task<List<string>> CookieKeysAsync() =>
        ReadAsync(c => Sql.QueryAsync(c, null, "SELECT xml FROM cookie_keys ORDER BY id", r => r.GetString(0)));

    /// <summary>Stores a new cookie-protection key (audited as <c>keys.create</c> by the console, without the key).</summary>
    public Task AddCookieKeyAsync(string name, string xml) =>
        WriteAsync("console", "keys.create", async (c, tx) =>
        {
            var id = await InsertAsync(c, tx, "INSERT INTO cookie_keys (name, xml, created_at) VALUES (@name, @xml, @at)", ("@name", name), ("@xml", xml), ("@at", Now()));
            return (id, $"cookie key #{id}", Detail("web.said", name));
        });
}
