using System.Diagnostics;
using System.Globalization;
using Shuyaku.Core.Benchmarks.Synthetic;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;

namespace Shuyaku.Bench;

/// <summary>
/// Plans synthetic estates with spread rules and N+k end to end (sizing, breakdown, plan, checker) and prints time and host
/// count against the lower bound, beside plain first-fit decreasing measured in the same run.
/// Usage: scale [--workloads 10000[,N...]] [--seed 1] [--failures 1]
/// </summary>
public static class ScaleBenchmark
{
    public static int Run(string[] args, TextWriter output)
    {
        var sizes = new List<int> { 10000 };
        var seed = 1;
        var failures = 1;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : "";
            switch (args[i])
            {
                case "--workloads": sizes = value.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(); i++; break;
                case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--failures": failures = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                default:
                    output.WriteLine($"unknown option '{args[i]}'. Usage: scale [--workloads 10000[,N...]] [--seed 1] [--failures 1]");
                    return 2;
            }
        }

        output.WriteLine("| workloads | spread rules | FFD hosts (no N+k) | FFD s | plan hosts (N+{0}) | lower bound | gap | plan s | plan s / FFD s | checker s | valid |".Replace("{0}", failures.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var n in sizes)
        {
            var estate = EstateGenerator.Generate(n, seed, failures);
            var problem = Planner.BuildProblem(estate, estate.Catalog[0], estate.Policy, headroom: true, growth: true, failures: 0);
            var sw = Stopwatch.StartNew();
            var ffd = PlacementSolver.FirstFitDecreasing(problem);
            var ffdSeconds = sw.Elapsed.TotalSeconds;

            sw.Restart();
            var outcome = Planner.Plan(estate, new PlanOptions());
            var planSeconds = sw.Elapsed.TotalSeconds;
            var plan = outcome.Plan ?? throw new InvalidOperationException(outcome.Infeasible);

            sw.Restart();
            var report = Checker.Check(estate, plan);
            var checkSeconds = sw.Elapsed.TotalSeconds;
            var gap = (plan.Hosts.Count - plan.LowerBound.Value) / (double)plan.LowerBound.Value;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {n} | {estate.Rules.Count} | {ffd.HostCount} | {ffdSeconds:F2} | {plan.Hosts.Count} | {plan.LowerBound.Value} | {gap:P1} | {planSeconds:F2} | {planSeconds / ffdSeconds:F1} | {checkSeconds:F2} | {report.Valid} |"));
        }

        output.WriteLine("Plan time covers sizing, the four breakdown stages and failover certificates; target: under 10 s for 10,000 workloads.");
        return 0;
    }
}
