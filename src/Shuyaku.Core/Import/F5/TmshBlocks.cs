namespace Shuyaku.Core.Import.F5;

/// <summary>One property of a block: its key and the words or blocks that follow it.</summary>
internal sealed record TmshProperty(TmshWord Key, IReadOnlyList<TmshNode> Values)
{
    /// <summary>The first value as text, or null when the first value is a block or there is none.</summary>
    public string? Text => Values.Count > 0 && Values[0] is TmshWord w ? w.Text : null;

    /// <summary>The first value if it is a block.</summary>
    public TmshBlock? Block => Values.Count > 0 ? Values[0] as TmshBlock : null;

    /// <summary>Every value word joined by spaces (blocks left out).</summary>
    public string Words => string.Join(" ", Values.OfType<TmshWord>().Select(w => w.Text));
}

/// <summary>
/// Reads a block's items as properties or as a list of names. A multiline block (as bigip.conf is written) holds one
/// property per line: the key and whatever follows on its line. An inline block (<c>{ address 10.1.1.1 }</c>) gives
/// each key one value, except the known flags (none) and <c>monitor</c> (<c>a and b</c>, <c>min 1 of { ... }</c>).
/// </summary>
internal static class TmshBlocks
{
    /// <summary>Keys that stand alone, with no value.</summary>
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal)
    {
        "disabled", "enabled", "vlans-enabled", "vlans-disabled", "ip-forward", "l2-forward", "reject", "internal",
        "stateless", "dhcp-relay", "address-translation-disabled", "port-translation-disabled",
    };

    /// <summary>The block's properties in order; a block standing where a key should be is given the key "".</summary>
    public static List<TmshProperty> Properties(TmshBlock block)
    {
        var result = new List<TmshProperty>();
        var items = block.Items;
        for (var i = 0; i < items.Count;)
        {
            if (items[i] is not TmshWord key)
            {
                result.Add(new TmshProperty(new TmshWord("", false, items[i].Line, items[i].Column), [items[i]]));
                i++;
                continue;
            }

            i++;
            var values = new List<TmshNode>();
            if (block.Multiline)
            {
                while (i < items.Count && items[i].Line == key.Line)
                {
                    values.Add(items[i++]);
                }
            }
            else if (key.Text == "monitor")
            {
                i = MonitorValue(items, i, values);
            }
            else if (!Flags.Contains(key.Text) && i < items.Count)
            {
                values.Add(items[i++]);
            }

            result.Add(new TmshProperty(key, values));
        }

        return result;
    }

    /// <summary>The first property named <paramref name="key"/>, or null.</summary>
    public static TmshProperty? Get(List<TmshProperty> properties, string key) => properties.FirstOrDefault(p => p.Key.Text == key);

    /// <summary>Whether the block holds the flag (or a property) <paramref name="key"/>.</summary>
    public static bool Has(List<TmshProperty> properties, string key) => properties.Any(p => p.Key.Text == key);

    /// <summary>
    /// The block read as a list of names each optionally followed by its own block
    /// (<c>profiles { /Common/http { } /Common/tcp { } }</c>, <c>rules { /Common/a /Common/b }</c>).
    /// </summary>
    public static List<(TmshWord Name, TmshBlock? Body)> Names(TmshBlock? block)
    {
        var result = new List<(TmshWord, TmshBlock?)>();
        if (block is null)
        {
            return result;
        }

        var items = block.Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is TmshWord name)
            {
                var body = i + 1 < items.Count ? items[i + 1] as TmshBlock : null;
                result.Add((name, body));
                if (body is not null)
                {
                    i++;
                }
            }
        }

        return result;
    }

    /// <summary><c>min N of { a b }</c> or <c>a and b and c</c> or a single name, taken from <paramref name="i"/>.</summary>
    private static int MonitorValue(IReadOnlyList<TmshNode> items, int i, List<TmshNode> values)
    {
        if (i + 3 < items.Count && items[i] is TmshWord { Text: "min" } && items[i + 2] is TmshWord { Text: "of" } && items[i + 3] is TmshBlock)
        {
            values.AddRange(items.Skip(i).Take(4));
            return i + 4;
        }

        if (i < items.Count)
        {
            values.Add(items[i++]);
        }

        while (i + 1 < items.Count && items[i] is TmshWord { Text: "and" })
        {
            values.Add(items[i++]);
            values.Add(items[i++]);
        }

        return i;
    }
}
