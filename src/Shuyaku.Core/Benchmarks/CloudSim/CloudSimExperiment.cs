using System.Diagnostics;
using System.Globalization;
using Shuyaku.Core.Simulation.Dynamic;

namespace Shuyaku.Core.Benchmarks.CloudSim;

/// <summary>
/// One result row with the columns of CloudSim's results file. <see cref="Seconds"/> is the wall time of the simulation
/// (traces already in memory); <see cref="CpuSeconds"/> the processor time the process spent on it.
/// </summary>
public sealed record ExperimentRow(
    string Policy, string Day, double EnergyKwh, int Migrations, double Slatah, double Pdm, double Slav, double Esv, double Seconds,
    double CpuSeconds);

/// <summary>A row, or why it could not be produced.</summary>
public sealed record ExperimentRun(ExperimentRow? Row, SimulationResult? Details, string? Error);

/// <summary>A row of CloudSim 3.0.3's own results (<c>cloudsim-3.0.3-results.csv</c>).</summary>
public sealed record CloudSimReferenceRow(
    string Policy, string Day, double EnergyKwh, int Migrations, double Slatah, double Pdm, double Slav, double Esv, double? WallSeconds);

/// <summary>CloudSim's PlanetLab dynamic-consolidation experiment: (data folder, day, policy) → result row.</summary>
public static class CloudSimExperiment
{
    /// <summary>The file of CloudSim's own results in the data folder.</summary>
    public const string ReferenceFileName = "cloudsim-3.0.3-results.csv";

    /// <summary>The day folders under <paramref name="dataDirectory"/> (eight-digit names), sorted.</summary>
    public static IReadOnlyList<string> Days(string dataDirectory) =>
        Directory.Exists(dataDirectory)
            ? [.. Directory.GetDirectories(dataDirectory)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(name => name.Length == 8 && name.All(char.IsAsciiDigit))
                .Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Loads the day and runs the policy on it; <see cref="ExperimentRow.Seconds"/> is the simulation alone.</summary>
    public static ExperimentRun Run(string dataDirectory, string day, ConsolidationPolicy policy, SimulationOptions? options = null)
    {
        var load = PlanetLabDay.Load(dataDirectory, day);
        return load.Succeeded ? Run(load.Day!, policy, options) : new ExperimentRun(null, null, load.Error);
    }

    /// <summary>
    /// Runs the policy on a loaded day, at least <paramref name="minimumRuns"/> times and for at least
    /// <paramref name="minimumSeconds"/> (every run must give the same result). <see cref="ExperimentRow.Seconds"/> is the
    /// fastest run's wall time, the usual estimate of the time on an otherwise idle machine;
    /// <see cref="ExperimentRow.CpuSeconds"/> is the mean processor time per run (its clock ticks in 10 ms steps on Linux,
    /// so short runs need repeating).
    /// </summary>
    public static ExperimentRun Run(
        PlanetLabDay day, ConsolidationPolicy policy, SimulationOptions? options = null, double minimumSeconds = 0, int minimumRuns = 1)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(policy);
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var total = Stopwatch.StartNew();
        SimulationResult? result = null;
        var fastest = double.MaxValue;
        var runs = 0;
        while (runs < minimumRuns || total.Elapsed.TotalSeconds < minimumSeconds)
        {
            var clock = Stopwatch.StartNew();
            var run = DynamicSimulation.Run(day, policy, options);
            fastest = Math.Min(fastest, clock.Elapsed.TotalSeconds);
            if (result is not null && run != result)
            {
                throw SimulationException.NotDeterministic(policy.Name, day.Name);
            }

            result = run;
            runs++;
        }

        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds / runs;
        var row = new ExperimentRow(
            policy.Name, day.Name, result!.EnergyKwh, result.Migrations, result.Slatah, result.Pdm, result.Slav, result.Esv, fastest, cpuSeconds);
        return new ExperimentRun(row, result, null);
    }

    /// <summary>Runs each policy once on a small generated day (40 VMs, 30 hosts) so that later timings exclude JIT compilation.</summary>
    public static void WarmUp(IEnumerable<ConsolidationPolicy> policies, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var random = new Random(1);
        var series = new int[40][];
        for (var v = 0; v < series.Length; v++)
        {
            var level = random.Next(5, 60);
            series[v] = new int[CloudSimSetup.SamplesPerTrace];
            for (var k = 0; k < series[v].Length; k++)
            {
                level = Math.Clamp(level + random.Next(-6, 7), 0, 99);
                series[v][k] = level;
            }
        }

        var day = PlanetLabDay.FromPercentages("warm-up", [.. Enumerable.Range(0, series.Length).Select(i => i * 4 / series.Length)], series);
        foreach (var policy in policies)
        {
            DynamicSimulation.Run(day, policy, (options ?? new SimulationOptions()) with { HostCount = 30 });
        }
    }

    /// <summary>Reads CloudSim's results; null when the file is missing or malformed (the comparison is then left out).</summary>
    public static IReadOnlyList<CloudSimReferenceRow>? LoadReference(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            return null;
        }

        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        int policy = Column("policy"), day = Column("day"), energy = Column("energy_kwh"), migrations = Column("migrations"),
            slatah = Column("slatah"), pdm = Column("pdm"), slav = Column("slav"), esv = Column("esv"), wall = Column("wall_s");
        if (new[] { policy, day, energy, migrations, slatah, pdm, slav, esv }.Any(i => i < 0))
        {
            return null;
        }

        var rows = new List<CloudSimReferenceRow>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
            rows.Add(new CloudSimReferenceRow(
                f[policy], f[day], Number(f[energy]), (int)Number(f[migrations]), Number(f[slatah]), Number(f[pdm]), Number(f[slav]),
                Number(f[esv]), wall >= 0 && f[wall].Length > 0 ? Number(f[wall]) : null));
        }

        return rows;
    }

    /// <summary>The rows as CloudSim's results file lists them: a block per policy in the order of <paramref name="policies"/>, days in order.</summary>
    public static IReadOnlyList<ExperimentRow> InCloudSimOrder(IEnumerable<ExperimentRow> rows, IReadOnlyList<ConsolidationPolicy> policies)
    {
        int PolicyIndex(ExperimentRow r)
        {
            for (var i = 0; i < policies.Count; i++)
            {
                if (policies[i].Name == r.Policy)
                {
                    return i;
                }
            }

            return -1;
        }

        return [.. rows.OrderBy(PolicyIndex).ThenBy(r => r.Day, StringComparer.Ordinal)];
    }

    /// <summary>Our difference from CloudSim's figure in percent of it: 0 when both are 0, null when only CloudSim's is.</summary>
    public static double? DifferencePercent(double ours, double theirs)
    {
        if (theirs == 0)
        {
            return ours == 0 ? 0 : null;
        }

        return ((ours - theirs) / theirs) * 100;
    }

    /// <summary>The CSV this experiment writes: CloudSim's column names plus seconds (wall) and cpu_seconds.</summary>
    public static string ToCsv(IEnumerable<ExperimentRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new System.Text.StringBuilder("policy,day,energy_kwh,migrations,slatah,pdm,slav,esv,seconds,cpu_seconds\n");
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{r.Policy},{r.Day},{r.EnergyKwh:0.#####},{r.Migrations},{r.Slatah:G10},{r.Pdm:G10},{r.Slav:G6},{r.Esv:G10},{r.Seconds:0.###},{r.CpuSeconds:0.###}\n");
        }

        return text.ToString();
    }
}
