using System.Globalization;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Traces;

/// <summary>How series are bound to workloads.</summary>
public enum BindMethod
{
    /// <summary>A workload takes the series named like its id.</summary>
    ById,
    /// <summary>The i-th workload of the estate takes the i-th series: for trying foreign traces on an estate.</summary>
    InOrder,
    /// <summary>A CSV file <c>workload,series</c> says which series each workload takes.</summary>
    Map,
}

/// <summary>Which series each workload replays; workloads without one are replayed at their constant estate demand.</summary>
/// <param name="Method">How the series were bound.</param>
/// <param name="SeriesOf">Series index per workload id.</param>
/// <param name="Unbound">Workloads that have no series.</param>
/// <param name="UnusedSeries">Series that no workload takes.</param>
public sealed record SeriesBinding(BindMethod Method, IReadOnlyDictionary<string, int> SeriesOf, IReadOnlyList<string> Unbound, int UnusedSeries)
{
    /// <summary>Each workload takes the series named like its id.</summary>
    public static SeriesBinding ById(Estate estate, TraceSet traces)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in estate.Workloads)
        {
            var i = traces.IndexOf(w.Id);
            if (i >= 0)
            {
                map[w.Id] = i;
            }
        }

        return Make(BindMethod.ById, estate, traces, map);
    }

    /// <summary>The i-th workload takes the i-th series.</summary>
    public static SeriesBinding InOrder(Estate estate, TraceSet traces)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(estate.Workloads.Count, traces.Count); i++)
        {
            map[estate.Workloads[i].Id] = i;
        }

        return Make(BindMethod.InOrder, estate, traces, map);
    }

    /// <summary>Reads a mapping CSV with the header <c>workload,series</c>; every error with file:line:column.</summary>
    public static ReadResult<SeriesBinding> FromMap(string path, Estate estate, TraceSet traces)
    {
        if (Directory.Exists(path))
        {
            return ReadResult<SeriesBinding>.Failed([new Diagnostic(path, 0, 0, Texts.Get("trace.map.folder"))], []);
        }

        if (!File.Exists(path))
        {
            return ReadResult<SeriesBinding>.Failed([new Diagnostic(path, 0, 0, Texts.Get("trace.map.missing"))], []);
        }

        try
        {
            return ReadMap(path, estate, traces);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return ReadResult<SeriesBinding>.Failed([new Diagnostic(path, 0, 0, Texts.Format("trace.map.unreadable", e.Message))], []);
        }
    }

    private static ReadResult<SeriesBinding> ReadMap(string path, Estate estate, TraceSet traces)
    {

        var errors = new List<Diagnostic>();
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var known = estate.Workloads.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        var fields = new List<Field>();
        using (var reader = TraceText.Open(path))
        {
            var header = reader.ReadLine();
            TraceText.Split(header ?? "", ',', fields);
            if (fields.Count != 2 || !string.Equals(fields[0].Text, "workload", StringComparison.OrdinalIgnoreCase) || !string.Equals(fields[1].Text, "series", StringComparison.OrdinalIgnoreCase))
            {
                return ReadResult<SeriesBinding>.Failed([new Diagnostic(path, 1, 1, Texts.Get("trace.map.header"))], []);
            }

            var lineNo = 1;
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                lineNo++;
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                TraceText.Split(line, ',', fields);
                if (fields.Count != 2)
                {
                    errors.Add(new Diagnostic(path, lineNo, 1, Texts.Format("trace.map.fields", fields.Count)));
                    continue;
                }

                var (w, s) = (fields[0], fields[1]);
                var index = traces.IndexOf(s.Text);
                if (!known.Contains(w.Text))
                {
                    errors.Add(new Diagnostic(path, lineNo, w.Column, Texts.Format("trace.map.unknown-workload", w.Text)));
                }
                else if (index < 0)
                {
                    errors.Add(new Diagnostic(path, lineNo, s.Column, Texts.Format("trace.map.unknown-series", s.Text, traces.Count.ToString(CultureInfo.InvariantCulture))));
                }
                else if (!map.TryAdd(w.Text, index))
                {
                    errors.Add(new Diagnostic(path, lineNo, w.Column, Texts.Format("trace.map.twice", w.Text)));
                }
            }
        }

        return errors.Count > 0
            ? ReadResult<SeriesBinding>.Failed(errors, [])
            : ReadResult<SeriesBinding>.Ok(Make(BindMethod.Map, estate, traces, map), []);
    }

    private static SeriesBinding Make(BindMethod method, Estate estate, TraceSet traces, Dictionary<string, int> map)
    {
        var unbound = estate.Workloads.Where(w => !map.ContainsKey(w.Id)).Select(w => w.Id).ToList();
        var used = map.Values.Distinct().Count();
        return new SeriesBinding(method, map, unbound, traces.Count - used);
    }
}
