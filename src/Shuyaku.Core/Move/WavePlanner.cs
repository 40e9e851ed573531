using Shuyaku.Core.Model;

namespace Shuyaku.Core.Move;

/// <summary>Groups the servers that move into migration waves (see docs/move-waves.md).</summary>
public static class WavePlanner
{
    /// <summary>
    /// The waves that move every server outside <paramref name="dataCenter"/> that hosts a workload (with all its workloads)
    /// into it. Waves carry no routes: the network plan adds them.
    /// </summary>
    public static WaveResult Plan(Estate estate, string dataCenter, WanGraph wan)
    {
        // Placeholder until the wave planner lands: one server per wave, in site and id order.
        var waves = new List<Wave>();
        foreach (var server in estate.Servers.Where(s => s.Site != dataCenter).OrderBy(s => s.Site, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal))
        {
            var workloads = estate.Workloads.Where(w => w.Server == server.Id).Select(w => w.Id).ToList();
            if (workloads.Count > 0)
            {
                waves.Add(new Wave(waves.Count + 1, [server.Id], workloads, estate.Workloads.Where(w => w.Server == server.Id).Sum(w => w.Demand.DiskMib), 0, []));
            }
        }

        _ = wan;
        return new WaveResult(waves, [], waves.Count == 0 ? 0 : 1);
    }
}
