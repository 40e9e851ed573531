using System.Globalization;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Placement;

/// <summary>
/// The planner's progress words (<c>planner.progress.…</c> keys), in the reader's language: what <c>shuyaku plan</c> and
/// the console show while a plan is searched. The names of the methods tried (heuristics, CP-SAT models) are not among
/// them: plan.json stores them, so they stay as they are in every language.
/// </summary>
public static class PlanProgress
{
    /// <summary>Placing the estate on one host model of the catalog.</summary>
    public static string PlacingOn(string model) => Texts.Format("planner.progress.placing", model);

    /// <summary>The sizing breakdown starts.</summary>
    public static string Breakdown() => Texts.Get("planner.progress.breakdown");

    /// <summary>The sizing breakdown places <paramref name="workloads"/> workloads.</summary>
    public static string Breakdown(int workloads) => Texts.Format("planner.progress.breakdown-workloads", workloads);

    /// <summary>The best packing is being emptied host by host.</summary>
    public static string EmptyingHosts() => Texts.Get("planner.progress.emptying");

    /// <summary>The failure scenarios of N+<paramref name="failures"/> are being checked.</summary>
    public static string CheckingFailures(int failures) => Texts.Format("planner.progress.failures", failures);

    /// <summary>A plan of <paramref name="hosts"/> hosts survives any <paramref name="failures"/> failures.</summary>
    public static string Survive(int failures, int hosts) => Texts.Format("planner.progress.survive", failures, hosts);

    /// <summary>A large estate is searched slice by slice.</summary>
    public static string Slices() => Texts.Get("planner.progress.slices");

    /// <summary>The search's incumbent, its lower bound and the time so far.</summary>
    public static string Searching(int hosts, int bound, TimeSpan elapsed) =>
        Texts.Format("planner.progress.searching", hosts, bound, elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));

    /// <summary>CP-SAT's incumbent, the bound it proved and its wall time.</summary>
    public static string CpSat(double hosts, double bound, double seconds) =>
        Texts.Format(
            "planner.progress.cp-sat", hosts.ToString("0", CultureInfo.InvariantCulture), bound.ToString("0", CultureInfo.InvariantCulture),
            seconds.ToString("0.0", CultureInfo.InvariantCulture));

    /// <summary>A round of an exact failover model (<paramref name="method"/>, as plan.json names it).</summary>
    public static string Round(string method, int round, int hosts, int bound) => Texts.Format("planner.progress.round", method, round, hosts, bound);

    /// <summary>Branch and price's incumbent.</summary>
    public static string BranchAndPrice(int hosts) => Texts.Format("planner.progress.branch-and-price", hosts);

    /// <summary>Column generation's incumbent and the time so far.</summary>
    public static string ColumnGeneration(int hosts, double seconds) =>
        Texts.Format("planner.progress.column-generation", hosts, seconds.ToString("0.0", CultureInfo.InvariantCulture));
}
