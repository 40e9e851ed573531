using System.Globalization;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Benchmarks.Packing;

/// <summary>An instance, or every problem found in its file (with line numbers).</summary>
public sealed record InstanceRead(BinPackingInstance? Instance, IReadOnlyList<Diagnostic> Errors)
{
    /// <summary>Whether the file gave an instance.</summary>
    public bool Succeeded => Instance is not null;
}

/// <summary>
/// Reads VPSolver <c>.vbp</c> vector instances (d; d capacities; m; m lines of d sizes and a multiplicity) and BPPLIB
/// one-dimensional instances (n; capacity; n sizes). Files ending in <c>.vbp</c> are VPSolver, any other file BPPLIB.
/// Negative vector sizes are accepted as published (77 of the 120 Caprara triplet files have some); bounds stay valid.
/// </summary>
public static class InstanceReader
{
    /// <summary>Instance files of a path: the file itself, or every <c>.vbp</c> / <c>.txt</c> file below a folder, in ordinal order.</summary>
    public static IReadOnlyList<string> Expand(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            return [];
        }

        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".vbp", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            .Where(f => !System.IO.Path.GetFileName(f).StartsWith("README", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Reads one instance file, VPSolver or BPPLIB by its extension; its class comes from the folders it sits in.</summary>
    public static InstanceRead ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new InstanceRead(null, [new Diagnostic(path, 0, 0, Texts.Format("bench.packing.cannot-read", e.Message))]);
        }

        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? "";
        var parent = System.IO.Path.GetFileName(dir);
        var isVbp = path.EndsWith(".vbp", StringComparison.OrdinalIgnoreCase);
        var cls = isVbp ? $"{System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(dir) ?? "")}/{parent}" : parent;
        return isVbp ? ReadVbp(path, name, cls, text) : ReadBpp(path, name, cls, text);
    }

    /// <summary>Parses the <paramref name="text"/> of a VPSolver <c>.vbp</c> file.</summary>
    public static InstanceRead ReadVbp(string path, string name, string cls, string text)
    {
        var t = new Tokens(path, text);
        var d = t.Int(Texts.Get("bench.packing.what.dimensions"), min: 1);
        if (d is null)
        {
            return t.Failed();
        }

        var cap = new long[d.Value];
        for (var k = 0; k < d.Value; k++)
        {
            var c = t.Int(Texts.Format("bench.packing.what.capacity", k + 1, d), min: 1);
            if (c is null)
            {
                return t.Failed();
            }

            cap[k] = c.Value;
        }

        var m = t.Int(Texts.Get("bench.packing.what.item-types"), min: 0);
        if (m is null)
        {
            return t.Failed();
        }

        var sizes = new List<long>();
        for (var j = 0; j < m.Value; j++)
        {
            var w = new long[d.Value];
            for (var k = 0; k < d.Value; k++)
            {
                var line = t.Line;
                // Some published triplet instances (Caprara-style) have small negative sizes; they are read as given.
                var v = t.Int(Texts.Format("bench.packing.what.type-size", k + 1, j + 1), min: -cap[k]);
                if (v is null)
                {
                    return t.Failed();
                }

                if (v.Value > cap[k])
                {
                    t.Error(line, Texts.Format("bench.packing.type-too-large", j + 1, v, k + 1, cap[k]));
                    return t.Failed();
                }

                w[k] = v.Value;
            }

            var count = t.Int(Texts.Format("bench.packing.what.multiplicity", j + 1), min: 0);
            if (count is null)
            {
                return t.Failed();
            }

            for (var c = 0; c < count.Value; c++)
            {
                sizes.AddRange(w);
            }
        }

        if (!t.AtEnd())
        {
            return t.Failed();
        }

        return new InstanceRead(new BinPackingInstance { Name = name, Class = cls, Path = path, Capacity = cap, Sizes = [.. sizes] }, []);
    }

    /// <summary>Parses the <paramref name="text"/> of a BPPLIB one-dimensional instance file.</summary>
    public static InstanceRead ReadBpp(string path, string name, string cls, string text)
    {
        var t = new Tokens(path, text);
        var n = t.Int(Texts.Get("bench.packing.what.items"), min: 0);
        if (n is null)
        {
            return t.Failed();
        }

        var c = t.Int(Texts.Get("bench.packing.what.bin-capacity"), min: 1);
        if (c is null)
        {
            return t.Failed();
        }

        var sizes = new long[n.Value];
        for (var i = 0; i < n.Value; i++)
        {
            var line = t.Line;
            var w = t.Int(Texts.Format("bench.packing.what.item-size", i + 1, n), min: 0);
            if (w is null)
            {
                return t.Failed();
            }

            if (w.Value > c.Value)
            {
                t.Error(line, Texts.Format("bench.packing.item-too-large", i + 1, w, c));
                return t.Failed();
            }

            sizes[i] = w.Value;
        }

        if (!t.AtEnd())
        {
            return t.Failed();
        }

        return new InstanceRead(new BinPackingInstance { Name = name, Class = cls, Path = path, Capacity = [c.Value], Sizes = sizes }, []);
    }

    /// <summary>Whitespace-separated integer tokens with the line each one is on.</summary>
    private sealed class Tokens
    {
        private readonly string _path;
        private readonly List<(string Text, int Line)> _tokens = [];
        private readonly List<Diagnostic> _errors = [];
        private int _next;

        public Tokens(string path, string text)
        {
            _path = path;
            var lines = text.Split('\n');
            for (var l = 0; l < lines.Length; l++)
            {
                foreach (var tok in lines[l].Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))
                {
                    _tokens.Add((tok, l + 1));
                }
            }
        }

        /// <summary>The line of the next token (or of the end of the file).</summary>
        public int Line => _next < _tokens.Count ? _tokens[_next].Line : (_tokens.Count > 0 ? _tokens[^1].Line : 1);

        public long? Int(string what, long min)
        {
            if (_next >= _tokens.Count)
            {
                Error(Line, Texts.Format("bench.packing.ends", what));
                return null;
            }

            var (text, line) = _tokens[_next++];
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            {
                // Some published files write integral sizes as "12.0".
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) || f != Math.Floor(f) || Math.Abs(f) > 1e15)
                {
                    Error(line, Texts.Format("bench.packing.not-whole", text, what));
                    return null;
                }

                v = (long)f;
            }

            if (v < min)
            {
                Error(line, Texts.Format("bench.packing.below", what, v, min));
                return null;
            }

            return v;
        }

        public bool AtEnd()
        {
            if (_next < _tokens.Count)
            {
                Error(_tokens[_next].Line, Texts.Format("bench.packing.extra", _tokens[_next].Text));
                return false;
            }

            return true;
        }

        public void Error(int line, string message) => _errors.Add(new Diagnostic(_path, line, 1, message));

        public InstanceRead Failed() => new(null, _errors);
    }
}
