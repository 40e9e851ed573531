using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;
using Shuyaku.Web.Guests;
using Shuyaku.Web.Localization;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;

namespace Shuyaku.Web.Planning;

/// <summary>Plans waiting for the background planner, by id; the database is the record, this only wakes the planner.</summary>
public sealed class PlanQueue
{
    private readonly Channel<long> _ids = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Hands a stored, queued plan to the planner.</summary>
    public void Enqueue(long planId) => _ids.Writer.TryWrite(planId);

    /// <summary>The next plan to run, waiting until there is one.</summary>
    internal ValueTask<long> NextAsync(CancellationToken cancel) => _ids.Reader.ReadAsync(cancel);
}

/// <summary>
/// Runs queued plans one at a time with Core's <see cref="Planner"/> and <see cref="Checker"/>, the same calls as
/// <c>shuyaku plan</c>: progress is stored as it comes, the result in one transaction. On start it takes up plans that
/// a previous run left queued or running.
/// </summary>
internal sealed class PlanWorker(ConsoleStore store, PlanQueue queue, ConsoleOptions options, TimeProvider time) : BackgroundService
{
    /// <summary>Progress lines closer together than this are not stored (the page refreshes every two seconds).</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var id in await store.UnfinishedPlansAsync())
        {
            queue.Enqueue(id);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            long id;
            try
            {
                id = await queue.NextAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var result = await Task.Run(() => RunAsync(id), CancellationToken.None);
            if (result is not null)
            {
                await store.FinishPlanAsync(id, result);
            }
        }
    }

    /// <summary>Plans one stored plan; null when it is not (or no longer) waiting.</summary>
    private async Task<PlanResult?> RunAsync(long id)
    {
        var record = await store.PlanAsync(id);
        if (record is null || record.Status is not (PlanStatus.Queued or PlanStatus.Running))
        {
            return null;
        }

        var estateRecord = await store.EstateAsync(record.EstateId);
        if (estateRecord is null)
        {
            return PlanResult.NoPlan(PlanStatus.Failed, Phrase("web.planner.no-estate", record.EstateId));
        }

        await store.SetProgressAsync(id, ProgressText.Stored(ProgressText.ReadingEstate));
        try
        {
            var read = EstateFit.ReadAndCheck(estateRecord.SourceText, estateRecord.FileName);
            if (!read.Succeeded)
            {
                return PlanResult.NoPlan(PlanStatus.Failed, JobWorker.Unreadable(estateRecord));
            }

            var retired = await store.RetiredGuestNamesAsync(record.EstateId);
            await store.SetPlanExcludedAsync(id, retired);
            var estate = GuestInventory.Without(read.Value!, retired);
            if (estate.Workloads.Count == 0)
            {
                return PlanResult.NoPlan(PlanStatus.Failed, Phrase("web.planner.all-retired"));
            }

            var progress = new StoredProgress(store, id, time);
            PlanOutcome outcome;
            using (Shuyaku.Core.Localization.Language.Use(Shuyaku.Core.Localization.Language.English))
            {
                // The planner's progress lines are stored in English, as the API gives them; pages read them back (ProgressText).
                outcome = Planner.Plan(estate, new PlanOptions(Search: options.Search()), progress);
            }

            await progress.FlushAsync();
            if (outcome.Plan is not { } plan)
            {
                return outcome.Why is { } why
                    ? PlanResult.NoPlan(PlanStatus.Infeasible, StoredText.From(why))
                    : new PlanResult(PlanStatus.Infeasible, null, null, null, null, null, null, outcome.Infeasible);
            }

            var check = Checker.Check(estate, plan, null, plan.Inputs.Failures);
            var violations = check.Valid ? null : Phrase(check.Violations.Count == 1 ? "web.planner.violations.one" : "web.planner.violations.other", check.Violations.Count);
            return new PlanResult(PlanStatus.Done, plan.Inputs.Digest, PlanJson.Write(plan), plan.Summary.Hosts, plan.LowerBound.Value,
                plan.Inputs.Failures, check.Valid, violations?.English, violations);
        }
#pragma warning disable CA1031 // A planner bug must end this plan as failed, not the server.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return PlanResult.NoPlan(PlanStatus.Failed, Phrase("web.planner.bug", e.GetType().Name, e.Message));
        }
    }

    /// <summary>Stores the planner's progress lines, at most one every <see cref="ProgressInterval"/>.</summary>
    private sealed class StoredProgress(ConsoleStore store, long id, TimeProvider time) : IProgress<string>
    {
        private DateTimeOffset _last = DateTimeOffset.MinValue;
        private string? _pending;

        public void Report(string value)
        {
            _pending = value;
            var now = time.GetUtcNow();
            if (now - _last >= ProgressInterval)
            {
                _last = now;
                FlushAsync().GetAwaiter().GetResult();
            }
        }

        public async Task FlushAsync()
        {
            if (_pending is { } line)
            {
                _pending = null;
                await store.SetProgressAsync(id, line);
            }
        }
    }
}
