using Shuyaku.Core.Model;

namespace Shuyaku.Core.Move;

/// <summary>
/// Every known IPv4 subnet (declared under 'subnets', or given by servers and then taken as declared at the first such
/// server's site) and which one holds an address: the longest prefix containing it.
/// </summary>
internal sealed class SubnetIndex
{
    private readonly List<(V4Prefix Prefix, Subnet Subnet)> _entries;

    private SubnetIndex(List<(V4Prefix, Subnet)> entries) => _entries = entries;

    /// <summary>The known subnets, by address then length.</summary>
    public IEnumerable<(V4Prefix Prefix, Subnet Subnet)> Entries => _entries;

    /// <summary>The subnets of <paramref name="estate"/>.</summary>
    public static SubnetIndex Build(Estate estate)
    {
        var entries = new List<(V4Prefix, Subnet)>();
        var seen = new HashSet<V4Prefix>();
        foreach (var s in estate.Subnets)
        {
            if (V4Prefix.Parse(s.Prefix) is { } p && seen.Add(p))
            {
                entries.Add((p, s));
            }
        }

        foreach (var server in estate.Servers)
        {
            if (V4Prefix.Parse(server.Subnet) is { } p && seen.Add(p))
            {
                entries.Add((p, new Subnet { Prefix = p.ToString(), Site = server.Site }));
            }
        }

        entries.Sort((a, b) => a.Item1.Base != b.Item1.Base ? a.Item1.Base.CompareTo(b.Item1.Base) : a.Item1.Length.CompareTo(b.Item1.Length));
        return new SubnetIndex(entries);
    }

    /// <summary>The longest known prefix holding <paramref name="address"/>, or null.</summary>
    public (V4Prefix Prefix, Subnet Subnet)? Find(uint address)
    {
        (V4Prefix, Subnet)? best = null;
        foreach (var e in _entries)
        {
            if (e.Prefix.Base > address)
            {
                break;
            }

            if (e.Prefix.Contains(address) && (best is null || e.Prefix.Length > best.Value.Item1.Length))
            {
                best = e;
            }
        }

        return best;
    }

    /// <summary>
    /// The subnet a server is in: the longest known prefix holding its IPv4 address; with no IPv4 address, the subnet its
    /// own 'subnet' field names; null when neither gives one.
    /// </summary>
    public (V4Prefix Prefix, Subnet Subnet)? Of(Server server)
    {
        if (V4Prefix.ParseAddress(server.Ip) is { } a)
        {
            return Find(a);
        }

        if (V4Prefix.Parse(server.Subnet) is { } p)
        {
            foreach (var e in _entries.Where(e => e.Prefix == p))
            {
                return e;
            }
        }

        return null;
    }
}
