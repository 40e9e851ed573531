using Shuyaku.Core.Model;

namespace Shuyaku.Core.Move;

/// <summary>
/// What moves into the data centre (docs/move-format.md): a server at another site that hosts at least one workload
/// moves with all its workloads; a server there hosting none stays; a workload with no server at another site moves on
/// its own; everything at the data centre already is there.
/// </summary>
internal sealed class MoveScope
{
    private readonly Dictionary<string, string> _siteOfWorkload = new(StringComparer.Ordinal);

    /// <summary>The scope of <paramref name="estate"/> moving into <paramref name="dataCenter"/>.</summary>
    public MoveScope(Estate estate, string dataCenter)
    {
        DataCenter = dataCenter;
        var hosting = estate.Workloads.Where(w => w.Server.Length > 0).Select(w => w.Server).ToHashSet(StringComparer.Ordinal);
        MovingServers = estate.Servers.Where(s => s.Site != dataCenter && hosting.Contains(s.Id)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        StayingServers = estate.Servers.Where(s => !hosting.Contains(s.Id)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var w in estate.Workloads)
        {
            _siteOfWorkload[w.Id] = estate.FindServer(w.Server)?.Site ?? w.Site;
        }
    }

    /// <summary>The data centre's site id.</summary>
    public string DataCenter { get; }

    /// <summary>Servers at another site that host a workload.</summary>
    public HashSet<string> MovingServers { get; }

    /// <summary>Servers, at any site, that host no workload: they are not consolidated and stay where they stand.</summary>
    public HashSet<string> StayingServers { get; }

    /// <summary>The site a workload runs at today: its server's, or its own when it names no server.</summary>
    public string SiteBefore(string workload) => _siteOfWorkload.GetValueOrDefault(workload, "");

    /// <summary>The site a workload runs at after the move: the data centre (every workload is consolidated into it).</summary>
    public string SiteAfter(string workload) => _siteOfWorkload.ContainsKey(workload) ? DataCenter : "";

    /// <summary>Whether a workload moves (it runs at another site today).</summary>
    public bool Moves(string workload) => SiteBefore(workload) != DataCenter;
}
