using System.Diagnostics;
using System.Globalization;
using Shuyaku.Cli.Localization;
using Shuyaku.Core.Benchmarks.Synthetic;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Plans;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary>
/// <c>shuyaku bench scale --yaml</c>: the whole command-line path against the in-memory one, in one run. The estate is
/// written to a temporary folder; <c>shuyaku plan</c> then runs in this process on that file (read, plan, check, write
/// plan.json and placement.csv, print the report to a discarded console), and the same estate, generated in memory, is
/// planned and checked without any file. Each path is timed on the wall clock, with the peak of the process's working
/// set and of the managed heap sampled while it runs. Both paths first plan a 300-workload estate once, untimed, so
/// that the first timed path does not pay alone for compiling the code both use.
/// </summary>
internal static class BenchScaleYaml
{
    /// <summary>Workloads of the estate both paths plan once before they are timed.</summary>
    private const int WarmUp = 300;

    /// <summary>One path's measurement.</summary>
    private sealed record PathRun(string Name, TimeSpan Elapsed, TimeSpan Processor, long PeakWorkingSet, long PeakHeap, int Hosts, int Bound, bool Valid);

    internal static int Run(CliContext context, ScaleProfile profile, int workloads, int failures, double timeLimit, int seed, IProgress<string> log)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"shuyaku-bench-scale-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, "estate.yaml");
            log.Report(Texts.Format("cli.bench.scale.yaml.writing", workloads, file));
            using (var writer = new StreamWriter(file))
            {
                SyntheticYaml.Write(ScaleBenchmark.Estate(profile, workloads, failures, seed), writer);
            }

            var bytes = new FileInfo(file).Length;

            // Both paths once on a small estate first, so that neither pays for compiling the code the other then reuses.
            log.Report(Texts.Format("cli.bench.scale.yaml.warming", 300));
            var warm = Path.Combine(dir, "warm-up.yaml");
            using (var writer = new StreamWriter(warm))
            {
                SyntheticYaml.Write(ScaleBenchmark.Estate(profile, WarmUp, failures, seed), writer);
            }

            PlanFile(warm, Path.Combine(dir, "warm-up"), timeLimit, log);
            PlanInMemory(profile, WarmUp, failures, seed, timeLimit);
            Collect();

            // The file path first, so the process's peak working set after it is the command's own.
            log.Report(Texts.Get("cli.bench.scale.yaml.file-path"));
            var yaml = Measure(Texts.Get("cli.bench.scale.yaml.file"), () => PlanFile(file, Path.Combine(dir, "out"), timeLimit, log));
            Collect();
            log.Report(Texts.Get("cli.bench.scale.yaml.memory-path"));
            var memory = Measure(Texts.Get("cli.bench.scale.yaml.memory"), () => PlanInMemory(profile, workloads, failures, seed, timeLimit));
            Print(context, workloads, bytes, yaml, memory);
            return yaml.Valid && memory.Valid ? ExitCodes.Ok : ExitCodes.Infeasible;
        }
        catch (IOException e)
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.bench.scale.yaml.cannot-write", IoReasons.Of(e))));
            return ExitCodes.OutputFailed;
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is harmless.
            }
        }
    }

    private static (int Hosts, int Bound, bool Valid) PlanFile(string file, string outDir, double timeLimit, IProgress<string> log)
    {
        var quiet = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(TextWriter.Null),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        var error = new ProgressWriter(log);
        var context = new CliContext(quiet, error, Directory.GetCurrentDirectory());
        var exit = ShuyakuCli.Run(["plan", file, "--out", outDir, "--time-limit", timeLimit.ToString(CultureInfo.InvariantCulture), "--lang", Core.Localization.Language.Current], context);
        var plan = PlanJson.ReadFile(Path.Combine(outDir, "plan.json"));
        return plan.Value is { } p ? (p.Summary.VirtualizationHosts, p.LowerBound.Value, exit == ExitCodes.Ok) : (0, 0, false);
    }

    private static (int Hosts, int Bound, bool Valid) PlanInMemory(ScaleProfile profile, int workloads, int failures, int seed, double timeLimit)
    {
        var estate = ScaleBenchmark.Estate(profile, workloads, failures, seed);
        var outcome = Planner.Plan(estate, new PlanOptions(Search: PlanCommand.Search(timeLimit, PlanCommand.DefaultMoves)));
        if (outcome.Plan is not { } plan)
        {
            return (0, 0, false);
        }

        var report = Checker.Check(estate, plan, null, plan.Inputs.Failures);
        return (plan.Summary.VirtualizationHosts, plan.LowerBound.Value, report.Valid);
    }

    private static PathRun Measure(string name, Func<(int Hosts, int Bound, bool Valid)> run)
    {
        using var sampler = new PeakSampler();
        var processor = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var (hosts, bound, valid) = run();
        watch.Stop();
        var (workingSet, heap) = sampler.Stop();
        var used = Process.GetCurrentProcess().TotalProcessorTime - processor;
        return new PathRun(name, watch.Elapsed, used, workingSet, heap, hosts, bound, valid);
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static void Print(CliContext context, int workloads, long bytes, PathRun yaml, PathRun memory)
    {
        static string Mb(long b) => (b / 1048576.0).ToString("0", CultureInfo.InvariantCulture);
        var table = new Table().Border(TableBorder.Rounded).AddColumns(Texts.Get("cli.bench.scale.yaml.column.path"), Texts.Get("cli.column.hosts"), Texts.Get("cli.bench.column.lower-bound"),
            Texts.Get("cli.bench.scale.yaml.column.checked"), Texts.Get("cli.bench.scale.column.seconds"), Texts.Get("cli.bench.scale.yaml.column.processor"), Texts.Get("cli.bench.scale.yaml.column.working-set"), Texts.Get("cli.bench.scale.yaml.column.heap"));
        foreach (var r in new[] { yaml, memory })
        {
            table.AddRow(r.Name, r.Hosts.ToString(CultureInfo.InvariantCulture), r.Bound.ToString(CultureInfo.InvariantCulture), r.Valid ? Texts.Get("cli.bench.scale.yaml.valid") : Texts.Get("cli.bench.scale.yaml.invalid"),
                r.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture), r.Processor.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture), Mb(r.PeakWorkingSet), Mb(r.PeakHeap));
        }

        context.Out.Write(table);
        var ratio = yaml.Elapsed / memory.Elapsed;
        var processorRatio = yaml.Processor.TotalSeconds / Math.Max(1e-9, memory.Processor.TotalSeconds);
        context.Out.MarkupLine(Markup.Escape(Texts.Format("cli.bench.scale.yaml.summary", workloads, (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture),
            ratio.ToString("0.00", CultureInfo.InvariantCulture), ((double)yaml.PeakHeap / Math.Max(1, memory.PeakHeap)).ToString("0.00", CultureInfo.InvariantCulture),
            Mb(Process.GetCurrentProcess().PeakWorkingSet64), processorRatio.ToString("0.00", CultureInfo.InvariantCulture))));
    }

    /// <summary>Samples the process's working set and managed heap every 20 ms on a thread of its own and keeps the highest of each.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _workingSet;
        private long _heap;

        public PeakSampler()
        {
            Sample();
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    Sample();
                    Thread.Sleep(20);
                }
            }) { IsBackground = true, Name = nameof(PeakSampler) };
            _thread.Start();
        }

        private void Sample()
        {
            _workingSet = Math.Max(_workingSet, Environment.WorkingSet);
            _heap = Math.Max(_heap, GC.GetTotalMemory(forceFullCollection: false));
        }

        public (long WorkingSet, long Heap) Stop()
        {
            _stop = true;
            _thread.Join();
            Sample();
            return (_workingSet, _heap);
        }

        public void Dispose()
        {
            _stop = true;
        }
    }

    /// <summary>The plan command's error stream as progress lines of the benchmark (its warnings and errors stay visible).</summary>
    private sealed class ProgressWriter(IProgress<string> log) : StringWriter(CultureInfo.InvariantCulture)
    {
        public override void WriteLine(string? value) => log.Report(Texts.Format("cli.bench.scale.yaml.plan", value));
    }
}
