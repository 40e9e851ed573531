using Shuyaku.Core.Diagnostics;

namespace Shuyaku.Core.Model;

/// <summary>A line and column in an estate file, counted from 1; (0, 0) when the place is unknown.</summary>
/// <param name="Line">The line, counted from 1.</param>
/// <param name="Column">The column, counted from 1.</param>
public readonly record struct SourcePosition(int Line, int Column);

/// <summary>Where an estate's entries were written, so that checks made after reading (the fit check in Sizing) point where the reader would.</summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, SourcePosition> _workloads;
    private readonly Dictionary<string, SourcePosition> _places;

    /// <summary>A map of <paramref name="file"/> with the start of each workload's entry and of the policy's hypervisorReserve, if written.</summary>
    /// <param name="file">The file the estate was read from.</param>
    /// <param name="workloads">The start of each workload's entry.</param>
    /// <param name="hypervisorReserve">Where the policy's hypervisorReserve is written, if it is.</param>
    /// <param name="places">
    /// Other entries by path, for checks made after reading: "migration.maxServers", "migration.maxData",
    /// "migration.window", "migration.bandwidthShare", "migration.switchover", "migration" (the section itself),
    /// "costs", "costs.horizon", "link:ID", "subnet:PREFIX" (declared, or given first by a server; PREFIX in canonical
    /// CIDR form), "server:ID", "equipment:ID".
    /// </param>
    public SourceMap(string file, IReadOnlyDictionary<string, SourcePosition> workloads, SourcePosition? hypervisorReserve,
        IReadOnlyDictionary<string, SourcePosition>? places = null)
    {
        File = file;
        _workloads = new Dictionary<string, SourcePosition>(workloads, StringComparer.Ordinal);
        _places = new Dictionary<string, SourcePosition>(places ?? new Dictionary<string, SourcePosition>(), StringComparer.Ordinal);
        HypervisorReserve = hypervisorReserve;
    }

    /// <summary>The map of an estate built in code rather than read from a file: every position is unknown.</summary>
    public static SourceMap None { get; } = new("", new Dictionary<string, SourcePosition>(), null);

    /// <summary>The file the estate was read from, as given to the reader.</summary>
    public string File { get; }

    /// <summary>Where the policy's hypervisorReserve is written; null when the file leaves it at its default.</summary>
    public SourcePosition? HypervisorReserve { get; }

    /// <summary>Where the entry of workload <paramref name="id"/> starts; (0, 0) for a workload the file does not hold.</summary>
    public SourcePosition Workload(string id) => _workloads.GetValueOrDefault(id);

    /// <summary>Where the entry named <paramref name="path"/> (see the constructor) is written; (0, 0) when the file does not hold it.</summary>
    public SourcePosition Place(string path) => _places.GetValueOrDefault(path);

    /// <summary>An error in this file at <paramref name="at"/>.</summary>
    public Diagnostic Error(SourcePosition at, string message) => new(File, at.Line, at.Column, message);
}
