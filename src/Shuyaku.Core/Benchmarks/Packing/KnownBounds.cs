using System.Globalization;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Benchmarks.Packing;

/// <summary>
/// What the literature knows about one instance: the optimum when proven, else a lower and an upper bound, and the best
/// heuristic result reported (<c>best_known_ub</c> of the vector packing benchmark).
/// </summary>
public sealed record KnownBound(string Instance, string? Class, string? Path, int? Optimum, int? LowerBound, int? UpperBound, int? BestHeuristic);

/// <summary>
/// Known bounds by instance. Names repeat across benchmarks (Panigrahy and New both have class6_120_10_1), so an instance
/// is found by the longest tail of its file path that matches a row's <c>path</c> column, else by its name when unique.
/// </summary>
public sealed class BoundsTable
{
    private readonly Dictionary<string, KnownBound?> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KnownBound?> _byName = new(StringComparer.Ordinal);
    private readonly List<KnownBound> _all = [];

    /// <summary>Rows in the table.</summary>
    public int Count => _all.Count;

    /// <summary>A table without rows.</summary>
    public static BoundsTable Empty { get; } = new();

    /// <summary>Adds one row, findable by every tail of two or more parts of its path and by its name while unique.</summary>
    public void Add(KnownBound bound)
    {
        _all.Add(bound);
        if (bound.Path is { Length: > 0 } path)
        {
            // Every tail of two or more path parts finds the row, so a copy of the tree under another root still matches;
            // a tail two rows share finds neither.
            var parts = Normalise(path).Split('/');
            for (var take = 2; take <= parts.Length; take++)
            {
                var tail = string.Join('/', parts[^take..]);
                _byPath[tail] = _byPath.TryGetValue(tail, out var other) && other != bound ? null : bound;
            }
        }

        // A name seen twice is ambiguous without its path.
        _byName[bound.Instance] = _byName.ContainsKey(bound.Instance) ? null : bound;
    }

    /// <summary>Adds every row of <paramref name="other"/>.</summary>
    public void AddAll(BoundsTable other)
    {
        foreach (var b in other._all)
        {
            Add(b);
        }
    }

    /// <summary>The row for <paramref name="instance"/>: by the longest matching tail of its path, else by its name; null if none.</summary>
    public KnownBound? Find(BinPackingInstance instance)
    {
        var parts = Normalise(System.IO.Path.GetFullPath(instance.Path)).Split('/');
        for (var take = Math.Min(parts.Length, 8); take >= 2; take--)
        {
            if (_byPath.TryGetValue(string.Join('/', parts[^take..]), out var b) && b is not null)
            {
                return b;
            }
        }

        return _byName.GetValueOrDefault(instance.Name);
    }

    private static string Normalise(string path) => path.Replace('\\', '/').TrimStart('.', '/');
}

/// <summary>
/// Reads a bounds CSV with a header: <c>instance</c> and either <c>optimum</c> or <c>best_lb</c>/<c>best_ub</c> are
/// required; <c>lower_bound</c>, <c>best_known_ub</c> and the class columns (<c>benchmark</c>+<c>class</c> or <c>set</c>)
/// are used when present. A BPPLIB row whose best lower and upper bounds are equal has that value as its optimum.
/// </summary>
public static class KnownBounds
{
    /// <summary>Reads a bounds CSV file; a file that cannot be read is one error.</summary>
    public static (BoundsTable? Bounds, IReadOnlyList<Diagnostic> Errors) ReadFile(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, [new Diagnostic(path, 0, 0, Texts.Format("bench.packing.cannot-read", e.Message))]);
        }

        return Parse(path, lines);
    }

    /// <summary>Parses the <paramref name="lines"/> of a bounds CSV; errors name <paramref name="path"/> and the line.</summary>
    public static (BoundsTable? Bounds, IReadOnlyList<Diagnostic> Errors) Parse(string path, IReadOnlyList<string> lines)
    {
        var errors = new List<Diagnostic>();
        if (lines.Count == 0 || string.IsNullOrWhiteSpace(lines[0]))
        {
            return (null, [new Diagnostic(path, 1, 1, Texts.Get("bench.bounds.empty"))]);
        }

        var header = lines[0].Trim().Split(',').Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Col(string name) => header.IndexOf(name);
        var instance = Col("instance");
        var optimum = Col("optimum");
        var bestLb = Col("best_lb");
        var bestUb = Col("best_ub");
        var lb = Col("lower_bound");
        var heuristic = Col("best_known_ub");
        var benchmark = Col("benchmark");
        var cls = Col("class");
        var set = Col("set");
        var pathCol = Col("path");
        if (instance < 0 || (optimum < 0 && (bestLb < 0 || bestUb < 0)))
        {
            return (null, [new Diagnostic(path, 1, 1, Texts.Format("bench.bounds.header", string.Join(", ", header)))]);
        }

        var result = new BoundsTable();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var l = 1; l < lines.Count; l++)
        {
            if (string.IsNullOrWhiteSpace(lines[l]))
            {
                continue;
            }

            var f = lines[l].TrimEnd('\r').Split(',');
            if (f.Length < header.Count)
            {
                errors.Add(new Diagnostic(path, l + 1, 1, Texts.Format("bench.bounds.fields", f.Length, header.Count)));
                continue;
            }

            int? Num(int c)
            {
                if (c < 0 || string.IsNullOrWhiteSpace(f[c]) || f[c].Trim() == "-1")
                {
                    return null;
                }

                if (int.TryParse(f[c].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
                {
                    return v;
                }

                errors.Add(new Diagnostic(path, l + 1, 1, Texts.Format("bench.bounds.not-whole", header[c], f[c])));
                return null;
            }

            var lower = Num(bestLb) ?? Num(lb);
            var upper = Num(bestUb);
            var opt = Num(optimum) ?? (lower is not null && lower == upper ? lower : null);
            var className = benchmark >= 0 && cls >= 0 ? $"{f[benchmark].Trim()}/{f[cls].Trim()}" : set >= 0 ? f[set].Trim() : cls >= 0 ? f[cls].Trim() : null;
            var name = f[instance].Trim();
            var rowPath = pathCol >= 0 ? f[pathCol].Trim() : null;
            if (!seen.Add($"{name}|{rowPath}|{className}"))
            {
                errors.Add(new Diagnostic(path, l + 1, 1, Texts.Format("bench.bounds.twice", name)));
                continue;
            }

            result.Add(new KnownBound(name, className, rowPath, opt, lower ?? opt, upper ?? opt, Num(heuristic)));
        }

        return errors.Count > 0 ? (null, errors) : (result, []);
    }
}
