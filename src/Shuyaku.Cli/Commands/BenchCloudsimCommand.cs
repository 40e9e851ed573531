using System.CommandLine;
using System.Globalization;
using Shuyaku.Cli.Localization;
using Shuyaku.Core.Benchmarks.CloudSim;
using Shuyaku.Core.Simulation.Dynamic;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku bench cloudsim</c>: CloudSim 3.0.3's PlanetLab dynamic-consolidation experiment, ours beside theirs.</summary>
internal static class BenchCloudsimCommand
{
    private static readonly string[] DefaultPolicies = ["Dvfs", "ThrMmt", "IqrMmt", "MadMmt", "LrMmt", ConsolidationPolicy.ForecastName];

    internal static Command Create(CliContext context)
    {
        var data = new Option<string>("--data")
        {
            Description = Texts.Get("cli.bench.cloudsim.data"),
            Required = true,
        };
        var days = new Option<string?>("--days")
        {
            Description = Texts.Get("cli.bench.cloudsim.days"),
        };
        var policies = new Option<string?>("--policies")
        {
            Description = Texts.Format("cli.bench.cloudsim.policies", ConsolidationPolicy.ForecastName, string.Join(",", DefaultPolicies)),
        };
        var csv = new Option<string?>("--csv") { Description = Texts.Get("cli.bench.cloudsim.csv") };
        var seed = new Option<int>("--seed")
        {
            Description = Texts.Get("cli.bench.cloudsim.seed"),
            DefaultValueFactory = _ => 1,
        };

        var command = new Command("cloudsim", Texts.Get("cli.bench.cloudsim.description"))
        {
            data, days, policies, csv, seed,
        };
        command.SetAction(parse => Run(
            context,
            parse.GetValue(data)!,
            parse.GetValue(days),
            parse.GetValue(policies),
            parse.GetValue(csv),
            parse.GetValue(seed)));
        return command;
    }

    private static int Run(CliContext context, string dataOption, string? daysOption, string? policiesOption, string? csvOption, int seed)
    {
        var dataDirectory = context.Resolve(dataOption);
        if (!Directory.Exists(dataDirectory))
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.bench.cloudsim.error.no-folder", dataOption)));
            return ExitCodes.BadInput;
        }

        var available = CloudSimExperiment.Days(dataDirectory);
        var days = daysOption is null ? available : Split(daysOption);
        if (days.Count == 0)
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.bench.cloudsim.error.no-days", dataOption)));
            return ExitCodes.BadInput;
        }

        var unknownDays = days.Where(d => !available.Contains(d)).ToList();
        if (unknownDays.Count > 0)
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.bench.cloudsim.error.unknown-days", string.Join(", ", unknownDays), dataOption, string.Join(", ", available))));
            return ExitCodes.BadInput;
        }

        var policies = new List<ConsolidationPolicy>();
        foreach (var name in policiesOption is null ? [.. DefaultPolicies] : Split(policiesOption))
        {
            var policy = ConsolidationPolicy.Parse(name);
            if (policy is null)
            {
                context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.bench.cloudsim.error.policy", name, ConsolidationPolicy.ForecastName)));
                return ExitCodes.BadInput;
            }

            policies.Add(policy);
        }

        var reference = CloudSimExperiment.LoadReference(Path.Combine(dataDirectory, CloudSimExperiment.ReferenceFileName));
        var options = new SimulationOptions { Seed = seed };
        // JIT-compile every code path on a small generated day first, so that the seconds below are the simulation's
        // and not the runtime's start-up (reported apart, like the time to read the traces).
        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        CloudSimExperiment.WarmUp(policies, options);
        context.Error.WriteLine(Texts.Format("cli.bench.cloudsim.warm-up", F(warmUp.Elapsed.TotalSeconds, "0.000")));

        var rows = new List<ExperimentRow>();
        var total = days.Count * policies.Count;
        foreach (var day in days)
        {
            // A day's traces are read once and shared by its policies; the read time is reported on its own.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var load = PlanetLabDay.Load(dataDirectory, day);
            if (!load.Succeeded)
            {
                context.Error.WriteLine(Texts.Format("cli.error", load.Error));
                return ExitCodes.BadInput;
            }

            context.Error.WriteLine(Texts.Format("cli.bench.cloudsim.read", day, load.Day!.VmCount.ToString(CultureInfo.InvariantCulture), F(clock.Elapsed.TotalSeconds, "0.000")));
            foreach (var policy in policies)
            {
                var run = CloudSimExperiment.Run(load.Day, policy, options, minimumSeconds: 0.5, minimumRuns: 3);
                var r = run.Row!;
                rows.Add(r);
                context.Error.WriteLine(Texts.Format(
                    "cli.bench.cloudsim.progress", F(rows.Count, "0"), F(total, "0"), r.Policy, r.Day, F(r.EnergyKwh, "0.00"), F(r.Migrations, "0"), F(r.Slav, "0.000E+0"),
                    F(r.Seconds, "0.000"), F(r.CpuSeconds, "0.000")));
                if (run.Details is { PowerModelOutOfRange: > 0 })
                {
                    context.Error.WriteLine(Texts.Format("cli.bench.cloudsim.power-warning", r.Policy, r.Day, F(run.Details.PowerModelOutOfRange, "0")));
                }
            }
        }

        var ordered = CloudSimExperiment.InCloudSimOrder(rows, policies);
        Render(context.Out, ordered, reference);

        if (csvOption is not null)
        {
            var path = context.Resolve(csvOption);
            try
            {
                var folder = Path.GetDirectoryName(path);
                if (!string.IsNullOrEmpty(folder))
                {
                    Directory.CreateDirectory(folder);
                }

                File.WriteAllText(path, CloudSimExperiment.ToCsv(ordered));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.bench.cloudsim.error.csv", csvOption, IoReasons.Of(e))));
                return ExitCodes.BadInput;
            }

            context.Out.MarkupLine(Texts.Format("cli.bench.cloudsim.written", Markup.Escape(Path.GetRelativePath(context.WorkingDirectory, path))));
        }

        return ExitCodes.Ok;
    }

    private static List<string> Split(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static void Render(IAnsiConsole console, IReadOnlyList<ExperimentRow> rows, IReadOnlyList<CloudSimReferenceRow>? reference)
    {
        // Per policy and day three lines: ours, CloudSim's, and the difference (with the speed-up under seconds),
        // so that the table fits 80 columns.
        var table = new Table().AddColumns(
            Texts.Get("cli.bench.cloudsim.column.policy"), Texts.Get("cli.bench.cloudsim.column.day"), "", "kWh", Texts.Get("cli.bench.cloudsim.column.migrations"),
            "SLAV %", Texts.Get("cli.bench.cloudsim.column.seconds"));
        for (var i = 0; i < table.Columns.Count; i++)
        {
            table.Columns[i].NoWrap();
            if (i >= 3)
            {
                table.Columns[i].RightAligned();
            }
        }

        foreach (var r in rows)
        {
            var cs = reference?.FirstOrDefault(c => c.Policy == r.Policy && c.Day == r.Day);
            string Cell(string ours, string? theirs, string? delta) =>
                cs is null ? ours : $"{ours}\n[grey]{theirs ?? ""}[/]\n{delta ?? ""}";
            table.AddRow(
                Markup.Escape(r.Policy),
                r.Day,
                cs is null ? Texts.Get("cli.bench.cloudsim.ours") : Texts.Get("cli.bench.cloudsim.ours-theirs"),
                Cell(F(r.EnergyKwh, "0.00"), cs is null ? null : F(cs.EnergyKwh, "0.00"), cs is null ? null : Delta(r.EnergyKwh, cs.EnergyKwh)),
                Cell(F(r.Migrations, "0"), cs is null ? null : F(cs.Migrations, "0"), cs is null ? null : Delta(r.Migrations, cs.Migrations)),
                Cell(F(r.Slav * 100, "0.00000"), cs is null ? null : F(cs.Slav * 100, "0.00000"), cs is null ? null : Delta(r.Slav, cs.Slav)),
                Cell(
                    F(r.Seconds, "0.000"),
                    cs?.WallSeconds is { } wall ? F(wall, "0.00") : Texts.Get("cli.bench.cloudsim.not-available"),
                    cs?.WallSeconds is { } w && r.Seconds > 0 ? F(w / r.Seconds, "0") + "×" : ""));
        }

        console.Write(table);
        console.MarkupLine(Markup.Escape(Texts.Get("cli.bench.cloudsim.legend")));
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Delta(double ours, double theirs)
    {
        if (CloudSimExperiment.DifferencePercent(ours, theirs) is not { } delta)
        {
            return Texts.Get("cli.bench.cloudsim.not-available");
        }

        var text = delta.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%";
        return Math.Abs(delta) <= 5 ? text : $"[yellow]{text}[/]";
    }
}
