using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Shuyaku.Cli.Localization;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary>
/// <c>shuyaku bench startup</c>: wall time of <c>shuyaku --version</c> and of <c>shuyaku plan</c> on the bundled example,
/// run as <c>dotnet run</c> (the baseline), as <c>dotnet shuyaku.dll</c> and as each published binary, interleaved, with
/// the median of each and its ratio to the baseline (docs/install.md).
/// </summary>
internal static class BenchStartupCommand
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(10);

    internal static Command Create(CliContext context)
    {
        var binaries = new Option<string[]>("--binary")
        {
            Description = Texts.Get("cli.bench.startup.binary"),
        };
        var dll = new Option<string?>("--dll")
        {
            Description = Texts.Get("cli.bench.startup.dll"),
        };
        var repo = new Option<string?>("--repo")
        {
            Description = Texts.Get("cli.bench.startup.repo"),
        };
        var runs = new Option<int>("--runs") { Description = Texts.Get("cli.bench.startup.runs"), DefaultValueFactory = _ => 5 };
        runs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100)
            {
                r.AddError(Texts.Get("cli.bench.startup.error.1"));
            }
        });
        var command = new Command("startup", Texts.Get("cli.bench.startup.description"))
        {
            binaries, dll, repo, runs,
        };
        command.SetAction(parse => Run(context, parse.GetValue(binaries) ?? [], parse.GetValue(dll), parse.GetValue(repo), parse.GetValue(runs)));
        return command;
    }

    private sealed record Variant(string Name, string File, string[] Prefix);

    private static int Run(CliContext context, string[] binaries, string? dllPath, string? repoPath, int runs)
    {
        var repo = repoPath is null ? FindRepository(context.WorkingDirectory) : context.Resolve(repoPath);
        if (repo is null || !File.Exists(Path.Combine(repo, "src", "Shuyaku.Cli", "Shuyaku.Cli.csproj")))
        {
            var why = repo is null ? Texts.Get("cli.bench.startup.no-solution") : Texts.Format("cli.bench.startup.no-cli", repo);
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.bench.startup.no-repo", why)));
            return ExitCodes.BadInput;
        }

        var dll = dllPath is null ? Path.Combine(AppContext.BaseDirectory, "shuyaku.dll") : context.Resolve(dllPath);
        var variants = new List<Variant> { new(Texts.Get("cli.bench.startup.baseline"), "dotnet", ["run", "--project", Path.Combine(repo, "src", "Shuyaku.Cli"), "--"]) };
        if (File.Exists(dll))
        {
            variants.Add(new("dotnet shuyaku.dll", "dotnet", [dll]));
        }
        else if (dllPath is not null)
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.bench.startup.no-dll", dllPath)));
            return ExitCodes.BadInput;
        }

        foreach (var binary in binaries)
        {
            if (!File.Exists(context.Resolve(binary)))
            {
                context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.bench.startup.no-binary", binary)));
                return ExitCodes.BadInput;
            }

            variants.Add(new(binary, context.Resolve(binary), []));
        }

        var scratch = Directory.CreateTempSubdirectory("shuyaku-bench-startup-").FullName;
        try
        {
            string[][] commands = [["--version"], ["plan", "--out", Path.Combine(scratch, "out")]];
            var times = variants.Select(_ => commands.Select(_ => new List<double>()).ToArray()).ToArray();
            for (var run = -1; run < runs; run++)
            {
                for (var v = 0; v < variants.Count; v++)
                {
                    for (var c = 0; c < commands.Length; c++)
                    {
                        var (ms, failure) = Time(variants[v], commands[c], scratch);
                        if (failure is not null)
                        {
                            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.bench.startup.failed", variants[v].Name, string.Join(' ', commands[c]), failure)));
                            return ExitCodes.Infeasible;
                        }

                        if (run >= 0)
                        {
                            times[v][c].Add(ms);
                        }
                    }
                }
            }

            var baseline = times[0].Select(Median).ToArray();
            var table = new Table().Border(TableBorder.Rounded).AddColumns(
                Texts.Get("cli.bench.startup.column.variant"), Texts.Get("cli.bench.startup.column.version"), Texts.Get("cli.bench.startup.column.speed-up"),
                Texts.Get("cli.bench.startup.column.plan"), Texts.Get("cli.bench.startup.column.speed-up"));
            for (var v = 0; v < variants.Count; v++)
            {
                var version = Median(times[v][0]);
                var plan = Median(times[v][1]);
                table.AddRow(Markup.Escape(variants[v].Name), F(version), R(baseline[0] / version), F(plan), R(baseline[1] / plan));
            }

            context.Out.Write(table);
            context.Out.WriteLine(Texts.Format("cli.bench.startup.legend", runs.ToString(CultureInfo.InvariantCulture)));
            return ExitCodes.Ok;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        static string F(double ms) => ms.ToString("0", CultureInfo.InvariantCulture);
        static string R(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";
    }

    private static (double Ms, string? Failure) Time(Variant variant, string[] args, string folder)
    {
        var info = new ProcessStartInfo(variant.File)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var arg in variant.Prefix.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Bound))
        {
            process.Kill(entireProcessTree: true);
            return (0, Texts.Format("cli.bench.startup.timeout", Bound.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)));
        }

        process.WaitForExit();
        var ms = clock.Elapsed.TotalMilliseconds;
        return process.ExitCode == 0 ? (ms, null) : (ms, Texts.Format("cli.bench.startup.exit", process.ExitCode.ToString(CultureInfo.InvariantCulture), $"{error.Result.Trim()} {output.Result.Trim()}".Trim()).Trim());
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string? FindRepository(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Shuyaku.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
