namespace Shuyaku.Core.Import.F5;

/// <summary>One top-level object of a BIG-IP configuration, classified: <c>ltm monitor http /Common/m</c> is module ltm, kind monitor, type http.</summary>
internal sealed record F5Object(TmshObject Source, string Module, string Kind, string? Type, string Name, List<TmshProperty> Properties)
{
    /// <summary>The first value of property <paramref name="key"/> as text, or null.</summary>
    public string? Text(string key) => TmshBlocks.Get(Properties, key)?.Text;

    /// <summary>The property <paramref name="key"/>, or null.</summary>
    public TmshProperty? Get(string key) => TmshBlocks.Get(Properties, key);

    /// <summary>Whether the flag or property <paramref name="key"/> is present.</summary>
    public bool Has(string key) => TmshBlocks.Has(Properties, key);

    /// <summary>How messages name it: <c>ltm virtual /Common/vs_web</c>.</summary>
    public string Title => $"{Module} {Kind}{(Type is null ? "" : " " + Type)} {Name}";
}

/// <summary>
/// The objects of a bigip.conf the importer reads (virtual servers, virtual addresses, pools, nodes, monitors,
/// persistence and profiles), indexed by full name; iRules and GTM objects listed; everything else counted.
/// </summary>
internal sealed class BigIpConfig
{
    /// <summary>ltm objects whose header carries a type before the name.</summary>
    private static readonly HashSet<string> Typed = new(StringComparer.Ordinal) { "monitor", "persistence", "profile" };

    /// <summary>Virtual servers in file order.</summary>
    public List<F5Object> Virtuals { get; } = [];

    /// <summary>Pools by full name.</summary>
    public Dictionary<string, F5Object> Pools { get; } = new(StringComparer.Ordinal);

    /// <summary>Nodes by full name.</summary>
    public Dictionary<string, F5Object> Nodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Virtual addresses by full name.</summary>
    public Dictionary<string, F5Object> VirtualAddresses { get; } = new(StringComparer.Ordinal);

    /// <summary>Monitors by full name.</summary>
    public Dictionary<string, F5Object> Monitors { get; } = new(StringComparer.Ordinal);

    /// <summary>Persistence profiles by full name.</summary>
    public Dictionary<string, F5Object> Persistence { get; } = new(StringComparer.Ordinal);

    /// <summary>Other profiles by full name.</summary>
    public Dictionary<string, F5Object> Profiles { get; } = new(StringComparer.Ordinal);

    /// <summary>iRules (ltm rule), which are Tcl and not translated.</summary>
    public List<TmshObject> Rules { get; } = [];

    /// <summary>GTM (global DNS) objects, which have no equivalent.</summary>
    public List<TmshObject> Gtm { get; } = [];

    /// <summary>Self IPs (<c>net self</c>): this device's own addresses and the floating ones its pair shares.</summary>
    public List<F5Object> SelfIps { get; } = [];

    /// <summary>Objects not read, counted by their first two header words (<c>sys db</c>, <c>net vlan</c>).</summary>
    public SortedDictionary<string, int> NotRead { get; } = new(StringComparer.Ordinal);

    /// <summary>Sorts <paramref name="objects"/> into the indexes.</summary>
    public static BigIpConfig From(IReadOnlyList<TmshObject> objects)
    {
        var config = new BigIpConfig();
        foreach (var o in objects)
        {
            config.Add(o);
        }

        return config;
    }

    private void Add(TmshObject o)
    {
        var h = o.Header.Select(w => w.Text).ToArray();
        if (h[0] == "gtm")
        {
            Gtm.Add(o);
            return;
        }

        if (h.Length == 3 && h[0] == "net" && h[1] == "self")
        {
            SelfIps.Add(new F5Object(o, "net", "self", null, FullName(h[2]), TmshBlocks.Properties(o.Body)));
            return;
        }

        if (h.Length >= 3 && h[0] == "ltm" && h[1] == "rule")
        {
            Rules.Add(o);
            return;
        }

        var typed = h.Length == 4 && h[0] == "ltm" && Typed.Contains(h[1]);
        if (h[0] == "ltm" && (typed || h.Length == 3 && h[1] is "virtual" or "pool" or "node" or "virtual-address"))
        {
            var item = new F5Object(o, h[0], h[1], typed ? h[2] : null, FullName(h[^1]), TmshBlocks.Properties(o.Body));
            var index = h[1] switch
            {
                "virtual" => null,
                "pool" => Pools,
                "node" => Nodes,
                "virtual-address" => VirtualAddresses,
                "monitor" => Monitors,
                "persistence" => Persistence,
                _ => Profiles,
            };
            if (index is null)
            {
                Virtuals.Add(item);
            }
            else
            {
                index.TryAdd(item.Name, item);
            }

            return;
        }

        var key = h.Length >= 2 && !h[1].StartsWith('/') ? $"{h[0]} {h[1]}" : h[0];
        NotRead[key] = NotRead.GetValueOrDefault(key) + 1;
    }

    /// <summary>A reference as a full path: names written without a partition are in /Common.</summary>
    public static string FullName(string name) => name.StartsWith('/') ? name : "/Common/" + name;

    /// <summary>The last segment of a full path: <c>/Common/app/pool_web</c> gives <c>pool_web</c>.</summary>
    public static string Leaf(string name) => name[(name.LastIndexOf('/') + 1)..];
}
