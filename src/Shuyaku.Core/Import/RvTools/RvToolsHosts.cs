using System.Globalization;
using Shuyaku.Core.Import.Inventory;

namespace Shuyaku.Core.Import.RvTools;

/// <summary>Sites from data centre names, in the order first met.</summary>
internal sealed class SiteList
{
    private readonly EstateIds _ids = new("site");
    private readonly Dictionary<string, InventorySite> _byName = new(StringComparer.OrdinalIgnoreCase);

    public List<InventorySite> Sites { get; } = [];

    /// <summary>The site of data centre <paramref name="name"/>, made on first use; null for no name.</summary>
    public string? For(string? name)
    {
        if (name is null)
        {
            return null;
        }

        if (!_byName.TryGetValue(name, out var site))
        {
            site = new InventorySite(_ids.For(name), name);
            _byName[name] = site;
            Sites.Add(site);
        }

        return site.Id;
    }
}

/// <summary>Today's servers from the vHost sheet: one per host with a name, a clock, cores and memory.</summary>
internal sealed class RvToolsHosts(Cells cells, InventoryReport report, SiteList sites)
{
    private const string DefaultSite = "datacenter";
    private readonly EstateIds _ids = new("host");

    /// <summary>Servers by the host name VMs give in their 'Host' column.</summary>
    public Dictionary<string, InventoryServer> ByName { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<InventoryServer> Servers { get; } = [];

    public void Read(Sheet? sheet)
    {
        if (sheet is null)
        {
            return;
        }

        int C(string[] names) => sheet.Column(names);
        var (host, dc, cluster, model, speed, sockets, perCpu, total, memory) = (C(RvToolsColumns.Host), C(RvToolsColumns.Datacenter),
            C(RvToolsColumns.Cluster), C(RvToolsColumns.CpuModel), C(RvToolsColumns.Speed), C(RvToolsColumns.Sockets),
            C(RvToolsColumns.CoresPerCpu), C(RvToolsColumns.TotalCores), C(RvToolsColumns.HostMemory));
        var (cpuUse, memUse, vendor, hw, esx, boot) = (C(RvToolsColumns.CpuUsagePercent), C(RvToolsColumns.MemoryUsagePercent),
            C(RvToolsColumns.Vendor), C(RvToolsColumns.Model), C(RvToolsColumns.EsxVersion), C(RvToolsColumns.BootTime));
        foreach (var row in sheet.Rows)
        {
            report.HostsRead++;
            var where = $"vHost row {row.Number}";
            var name = Cells.Text(row, host);
            var mhz = cells.Number(sheet, row, speed, 0, 1e6);
            var socketCount = cells.Number(sheet, row, sockets, 0, 64);
            var coresPer = cells.Number(sheet, row, perCpu, 0, 1024);
            var cores = cells.Number(sheet, row, total, 0, 65536);
            var mib = cells.Number(sheet, row, memory);
            var cpuPercent = cells.Number(sheet, row, cpuUse, 0, 100);
            var memPercent = cells.Number(sheet, row, memUse, 0, 100);
            var booted = cells.Date(sheet, row, boot);
            if (name is null)
            {
                report.Skipped.Add(new SkippedRow("host", $"row {row.Number}", "no host name", where));
                continue;
            }

            if (ByName.ContainsKey(name))
            {
                report.Skipped.Add(new SkippedRow("host", name, "host listed twice; the first row is used", where));
                continue;
            }

            var (s, perSocket) = Shape(socketCount, coresPer, cores);
            var missing = new[] { (mhz is null or < 1, "Speed"), (perSocket is null, "# Cores"), (mib is null or < 1, "# Memory") }
                .Where(m => m.Item1).Select(m => $"'{m.Item2}'").ToList();
            if (missing.Count > 0)
            {
                report.Skipped.Add(new SkippedRow("host", name, $"no {string.Join(", ", missing)}: not written as a server; its VMs name no server", where));
                continue;
            }

            var notes = new List<string?>
            {
                Cells.Text(row, model) is { } m ? $"cpu {m}" : null,
                Cells.Text(row, cluster) is { } c ? $"cluster {c}" : null,
                cpuPercent is { } cp ? $"cpu usage {EstateYaml.F(cp)}%" : null,
                memPercent is { } mp ? $"memory usage {EstateYaml.F(mp)}%" : null,
                string.Join(' ', new[] { Cells.Text(row, vendor), Cells.Text(row, hw) }.OfType<string>()) is { Length: > 0 } v ? $"hardware {v}" : null,
                Cells.Text(row, esx) is { } e ? e : null,
                booted is { } b ? $"booted {b.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}" : null,
                socketCount is null ? "sockets not given ('# CPU'): taken as 1" : null,
            };
            var server = new InventoryServer
            {
                Id = _ids.For(name),
                Name = name,
                Site = sites.For(Cells.Text(row, dc)) ?? sites.For(DefaultSite)!,
                Sockets = s,
                CoresPerSocket = perSocket!.Value,
                ClockMhz = (int)Math.Floor(mhz!.Value),
                MemoryMib = Math.Floor(mib!.Value),
                Notes = notes.OfType<string>().ToList(),
            };
            ByName[name] = server;
            Servers.Add(server);
        }
    }

    /// <summary>Sockets and cores per socket from '# CPU', 'Cores per CPU' and '# Cores', whichever are given.</summary>
    private static (int Sockets, int? PerSocket) Shape(double? sockets, double? perCpu, double? total)
    {
        var s = sockets is >= 1 ? (int)sockets.Value : 1;
        if (perCpu is >= 1)
        {
            return (s, (int)perCpu.Value);
        }

        if (total is >= 1)
        {
            var t = (int)total.Value;
            return t % s == 0 && t / s <= 1024 ? (s, t / s) : (1, t <= 1024 ? t : null);
        }

        return (s, null);
    }
}
