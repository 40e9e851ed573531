using System.Security.Cryptography;
using System.Text;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Move;

/// <summary>
/// A move plan, or why none was made: the data centre is unknown, missing or ambiguous, or a migration limit no server
/// can keep (then <see cref="Errors"/> places it at the estate's <c>migration</c> entry).
/// </summary>
/// <param name="Plan">The move plan; null when <paramref name="Error"/> says why not.</param>
/// <param name="Error">What is wrong with the input, in one sentence; null when the plan was made.</param>
public sealed record MoveResult(MovePlan? Plan, string? Error)
{
    /// <summary>Each problem with its place in the estate file, when the input is wrong at a known place; empty otherwise.</summary>
    public IReadOnlyList<Diagnostics.Diagnostic> Errors { get; init; } = [];
}

/// <summary>Plans the move of a plan's estate into the data centre: network, WAN, waves and cost (docs/move-format.md).</summary>
public static partial class MovePlanner
{
    /// <summary>
    /// The data centre: <paramref name="requested"/> when given (it must be a site of the estate), else the one site
    /// whose role is data centre. Returns the site id, or null with the error.
    /// </summary>
    public static string? DataCenter(Estate estate, string? requested, out string? error)
    {
        error = null;
        var ids = string.Join(", ", estate.Sites.Select(s => s.Id));
        if (requested is not null)
        {
            if (estate.Sites.Any(s => s.Id == requested))
            {
                return requested;
            }

            error = Texts.Format("move.error.dc", requested, ids);
            return null;
        }

        var centres = estate.Sites.Where(s => s.Role == SiteRole.DataCenter).Select(s => s.Id).ToList();
        switch (centres.Count)
        {
            case 1:
                return centres[0];
            case 0:
                error = Texts.Format("move.error.no-dc", ids);
                return null;
            default:
                error = Texts.Format("move.error.several-dc", string.Join(", ", centres));
                return null;
        }
    }

    /// <summary>SHA-256 of <paramref name="plan"/> as plan.json writes it.</summary>
    public static string PlanDigest(Plan plan) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PlanJson.Write(plan))));

    /// <summary>The move of <paramref name="plan"/>'s estate into <paramref name="dataCenter"/> (or the estate's one data centre).</summary>
    public static MoveResult Plan(Estate estate, Plan plan, string? dataCenter = null)
    {
        var dc = DataCenter(estate, dataCenter, out var error);
        if (dc is null)
        {
            return new MoveResult(null, error);
        }

        var scope = new MoveScope(estate, dc);
        var wan = WanGraph.Build(estate);
        var network = NetworkPlanner.Plan(estate, scope);
        var (loads, wanViolations) = WanLoad.Compute(estate, scope, wan);
        var waves = WavePlanner.Plan(estate, dc, wan);

        // A server whose data alone breaks maxData or the window cannot move under these limits in any order: the limits
        // are wrong for this estate, which is bad input at the migration entry (docs/estate-format.md), not a violation.
        var limits = waves.Problems.Where(p => p.Kind is "wave-data" or "wave-window").ToList();
        if (limits.Count > 0)
        {
            var at = estate.Sources.Place("migration");
            var errors = limits.Select(p => estate.Sources.Error(at, Texts.Format("move.error.limit", MoveTexts.Describe(p.Message)))).ToList();
            return new MoveResult(null, Texts.Format("move.error.limits", limits.Count, MoveTexts.Describe(limits[0].Message))) { Errors = errors };
        }

        var routes = CutOver(network, waves.Waves);
        var filled = waves.Waves.Select(w => w with { Routes = [.. routes.Where(r => r.Wave == w.Number).Select(r => r.Prefix)] }).ToList();
        var cost = new CostModel(estate, scope).Compare(plan, ModelComparison.HostCounts(estate, plan));
        var move = new MovePlan
        {
            Estate = estate.Name,
            EstateDigest = estate.Digest,
            PlanDigest = PlanDigest(plan),
            HostModel = plan.HostModel,
            DataCenter = dc,
            Network = network.Plan with { Routes = routes },
            Wan = loads,
            Waves = filled,
            Cost = cost,
            Violations = [.. wanViolations, .. waves.Problems],
        };

        // The waves are verified independently of how they were made, like plans are; what the check finds is kept. A
        // problem the planner saw is listed only when the check finds nothing of its kind, so one fault is not told twice
        // in two wordings.
        var verified = Verify(estate, plan, move);
        var kinds = verified.Select(v => v.Kind).ToHashSet(StringComparer.Ordinal);
        var all = verified.Concat(move.Violations.Where(v => !kinds.Contains(v.Kind))).DistinctBy(v => (v.Kind, v.Message)).ToList();
        return new MoveResult(move with { Violations = all }, null);
    }

    /// <summary>
    /// Each route with its wave: the last wave moving one of its subnet's moving servers (0 when no wave does), the routes
    /// ordered by wave then prefix as listed.
    /// </summary>
    private static List<RouteChange> CutOver(NetworkResult network, IReadOnlyList<Wave> waves)
    {
        var waveOf = WaveOf(waves);
        var routes = network.Plan.Routes
            .Select((r, i) => r with { Wave = network.ServersOfRoute[i].Select(s => waveOf.GetValueOrDefault(s)).DefaultIfEmpty(0).Max() })
            .Select((r, i) => (r, i)).OrderBy(p => p.r.Wave).ThenBy(p => p.i).Select(p => p.r).ToList();
        return routes;
    }

    /// <summary>The last wave that moves each server.</summary>
    internal static Dictionary<string, int> WaveOf(IReadOnlyList<Wave> waves)
    {
        var waveOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in waves)
        {
            foreach (var s in w.Servers)
            {
                waveOf[s] = Math.Max(waveOf.GetValueOrDefault(s), w.Number);
            }
        }

        return waveOf;
    }
}
