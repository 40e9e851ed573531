using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Shuyaku.Core.Model;
using Shuyaku.Core.Move;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.WhatIf;
using Shuyaku.Web.Guests;
using Shuyaku.Web.Localization;
using Shuyaku.Web.Storage;

namespace Shuyaku.Web.Planning;

/// <summary>What-ifs and move plans waiting for the background worker; the database is the record, this only wakes the worker.</summary>
public sealed class JobQueue
{
    /// <summary>The kinds of job.</summary>
    public const string WhatIf = "whatif", Move = "move";

    private readonly Channel<(string Kind, long Id)> _jobs = Channel.CreateUnbounded<(string, long)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Hands a stored, queued what-if to the worker.</summary>
    public void EnqueueWhatIf(long id) => _jobs.Writer.TryWrite((WhatIf, id));

    /// <summary>Hands a stored, queued move to the worker.</summary>
    public void EnqueueMove(long id) => _jobs.Writer.TryWrite((Move, id));

    internal ValueTask<(string Kind, long Id)> NextAsync(CancellationToken cancel) => _jobs.Reader.ReadAsync(cancel);
}

/// <summary>The request a what-if stores: the changes in the command line's words (docs/what-if.md).</summary>
/// <param name="Fail">Hosts to fail.</param>
/// <param name="Growth">Growth, as <c>--growth</c> reads it.</param>
/// <param name="Add">Copies, each <c>WORKLOAD=COUNT</c>.</param>
/// <param name="New">New workloads, each as <c>--new</c> reads it.</param>
/// <param name="Headroom">Headroom, as <c>--headroom</c> reads it.</param>
/// <param name="HostModel">The host model.</param>
public sealed record WhatIfRequest(string[]? Fail, string? Growth, string[]? Add, string[]? New, string? Headroom, string? HostModel)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The changes it asks, or every reason it does not read.</summary>
    public WhatIfChanges Changes(List<string> errors) =>
        WhatIfText.Changes(Fail ?? [], Blank(Growth), Add ?? [], New ?? [], Blank(Headroom), Blank(HostModel), errors);

    /// <summary>The request as stored.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>A stored request.</summary>
    public static WhatIfRequest FromJson(string json) => JsonSerializer.Deserialize<WhatIfRequest>(json, Options) ?? new(null, null, null, null, null, null);

    /// <summary>The request in a line, in English, as it is stored and the audit log and the API show it.</summary>
    public string Describe() => Describe(CultureInfo.InvariantCulture);

    /// <summary>The request in a line, said in each language: stored for the audit log's detail.</summary>
    public StoredText Summary() => StoredText.Said(() => Describe(CultureInfo.CurrentUICulture));

    /// <summary>The request in a line in the language of <paramref name="culture"/>, as the pages show it.</summary>
    public string Describe(CultureInfo culture)
    {
        string Say(string key, string value) => string.Format(CultureInfo.InvariantCulture, Texts.In(culture, key), value);
        var parts = new List<string>();
        if (Fail is { Length: > 0 })
        {
            parts.Add(Say("web.whatif.ask.fail", string.Join(",", Fail)));
        }

        if (Blank(Growth) is { } g)
        {
            parts.Add(Say("web.whatif.ask.growth", g));
        }

        parts.AddRange((Add ?? []).Select(a => Say("web.whatif.ask.add", a)));
        parts.AddRange((New ?? []).Select(n => Say("web.whatif.ask.new", n)));
        if (Blank(Headroom) is { } h)
        {
            parts.Add(Say("web.whatif.ask.headroom", h));
        }

        if (Blank(HostModel) is { } m)
        {
            parts.Add(Say("web.whatif.ask.host-model", m));
        }

        return parts.Count == 0 ? Texts.In(culture, "web.whatif.ask.nothing") : string.Join("; ", parts);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>
/// Runs queued what-ifs (<see cref="WhatIfPlanner"/>) and move plans (<see cref="MovePlanner"/>) one at a time, in the
/// order asked, beside the plan worker; the same calls as <c>shuyaku what-if</c> and <c>shuyaku move</c>. On start it
/// takes up jobs a previous run left queued or running.
/// </summary>
internal sealed class JobWorker(ConsoleStore store, JobQueue queue, ConsoleOptions options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var (kind, id) in await store.UnfinishedJobsAsync())
        {
            if (kind == JobQueue.WhatIf)
            {
                queue.EnqueueWhatIf(id);
            }
            else
            {
                queue.EnqueueMove(id);
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            (string Kind, long Id) job;
            try
            {
                job = await queue.NextAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await Task.Run(() => job.Kind == JobQueue.WhatIf ? WhatIfAsync(job.Id) : MoveAsync(job.Id), CancellationToken.None);
        }
    }

    /// <summary>
    /// The stored estate and done plan of a plan id, read back through Core; the reason when they do not read, kept to be
    /// said in any language (a page says it in the reader's, the worker stores it). The estate is the one the plan was
    /// made of: without the guests that were retired when it ran (as the plan page checks it).
    /// </summary>
    internal static async Task<(Estate? Estate, Plan? Plan, StoredText? Error)> LoadAsync(ConsoleStore store, long planId)
    {
        if (await store.PlanAsync(planId) is not { Status: PlanStatus.Done, PlanJson: not null } record)
        {
            return (null, null, Texts.Phrase("web.planner.not-done", planId));
        }

        if (await store.EstateAsync(record.EstateId) is not { } estateRecord)
        {
            return (null, null, Texts.Phrase("web.planner.no-estate", record.EstateId));
        }

        return await ReadAsync(store, record, estateRecord);
    }

    /// <summary>
    /// The estate and plan of a done <paramref name="record"/> (with its plan.json) on <paramref name="estateRecord"/>,
    /// read back through Core: the estate without the guests that were retired when the plan ran; the reason when they do
    /// not read. What the plan pages keep (<see cref="Pages.PlanViews"/>) and the worker's jobs both read through this.
    /// </summary>
    internal static async Task<(Estate? Estate, Plan? Plan, StoredText? Error)> ReadAsync(ConsoleStore store, PlanRecord record, EstateRecord estateRecord)
    {
        var estate = EstateFit.ReadAndCheck(estateRecord.SourceText, estateRecord.FileName);
        if (!estate.Succeeded)
        {
            return (null, null, Unreadable(estateRecord));
        }

        var json = record.PlanJson ?? "";
        var plan = PlanJson.Read(json, "plan.json");
        return plan.Succeeded
            ? (GuestInventory.Without(estate.Value!, await store.PlanExcludedAsync(record.Id)), plan.Value, null)
            : (null, null, Texts.Phrase("web.planner.plan-unreadable", StoredText.InEachLanguage(() =>
                string.Join("; ", PlanJson.Read(json, "plan.json").Errors.Select(e => e.ToString())))));
    }

    /// <summary>
    /// Why a stored estate no longer reads: its reader's errors, said in each language now (only the estate reader can
    /// word them, so it reads the file once per language).
    /// </summary>
    internal static StoredText Unreadable(EstateRecord estate) => Texts.Phrase("web.planner.unreadable", StoredText.InEachLanguage(() =>
        string.Join("; ", EstateFit.ReadAndCheck(estate.SourceText, estate.FileName).Errors.Select(e => e.ToString()))));

    private async Task WhatIfAsync(long id)
    {
        if (await store.WhatIfAsync(id) is not { Status: PlanStatus.Queued or PlanStatus.Running } record)
        {
            return;
        }

        await store.SetWhatIfProgressAsync(id, ProgressText.Stored(ProgressText.ReadingEstateAndPlan));
        try
        {
            var (estate, plan, error) = await LoadAsync(store, record.PlanId);
            if (error is not null)
            {
                await store.FinishWhatIfAsync(id, PlanStatus.Failed, null, error);
                return;
            }

            var request = WhatIfRequest.FromJson(record.RequestJson);
            var errors = new List<string>();
            var changes = request.Changes(errors);
            if (errors.Count > 0)
            {
                // Core words these reasons in the current language only: they are asked for again in each.
                await store.FinishWhatIfAsync(id, PlanStatus.Failed, null, StoredText.Said(() =>
                {
                    var again = new List<string>();
                    request.Changes(again);
                    return string.Join("; ", again);
                }));
                return;
            }

            await store.SetWhatIfProgressAsync(id, ProgressText.Stored(changes.Replans ? ProgressText.Replanning : ProgressText.FailingHosts));
            var result = WhatIfPlanner.Run(estate!, plan!, changes, options.Search());
            if (result.Errors.Count > 0)
            {
                // Run's errors are Validate's, which plans nothing: asked for again in each language.
                await store.FinishWhatIfAsync(id, PlanStatus.Failed, null, StoredText.Said(() => string.Join("; ", WhatIfPlanner.Validate(estate!, plan!, changes))));
                return;
            }

            await store.FinishWhatIfAsync(id, PlanStatus.Done,
                new WhatIfAnswer(WhatIfJson.Write(plan!, result), result.Replan?.Plan is { } p ? PlanJson.Write(p) : null, result.Holds, AnswerTexts.Of(result)), null);
        }
#pragma warning disable CA1031 // A bug must end this what-if as failed, not the server.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await store.FinishWhatIfAsync(id, PlanStatus.Failed, null, Texts.Phrase("web.planner.bug", e.GetType().Name, e.Message));
        }
    }

    private async Task MoveAsync(long id)
    {
        if (await store.MoveAsync(id) is not { Status: PlanStatus.Queued or PlanStatus.Running } record)
        {
            return;
        }

        await store.SetMoveRunningAsync(id);
        try
        {
            var (estate, plan, error) = await LoadAsync(store, record.PlanId);
            if (error is not null)
            {
                await store.FinishMoveAsync(id, PlanStatus.Failed, null, null, error);
                return;
            }

            var result = MovePlanner.Plan(estate!, plan!);
            if (result.Plan is null)
            {
                // The estate says too little for a move (no data centre, no sites): a result, as 'shuyaku move' reports it.
                // Core words it in the current language only; it refuses before planning, so it is asked for again in each.
                await store.FinishMoveAsync(id, PlanStatus.Infeasible, null, null, StoredText.Said(() => Why(MovePlanner.Plan(estate!, plan!))));
                return;
            }

            await store.FinishMoveAsync(id, PlanStatus.Done, MoveJson.Write(result.Plan), result.Plan.Violations.Count, null);
        }
#pragma warning disable CA1031 // A bug must end this move as failed, not the server.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await store.FinishMoveAsync(id, PlanStatus.Failed, null, null, Texts.Phrase("web.planner.bug", e.GetType().Name, e.Message));
        }

        static string Why(MoveResult result) =>
            result.Errors.Count > 0 ? string.Join("; ", result.Errors.Select(e => e.ToString())) : result.Error ?? "";
    }
}
