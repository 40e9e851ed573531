using System.Globalization;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Shuyaku.Core.Import;

/// <summary>Reads YAML nodes into values, collecting every problem with its location.</summary>
internal sealed class YamlNodes(string file)
{
    private readonly List<Diagnostic> _errors = [];
    private readonly List<Diagnostic> _warnings = [];

    public string File { get; } = file;
    public IReadOnlyList<Diagnostic> Errors => _errors;
    public IReadOnlyList<Diagnostic> Warnings => _warnings;

    /// <summary>Nodes shared through anchors are read once per alias; their errors are reported once.</summary>
    private readonly HashSet<Diagnostic> _reported = [];

    public void Error(YamlNode node, string message) => Error((int)node.Start.Line, (int)node.Start.Column, message);

    public void Error(int line, int column, string message)
    {
        var d = new Diagnostic(File, line, column, message);
        if (_reported.Add(d))
        {
            _errors.Add(d);
        }
    }

    public static SourcePosition Position(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);

    public void Warn(YamlNode node, string message) =>
        _warnings.Add(new Diagnostic(File, (int)node.Start.Line, (int)node.Start.Column, message));

    /// <summary>A mapping whose keys must be among <paramref name="keys"/>; unknown keys are reported with a suggestion.</summary>
    public Fields? Mapping(YamlNode? node, string what, params string[] keys)
    {
        if (node is null)
        {
            return null;
        }

        if (IsNull(node))
        {
            Error(node, Texts.Format("estate.node.mapping-empty", what, string.Join(", ", keys)));
            return null;
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, Texts.Format("estate.node.not-mapping", what, string.Join(", ", keys)));
            return null;
        }

        var fields = new Dictionary<string, (YamlNode Key, YamlNode Value)>(StringComparer.Ordinal);
        var merged = new List<KeyValuePair<YamlNode, YamlNode>>();
        foreach (var (k, v) in map.Children)
        {
            if (IsMergeKey(k))
            {
                Merge(v, merged, new HashSet<YamlMappingNode>([map], ReferenceEqualityComparer.Instance), 1);
                continue;
            }

            var key = (k as YamlScalarNode)?.Value ?? "";
            if (!keys.Contains(key))
            {
                Unknown(k, key, what, keys);
                continue;
            }

            if (!fields.TryAdd(key, (k, v)))
            {
                Error(k, Texts.Format("estate.node.key-twice", key, what));
            }
        }

        // Keys written in the mapping win over merged ones; of merged ones, the first merged wins (YAML's merge key).
        foreach (var (k, v) in merged)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            if (keys.Contains(key))
            {
                fields.TryAdd(key, (k, v));
            }
            else
            {
                Unknown(k, key, what, keys);
            }
        }

        return new Fields(this, node, what, fields);
    }

    private static bool IsMergeKey(YamlNode key) =>
        key is YamlScalarNode { Value: "<<", Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any };

    /// <summary>
    /// The entries a merge key brings in, in order of precedence; each mapping once, so shared anchors cost nothing twice.
    /// <paramref name="seen"/> compares by reference: a YAML node's own hash walks its whole content, which an anchor
    /// chain makes exponential.
    /// </summary>
    private void Merge(YamlNode value, List<KeyValuePair<YamlNode, YamlNode>> into, HashSet<YamlMappingNode> seen, int depth) =>
        Merge(value, into, seen, new HashSet<YamlMappingNode>(seen, ReferenceEqualityComparer.Instance), depth);

    private void Merge(YamlNode value, List<KeyValuePair<YamlNode, YamlNode>> into, HashSet<YamlMappingNode> seen, HashSet<YamlMappingNode> path, int depth)
    {
        if (depth > YamlText.MaxDepth)
        {
            Error(value, Texts.Format("estate.node.merge-deep", YamlText.MaxDepth));
            return;
        }

        switch (value)
        {
            case YamlMappingNode map when path.Contains(map):
                Error(value, Texts.Get("estate.node.merge-self"));
                break;
            case YamlMappingNode map when seen.Add(map):
                path.Add(map);
                into.AddRange(map.Children.Where(c => !IsMergeKey(c.Key)));
                foreach (var (k, v) in map.Children.Where(c => IsMergeKey(c.Key)))
                {
                    Merge(v, into, seen, path, depth + 1);
                }

                path.Remove(map);
                break;
            case YamlMappingNode:
                break;
            case YamlSequenceNode list when list.Children.All(c => c is YamlMappingNode):
                foreach (var item in list.Children)
                {
                    Merge(item, into, seen, path, depth + 1);
                }

                break;
            default:
                Error(value, Texts.Get("estate.node.merge-value"));
                break;
        }
    }

    private void Unknown(YamlNode k, string key, string what, string[] keys)
    {
        var near = Nearest(key, keys);
        Error(k, near is null
            ? Texts.Format("estate.node.unknown-key", key, what, string.Join(", ", keys))
            : Texts.Format("estate.node.unknown-key-near", key, what, near));
    }

    public IReadOnlyList<YamlNode> Sequence(YamlNode? node, string what)
    {
        if (node is null)
        {
            return [];
        }

        if (node is YamlSequenceNode seq)
        {
            return [.. seq.Children];
        }

        Error(node, Texts.Format("estate.node.not-list", what));
        return [];
    }

    public string? Text(YamlNode? node, string what)
    {
        if (node is null)
        {
            return null;
        }

        if (IsNull(node))
        {
            Error(node, Texts.Format("estate.node.value-empty", what));
            return null;
        }

        if (node is YamlScalarNode { Value: { } v })
        {
            return v;
        }

        Error(node, Texts.Format("estate.node.not-value", what));
        return null;
    }

    /// <summary>A plain empty, ~ or null scalar: YAML's null, which must not be read as the text "null".</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any, Value: "" or "~" or "null" or "Null" or "NULL" };

    public double? Number(YamlNode? node, string what, double min = double.NegativeInfinity)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || double.IsNaN(v) || double.IsInfinity(v))
        {
            Error(node!, Texts.Format("estate.node.not-number", what, text));
            return null;
        }

        if (v < min)
        {
            Error(node!, Texts.Format("estate.node.at-least", what, text, min.ToString(CultureInfo.InvariantCulture)));
            return null;
        }

        return v;
    }

    public int? Integer(YamlNode? node, string what, int min, int max = int.MaxValue)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (!System.Numerics.BigInteger.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
        {
            Error(node!, Texts.Format("estate.node.not-whole", what, text));
            return null;
        }

        if (v < min)
        {
            Error(node!, Texts.Format("estate.node.at-least", what, v, min));
            return null;
        }

        if (v > max)
        {
            Error(node!, Texts.Format("estate.node.at-most", what, v, max));
            return null;
        }

        return (int)v;
    }

    public bool? Boolean(YamlNode? node, string what)
    {
        var text = Text(node, what);
        return text switch
        {
            null => null,
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => Invalid(),
        };

        // YAML 1.2's core schema: yes, no, on and off are text, not booleans, so they are not guessed at.
        bool? Invalid()
        {
            Error(node!, text.ToLowerInvariant() is "yes" or "no" or "on" or "off" or "y" or "n"
                ? Texts.Format("estate.node.yaml11-boolean", what, text)
                : Texts.Format("estate.node.not-boolean", what, text));
            return null;
        }
    }

    public double? Quantity(YamlNode? node, string what, QuantityKind kind)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (Quantities.TryParse(text, kind, out var v, out var error))
        {
            return v;
        }

        Error(node!, $"{what}: {error}");
        return null;
    }

    /// <summary>A share written as a percentage, more than 0% and at most 100%.</summary>
    public double? Share(YamlNode? node, string what)
    {
        var v = Quantity(node, what, QuantityKind.Percent);
        if (v is 0 || v > 1)
        {
            Error(node!, Texts.Format("estate.node.share", what));
            return null;
        }

        return v;
    }

    /// <summary>A quantity that must be more than zero (a bandwidth, a window).</summary>
    public double? Positive(YamlNode? node, string what, QuantityKind kind)
    {
        var v = Quantity(node, what, kind);
        if (v is 0)
        {
            Error(node!, Texts.Format("estate.node.positive", what));
            return null;
        }

        return v;
    }

    /// <summary>An IPv4 address (or, with <paramref name="v6"/>, an IPv6 one) in its usual text; the text as written, or null.</summary>
    public string? Address(YamlNode? node, string what, bool v6 = false)
    {
        var text = Text(node, what);
        if (text is null || (v6 ? IpText.V6(text) : IpText.V4(text)) is not null)
        {
            return text;
        }

        Error(node!, v6
            ? Texts.Format("estate.node.not-ipv6", what, text)
            : Texts.Format("estate.node.not-ipv4", what, text));
        return null;
    }

    /// <summary>An IPv4 (or, with <paramref name="v6"/>, IPv6) prefix in CIDR form with no host bits set, or null.</summary>
    public System.Net.IPNetwork? Prefix(YamlNode? node, string what, bool v6 = false)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        var network = IpText.Network(text, v6 ? System.Net.Sockets.AddressFamily.InterNetworkV6 : System.Net.Sockets.AddressFamily.InterNetwork, what, out var error);
        if (network is null)
        {
            Error(node!, error);
        }

        return network;
    }

    /// <summary>The entries of a mapping whose keys are names the file chooses (site ids), each key once.</summary>
    public IReadOnlyList<(string Key, YamlNode KeyNode, YamlNode Value)> Pairs(YamlNode? node, string what, string example)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, IsNull(node) ? Texts.Format("estate.node.pairs-empty", what) : Texts.Format("estate.node.not-pairs", what, example));
            return [];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<(string, YamlNode, YamlNode)>();
        foreach (var (k, v) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            if (!seen.Add(key))
            {
                Error(k, Texts.Format("estate.node.key-twice", key, what));
                continue;
            }

            list.Add((key, k, v));
        }

        return list;
    }

    public IReadOnlyList<(string Id, YamlNode Node)> IdList(YamlNode? node, string what)
    {
        var list = new List<(string, YamlNode)>();
        foreach (var item in Sequence(node, what))
        {
            var id = Text(item, Texts.Format("estate.node.entry-of", what));
            if (id is not null)
            {
                list.Add((id, item));
            }
        }

        return list;
    }

    private static string? Nearest(string key, string[] keys)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var k in keys)
        {
            var d = Distance(key.ToLowerInvariant(), k.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = k;
            }
        }

        return bestDistance <= Math.Max(2, key.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}

/// <summary>The fields of one mapping, each reachable by key.</summary>
internal sealed class Fields(YamlNodes nodes, YamlNode node, string what, Dictionary<string, (YamlNode Key, YamlNode Value)> fields)
{
    public YamlNode Node { get; } = node;
    public string What { get; } = what;

    public YamlNode? this[string key] => fields.TryGetValue(key, out var f) ? f.Value : null;

    public bool Has(string key) => fields.ContainsKey(key);

    /// <summary>The value of a key that must be present; a missing key is reported at the mapping.</summary>
    public YamlNode? Required(string key)
    {
        if (fields.TryGetValue(key, out var f))
        {
            return f.Value;
        }

        nodes.Error(Node, Texts.Format("estate.node.missing-key", What, key));
        return null;
    }
}
