using Shuyaku.Core.Diagnostics;

namespace Shuyaku.Core.Traces;

/// <summary>The layouts <see cref="TraceImporter"/> reads (see docs/traces.md).</summary>
public enum TraceFormat
{
    /// <summary><c>workload,timestamp,metric,value</c>, one sample per row.</summary>
    CsvLong,
    /// <summary><c>timestamp,&lt;series&gt;,...</c>, one file per metric (cpu.csv, memory.csv, disk.csv, network.csv).</summary>
    CsvWide,
    /// <summary>One integer CPU % per line, 5-minute steps; one file per series, named by the file.</summary>
    PlanetLab,
    /// <summary>Bitbrains GWA-T-12 CSV (<c>;</c> + tab separated, gzip allowed); one file per series.</summary>
    Bitbrains,
}

/// <summary>How samples are put on the common grid.</summary>
/// <param name="StepSeconds">Grid step; null to take the median interval between samples.</param>
/// <param name="MaxFillSteps">Gaps of at most this many steps are filled linearly; longer gaps stay missing.</param>
public sealed record ResampleOptions(int? StepSeconds = null, int MaxFillSteps = 3)
{
    /// <summary>Step from the data, gaps of up to three steps filled.</summary>
    public static readonly ResampleOptions Default = new();
}

/// <summary>A run of missing steps too long to fill.</summary>
/// <param name="Series">The series' name.</param>
/// <param name="Metric">The metric that misses the steps.</param>
/// <param name="From">Time (seconds, as on the grid) of the first missing step.</param>
/// <param name="Steps">How many steps are missing.</param>
public sealed record TraceGap(string Series, Metric Metric, long From, int Steps);

/// <summary>What the import did to the samples, for the user to judge the data.</summary>
public sealed record ImportReport
{
    /// <summary>The format read.</summary>
    public required TraceFormat Format { get; init; }
    /// <summary>Files read.</summary>
    public required int Files { get; init; }
    /// <summary>Samples read, every metric counted.</summary>
    public required long Samples { get; init; }
    /// <summary>Series found.</summary>
    public required int Series { get; init; }
    /// <summary>The grid's step in seconds.</summary>
    public required int StepSeconds { get; init; }

    /// <summary>True when the step was taken from the data rather than given.</summary>
    public required bool StepDetected { get; init; }
    /// <summary>Steps on the grid.</summary>
    public required int Length { get; init; }

    /// <summary>Samples whose timestamp repeats an earlier sample of the same series and metric; averaged.</summary>
    public required long DuplicateSamples { get; init; }

    /// <summary>Grid steps that received two or more samples at different times (finer data, jitter); averaged.</summary>
    public required long MergedSteps { get; init; }

    /// <summary>Gaps short enough to be filled linearly, and the steps they covered.</summary>
    public required int FilledGaps { get; init; }
    /// <summary>Steps filled by the short gaps.</summary>
    public required long FilledSteps { get; init; }

    /// <summary>Gaps left missing, every one of them.</summary>
    public required IReadOnlyList<TraceGap> LongGaps { get; init; }
    /// <summary>The longest gap that was filled, in steps (the option in force).</summary>
    public required int MaxFillSteps { get; init; }
    /// <summary>What was read but looked wrong (file:line:col).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    /// <summary>Steps left missing, summed over the long gaps.</summary>
    public long LongGapSteps => LongGaps.Sum(g => (long)g.Steps);

    /// <summary>Long gaps with the metrics of one series that miss the same steps listed together, longest first.</summary>
    public IReadOnlyList<(string Series, IReadOnlyList<Metric> Metrics, long From, int Steps)> GroupedLongGaps() =>
        LongGaps.GroupBy(g => (g.Series, g.From, g.Steps))
            .Select(g => (g.Key.Series, (IReadOnlyList<Metric>)g.Select(x => x.Metric).Order().ToList(), g.Key.From, g.Key.Steps))
            .OrderByDescending(g => g.Steps).ThenBy(g => g.Series, StringComparer.Ordinal).ThenBy(g => g.From)
            .ToList();
}

/// <summary>Series on a common grid, with the report of how they got there.</summary>
public sealed record TraceImport(TraceSet Set, ImportReport Report);
