using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Model;
using Shuyaku.Core.Sizing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Shuyaku.Core.Import;

/// <summary>Reads an estate file (YAML, or JSON, which is read as YAML) and validates it in one pass.</summary>
public static class EstateReader
{
    // Bounds that keep every count and product finite (cores × vCPU overcommit, growth ^ horizon).
    private const int MaxSockets = 64;
    private const int MaxCoresPerSocket = 1024;
    private const int MaxHorizonYears = 100;
    private const double MaxGrowthPerYear = 10;

    public static ReadResult<Estate> ReadFile(string path)
    {
        if (Directory.Exists(path))
        {
            return ReadResult<Estate>.Failed([new Diagnostic(path, 0, 0, "this is a folder, not an estate file: give the estate's YAML or JSON file")], []);
        }

        if (!File.Exists(path))
        {
            return ReadResult<Estate>.Failed([new Diagnostic(path, 0, 0, "the file does not exist: check the path")], []);
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult<Estate>.Failed([new Diagnostic(path, 0, 0, $"the file cannot be read: {e.Message}")], []);
        }

        return Read(bytes, path);
    }

    public static ReadResult<Estate> Read(string text, string file) => Read(Encoding.UTF8.GetBytes(text), file);

    public static ReadResult<Estate> Read(byte[] bytes, string file)
    {
        var nodes = new YamlNodes(file);
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            var inner = Sentence(e.InnerException?.Message ?? e.Message);
            var message = inner.StartsWith("Duplicate key ", StringComparison.Ordinal)
                ? $"key '{inner["Duplicate key ".Length..]}' appears twice in one mapping: keep one"
                : $"the file is not valid YAML or JSON: {inner}";
            nodes.Error((int)e.Start.Line, (int)e.Start.Column, message);
            return ReadResult<Estate>.Failed(nodes.Errors, nodes.Warnings);
        }

        if (stream.Documents.Count == 0)
        {
            nodes.Error(1, 1, "the file is empty: an estate needs at least workloads and a catalog");
            return ReadResult<Estate>.Failed(nodes.Errors, nodes.Warnings);
        }

        if (stream.Documents.Count > 1)
        {
            // Only one document would be read: the rest (a policy, say) would silently not apply.
            var second = SecondDocumentStart(bytes);
            nodes.Error((int)second.Line, (int)second.Column, $"the file holds {stream.Documents.Count} YAML documents (separated by '---'): an estate is one document, so merge them or remove the extra '---'");
            return ReadResult<Estate>.Failed(nodes.Errors, nodes.Warnings);
        }

        var parser = new EstateParser(nodes);
        var estate = parser.Parse(stream.Documents[0].RootNode) with { Digest = Convert.ToHexStringLower(SHA256.HashData(bytes)) };
        if (nodes.Errors.Count == 0)
        {
            parser.CheckFitsSomeModel(estate);
        }

        var errors = nodes.Errors.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
        return errors.Count == 0
            ? ReadResult<Estate>.Ok(estate, nodes.Warnings)
            : ReadResult<Estate>.Failed(errors, nodes.Warnings);
    }

    private static Mark SecondDocumentStart(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        var parser = new Parser(reader);
        var documents = 0;
        while (parser.MoveNext())
        {
            if (parser.Current is YamlDotNet.Core.Events.DocumentStart start && ++documents == 2)
            {
                return start.Start;
            }
        }

        return Mark.Empty;
    }

    private static string Sentence(string message)
    {
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return i >= 0 ? message[(i + 3)..] : message;
    }

    private sealed class EstateParser(YamlNodes n)
    {
        private readonly Dictionary<string, YamlNode> _workloadNodes = new(StringComparer.Ordinal);

        // Ids of entries that were declared but had errors of their own: naming them elsewhere is not a second mistake.
        private readonly HashSet<string> _invalidServers = new(StringComparer.Ordinal);
        private readonly HashSet<string> _invalidWorkloads = new(StringComparer.Ordinal);
        private YamlNode? _reserveNode;

        public Estate Parse(YamlNode root)
        {
            var top = n.Mapping(root, "the estate", "name", "sites", "servers", "workloads", "rules", "hostGroups", "catalog", "policy");
            if (top is null)
            {
                return new Estate();
            }

            var sites = Sites(top["sites"]);
            var servers = Servers(top["servers"], sites);
            var workloads = Workloads(top.Required("workloads"), sites, servers);
            var groups = HostGroups(top["hostGroups"]);
            var catalog = Catalog(top.Required("catalog"));
            var rules = Rules(top["rules"], workloads, groups);
            var policy = Policy(top["policy"]);
            return new Estate
            {
                Name = n.Text(top["name"], "the estate's name") ?? "",
                Sites = sites,
                Servers = servers.Values.ToList(),
                Workloads = workloads,
                Rules = rules,
                HostGroups = groups,
                Catalog = catalog,
                Policy = policy,
            };
        }

        private bool UniqueId(HashSet<string> seen, string? id, YamlNode node, string what)
        {
            if (id is null)
            {
                return false;
            }

            if (id.Length == 0)
            {
                n.Error(node, $"{what} has an empty id: give it a name");
                return false;
            }

            if (!seen.Add(id))
            {
                n.Error(node, $"{what} id '{id}' is used twice: ids must be unique");
                return false;
            }

            return true;
        }

        private List<Site> Sites(YamlNode? node)
        {
            var sites = new List<Site>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in n.Sequence(node, "sites"))
            {
                var f = n.Mapping(item, "a site", "id", "name", "role");
                if (f is null)
                {
                    continue;
                }

                var id = n.Text(f.Required("id"), "a site's id");
                var role = SiteRole.Campus;
                var roleText = n.Text(f["role"], "a site's role");
                if (roleText is not null)
                {
                    switch (roleText)
                    {
                        case "campus": role = SiteRole.Campus; break;
                        case "datacenter" or "data-center" or "dc": role = SiteRole.DataCenter; break;
                        default: n.Error(f["role"]!, $"site role '{roleText}' is unknown: write campus or datacenter"); break;
                    }
                }

                if (UniqueId(seen, id, f.Node, "site"))
                {
                    sites.Add(new Site(id!, n.Text(f["name"], "a site's name") ?? id!, role));
                }
            }

            return sites;
        }

        private Dictionary<string, Server> Servers(YamlNode? node, List<Site> sites)
        {
            var servers = new Dictionary<string, Server>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in n.Sequence(node, "servers"))
            {
                var f = n.Mapping(item, "a server", "id", "site", "hardware", "ip", "subnet");
                if (f is null)
                {
                    continue;
                }

                var id = n.Text(f.Required("id"), "a server's id");
                var what = string.IsNullOrEmpty(id) ? "a server" : $"server '{id}'";
                var site = n.Text(f.Required("site"), $"{what}'s site");
                if (site is not null && sites.All(s => s.Id != site))
                {
                    n.Error(f["site"]!, $"{what} names site '{site}', which is not among the sites: add it under 'sites' or fix the name");
                }

                var hw = HardwareOf(f.Required("hardware"), what);
                var ip = n.Text(f["ip"], $"{what}'s ip");
                if (ip is not null && !System.Net.IPAddress.TryParse(ip, out _))
                {
                    n.Error(f["ip"]!, $"{what}'s ip '{ip}' is not an IP address");
                }

                var subnet = n.Text(f["subnet"], $"{what}'s subnet");
                if (subnet is not null && !System.Net.IPNetwork.TryParse(subnet, out _))
                {
                    n.Error(f["subnet"]!, $"{what}'s subnet '{subnet}' is not a network in CIDR form such as 10.1.0.0/24");
                }
                else if (subnet is not null && ip is not null && System.Net.IPAddress.TryParse(ip, out var address)
                         && !System.Net.IPNetwork.Parse(subnet).Contains(address))
                {
                    n.Error(f["ip"]!, $"{what}'s ip {ip} is outside its subnet {subnet}");
                }

                if (UniqueId(seen, id, f.Node, "server"))
                {
                    if (hw is not null)
                    {
                        servers[id!] = new Server(id!, site ?? "", hw, ip, subnet);
                    }
                    else
                    {
                        _invalidServers.Add(id!);
                    }
                }
            }

            return servers;
        }

        private Hardware? HardwareOf(YamlNode? node, string what)
        {
            var f = n.Mapping(node, $"{what}'s hardware", "sockets", "cores", "clock", "perf", "memory", "disk");
            if (f is null)
            {
                return null;
            }

            var (sockets, cores, clock, perf, memory, disk) = Machine(f, what);
            return sockets is null || cores is null || clock is null || memory is null
                ? null
                : new Hardware(sockets.Value, cores.Value, clock.Value, perf, memory.Value, disk);
        }

        /// <summary>The CPU, memory and disk keys that servers' hardware and host models share.</summary>
        private (int? Sockets, int? Cores, double? Clock, double Perf, double? Memory, double Disk) Machine(Fields f, string what)
        {
            var sockets = n.Integer(f.Required("sockets"), $"{what}'s sockets", 1, MaxSockets);
            var cores = n.Integer(f.Required("cores"), $"{what}'s cores per socket", 1, MaxCoresPerSocket);
            var clock = n.Quantity(f.Required("clock"), $"{what}'s clock", QuantityKind.Frequency);
            var perf = n.Number(f["perf"], $"{what}'s performance factor", 0) ?? 1;
            var memory = n.Quantity(f.Required("memory"), $"{what}'s memory", QuantityKind.Size);
            var disk = n.Quantity(f["disk"], $"{what}'s disk", QuantityKind.Size) ?? 0;
            if (clock is 0)
            {
                n.Error(f["clock"]!, $"{what}'s clock must be more than zero");
            }

            if (perf == 0)
            {
                n.Error(f["perf"]!, $"{what}'s performance factor must be more than zero");
            }

            if (memory is 0)
            {
                n.Error(f["memory"]!, $"{what}'s memory must be more than zero");
            }

            // A machine with a zero is reported once here; returning no clock keeps it from raising follow-up errors.
            return (sockets, cores, clock is 0 || perf == 0 || memory is 0 ? null : clock, perf, memory, disk);
        }

        private List<Workload> Workloads(YamlNode? node, List<Site> sites, Dictionary<string, Server> servers)
        {
            var list = new List<Workload>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in n.Sequence(node, "workloads"))
            {
                var f = n.Mapping(item, "a workload", "id", "service", "software", "site", "server", "vcpus", "zone", "dedicated", "demand");
                if (f is null)
                {
                    continue;
                }

                var id = n.Text(f.Required("id"), "a workload's id");
                var what = string.IsNullOrEmpty(id) ? "a workload" : $"workload '{id}'";
                var serverId = n.Text(f["server"], $"{what}'s server");
                Server? server = null;
                if (serverId is not null && !servers.TryGetValue(serverId, out server) && !_invalidServers.Contains(serverId))
                {
                    n.Error(f["server"]!, $"{what} runs on server '{serverId}', which is not among the servers: add it under 'servers' or fix the name");
                }

                var site = n.Text(f["site"], $"{what}'s site") ?? server?.Site ?? "";
                if (f.Has("site") && sites.All(s => s.Id != site))
                {
                    n.Error(f["site"]!, $"{what} names site '{site}', which is not among the sites: add it under 'sites' or fix the name");
                }

                var demand = DemandOf(f.Required("demand"), what, server, serverId is not null);
                var vcpus = n.Integer(f["vcpus"], $"{what}'s vcpus", 1);
                var dedicated = n.Boolean(f["dedicated"], $"{what}'s dedicated flag") ?? false;
                var unique = UniqueId(seen, id, f.Node, "workload");
                if (unique && demand is null)
                {
                    _invalidWorkloads.Add(id!);
                }

                if (unique && demand is not null)
                {
                    _workloadNodes[id!] = f.Node;
                    list.Add(new Workload
                    {
                        Id = id!,
                        Service = n.Text(f["service"], $"{what}'s service") ?? "",
                        Software = n.Text(f["software"], $"{what}'s software") ?? "",
                        Site = site,
                        Server = serverId ?? "",
                        Vcpus = vcpus,
                        Zone = n.Text(f["zone"], $"{what}'s zone"),
                        Dedicated = dedicated,
                        Demand = demand,
                    });
                }
            }

            if (node is not null && list.Count == 0 && n.Errors.Count == 0)
            {
                n.Error(node, "there are no workloads: list at least one under 'workloads'");
            }

            return list;
        }

        private Demand? DemandOf(YamlNode? node, string what, Server? server, bool namesServer)
        {
            var f = n.Mapping(node, $"{what}'s demand", "cpu", "memory", "disk", "iops", "network");
            if (f is null)
            {
                return null;
            }

            var (cpu, unit) = CpuMeasure(f.Required("cpu"), what);
            if (unit != CpuUnit.Ghz && server is null && !namesServer && f["cpu"] is not null && cpu is not null)
            {
                n.Error(f["cpu"]!, $"{what}'s cpu is given relative to its server, but it names no server: add 'server' or give cpu in GHz");
            }

            if (server is not null && cpu is not null)
            {
                CheckWithinServer(f["cpu"]!, what, server, cpu, unit);
            }

            var memory = MeasureOf(f.Required("memory"), $"{what}'s memory", QuantityKind.Size);
            var disk = n.Quantity(f["disk"], $"{what}'s disk", QuantityKind.Size) ?? 0;
            var iops = n.Number(f["iops"], $"{what}'s iops", 0) ?? 0;
            var network = MeasureOf(f["network"], $"{what}'s network", QuantityKind.Bandwidth) ?? new Measure(null, null, null);
            return cpu is null || memory is null ? null : new Demand(cpu, unit, memory, disk, iops, network);
        }

        /// <summary>A measurement cannot exceed the machine it was taken on; more is a typo (150% for 15%), not a demand.</summary>
        private void CheckWithinServer(YamlNode node, string what, Server server, Measure cpu, CpuUnit unit)
        {
            var highest = new[] { cpu.Avg, cpu.P95, cpu.Peak }.Max() ?? 0;
            var hw = server.Hardware;
            string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
            switch (unit)
            {
                case CpuUnit.ServerFraction when highest > 1 + 1e-9:
                    n.Error(node, $"{what}'s cpu reaches {F(highest * 100)}% of its server '{server.Id}': a share of a server is at most 100%");
                    break;
                case CpuUnit.Cores when highest > hw.Cores + 1e-9:
                    n.Error(node, $"{what}'s cpu reaches {F(highest)} cores, but its server '{server.Id}' has {hw.Cores}");
                    break;
                case CpuUnit.Ghz when highest > hw.Cores * hw.ClockGhz + 1e-9:
                    n.Error(node, $"{what}'s cpu reaches {F(highest)} GHz, but its server '{server.Id}' has {F(hw.Cores * hw.ClockGhz)} GHz ({hw.Cores} cores × {F(hw.ClockGhz)} GHz)");
                    break;
            }
        }

        private (Measure?, CpuUnit) CpuMeasure(YamlNode? node, string what)
        {
            if (node is null)
            {
                return (null, CpuUnit.ServerFraction);
            }

            CpuUnit? unit = null;
            double? One(YamlNode? v, string label)
            {
                var text = n.Text(v, label);
                if (text is null)
                {
                    return null;
                }

                var t = text.Trim();
                (QuantityKind? kind, CpuUnit u) = t.EndsWith('%') ? (QuantityKind.Percent, CpuUnit.ServerFraction)
                    : t.EndsWith("Hz", StringComparison.Ordinal) ? (QuantityKind.Frequency, CpuUnit.Ghz)
                    : t.EndsWith("cores", StringComparison.Ordinal) || t.EndsWith("core", StringComparison.Ordinal) ? ((QuantityKind?)null, CpuUnit.Cores)
                    : ((QuantityKind?)null, (CpuUnit)(-1));
                if ((int)u < 0)
                {
                    n.Error(v!, $"{label} '{text}' has no known unit: write a share of its server ('35%'), cores ('1.5cores') or GHz ('2.4GHz')");
                    return null;
                }

                if (unit is not null && unit != u)
                {
                    n.Error(v!, $"{label} '{text}' mixes units with the other cpu statistics: write all of them in the same unit");
                    return null;
                }

                unit = u;
                if (kind is { } k)
                {
                    return n.Quantity(v, label, k);
                }

                var number = t[..t.IndexOf("core", StringComparison.Ordinal)].Trim();
                if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var cores) && cores >= 0)
                {
                    return cores;
                }

                n.Error(v!, $"{label} '{text}' is not a number of cores such as '1.5cores'");
                return null;
            }

            Measure? measure;
            if (node is YamlMappingNode)
            {
                var f = n.Mapping(node, $"{what}'s cpu", "avg", "p95", "peak");
                if (f is null)
                {
                    return (null, CpuUnit.ServerFraction);
                }

                measure = new Measure(One(f["avg"], $"{what}'s cpu avg"), One(f["p95"], $"{what}'s cpu p95"), One(f["peak"], $"{what}'s cpu peak"));
                if (measure.IsEmpty)
                {
                    n.Error(node, $"{what}'s cpu gives no value: write at least one of avg, p95, peak");
                }

                CheckOrder(node, measure, $"{what}'s cpu");
            }
            else
            {
                var v = One(node, $"{what}'s cpu");
                measure = v is null ? null : Measure.Of(v.Value);
            }

            return (measure, unit ?? CpuUnit.ServerFraction);
        }

        private Measure? MeasureOf(YamlNode? node, string what, QuantityKind kind)
        {
            if (node is null)
            {
                return null;
            }

            if (node is YamlMappingNode)
            {
                var f = n.Mapping(node, what, "avg", "p95", "peak");
                if (f is null)
                {
                    return null;
                }

                var m = new Measure(n.Quantity(f["avg"], $"{what} avg", kind), n.Quantity(f["p95"], $"{what} p95", kind), n.Quantity(f["peak"], $"{what} peak", kind));
                if (m.IsEmpty)
                {
                    n.Error(node, $"{what} gives no value: write at least one of avg, p95, peak");
                }

                CheckOrder(node, m, what);
                return m;
            }

            var v = n.Quantity(node, what, kind);
            return v is null ? null : Measure.Of(v.Value);
        }

        private void CheckOrder(YamlNode node, Measure m, string what)
        {
            if ((m.Avg > m.P95) || (m.P95 > m.Peak) || (m.Avg > m.Peak))
            {
                n.Error(node, $"{what} statistics are out of order: they must satisfy avg ≤ p95 ≤ peak");
            }
        }

        private List<HostGroup> HostGroups(YamlNode? node)
        {
            var list = new List<HostGroup>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in n.Sequence(node, "hostGroups"))
            {
                var f = n.Mapping(item, "a host group", "id", "name");
                if (f is null)
                {
                    continue;
                }

                var id = n.Text(f.Required("id"), "a host group's id");
                if (UniqueId(seen, id, f.Node, "host group"))
                {
                    list.Add(new HostGroup(id!, n.Text(f["name"], "a host group's name") ?? id!));
                }
            }

            return list;
        }

        private List<HostModel> Catalog(YamlNode? node)
        {
            var list = new List<HostModel>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in n.Sequence(node, "catalog"))
            {
                var f = n.Mapping(item, "a host model", "id", "name", "sockets", "cores", "clock", "perf", "memory", "disk", "network", "power", "specpower", "price", "rackUnits");
                if (f is null)
                {
                    continue;
                }

                var id = n.Text(f.Required("id"), "a host model's id");
                var what = string.IsNullOrEmpty(id) ? "a host model" : $"host model '{id}'";
                var (sockets, cores, clock, perf, memory, disk) = Machine(f, what);
                var network = n.Quantity(f["network"], $"{what}'s network", QuantityKind.Bandwidth) ?? 1000;
                var price = n.Number(f["price"], $"{what}'s price", 0) ?? 0;
                var rack = n.Integer(f["rackUnits"], $"{what}'s rack units", 1) ?? 1;
                double idle = 0, max = 0;
                var power = n.Mapping(f["power"], $"{what}'s power", "idle", "max");
                if (power is not null)
                {
                    idle = n.Quantity(power.Required("idle"), $"{what}'s idle power", QuantityKind.Power) ?? 0;
                    max = n.Quantity(power.Required("max"), $"{what}'s maximum power", QuantityKind.Power) ?? 0;
                    if (max < idle)
                    {
                        n.Error(power.Node, $"{what}'s maximum power is below its idle power: swap them");
                    }
                }

                var specpower = SpecPower(f["specpower"], what);
                if (specpower is not null && power is null)
                {
                    (idle, max) = (specpower[0], specpower[^1]);
                }

                if (network == 0)
                {
                    n.Error(f["network"]!, $"{what}'s network must be more than zero");
                }

                if (UniqueId(seen, id, f.Node, "host model") && sockets is not null && cores is not null && clock is not null && memory is not null)
                {
                    list.Add(new HostModel
                    {
                        Id = id!,
                        Name = n.Text(f["name"], $"{what}'s name") ?? id!,
                        Sockets = sockets.Value,
                        CoresPerSocket = cores.Value,
                        ClockGhz = clock.Value,
                        PerfFactor = perf,
                        MemoryMib = memory.Value,
                        DiskMib = disk,
                        NetworkMbps = network,
                        PowerIdleW = idle,
                        PowerMaxW = max,
                        SpecPowerW = specpower,
                        Price = price,
                        RackUnits = rack,
                    });
                }
            }

            if (node is not null && list.Count == 0 && n.Errors.Count == 0)
            {
                n.Error(node, "the catalog is empty: list at least one host model to plan with");
            }

            return list;
        }

        /// <summary>The optional 11-point SPECpower table of a host model: watts at 0%, 10%, …, 100% load, plain numbers or with W/kW.</summary>
        private double[]? SpecPower(YamlNode? node, string what)
        {
            var items = n.Sequence(node, $"{what}'s specpower");
            if (node is not YamlSequenceNode)
            {
                return null;
            }

            if (items.Count != 11)
            {
                n.Error(node, $"{what}'s specpower has {items.Count} values: write 11, the watts at 0%, 10%, …, 100% load");
                return null;
            }

            var watts = new double[11];
            for (var i = 0; i < 11; i++)
            {
                var text = n.Text(items[i], $"{what}'s specpower at {i * 10}%");
                if (text is null)
                {
                    return null;
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && double.IsFinite(w))
                {
                    if (w < 0)
                    {
                        n.Error(items[i], $"{what}'s specpower at {i * 10}% is {text}: watts must be zero or more");
                        return null;
                    }

                    watts[i] = w;
                }
                else if (n.Quantity(items[i], $"{what}'s specpower at {i * 10}%", QuantityKind.Power) is { } q)
                {
                    watts[i] = q;
                }
                else
                {
                    return null;
                }

                if (i > 0 && watts[i] < watts[i - 1])
                {
                    n.Error(items[i], $"{what}'s specpower falls from {watts[i - 1].ToString(CultureInfo.InvariantCulture)} W to {watts[i].ToString(CultureInfo.InvariantCulture)} W at {i * 10}%: power must not fall as load rises");
                    return null;
                }
            }

            return watts;
        }

        private List<Rule> Rules(YamlNode? node, List<Workload> workloads, List<HostGroup> groups)
        {
            var rules = new List<Rule>();
            var known = workloads.ToDictionary(w => w.Id, StringComparer.Ordinal);
            var index = 0;
            foreach (var item in n.Sequence(node, "rules"))
            {
                index++;
                var f = n.Mapping(item, "a rule", "spread", "gather", "fence", "ban", "lonely", "maxPerHost");
                if (f is null)
                {
                    continue;
                }

                var kinds = new[] { "spread", "gather", "fence", "ban", "lonely", "maxPerHost" }.Where(f.Has).ToList();
                if (kinds.Count != 1)
                {
                    if (kinds.Count > 1)
                    {
                        n.Error(item, $"rule {index} has {kinds.Count} kinds ({string.Join(", ", kinds)}): write one rule per list entry");
                    }
                    else if (item is YamlMappingNode { Children.Count: 0 })
                    {
                        n.Error(item, $"rule {index} is empty: write one of spread, gather, fence, ban, lonely, maxPerHost");
                    }

                    continue;
                }

                var kindName = kinds[0];
                var kind = kindName switch
                {
                    "spread" => RuleKind.Spread,
                    "gather" => RuleKind.Gather,
                    "fence" => RuleKind.Fence,
                    "ban" => RuleKind.Ban,
                    "lonely" => RuleKind.Lonely,
                    _ => RuleKind.MaxPerHost,
                };
                var body = f[kindName]!;
                string? name = null;
                string? group = null;
                var limit = 0;
                YamlNode? listNode = body;
                if (body is YamlMappingNode)
                {
                    var keys = kind switch
                    {
                        RuleKind.Fence or RuleKind.Ban => new[] { "name", "workloads", "group" },
                        RuleKind.MaxPerHost => ["name", "workloads", "limit"],
                        _ => ["name", "workloads"],
                    };
                    var b = n.Mapping(body, $"{kindName} rule {index}", keys);
                    if (b is null)
                    {
                        continue;
                    }

                    name = n.Text(b["name"], $"{kindName} rule {index}'s name");
                    listNode = kind == RuleKind.MaxPerHost ? b["workloads"] : b.Required("workloads");
                    if (kind is RuleKind.Fence or RuleKind.Ban)
                    {
                        group = n.Text(b.Required("group"), $"{kindName} rule {index}'s group");
                        if (group is not null && groups.All(g => g.Id != group))
                        {
                            n.Error(b["group"]!, $"{kindName} rule {index} names host group '{group}', which is not among the hostGroups: add it or fix the name");
                        }
                    }

                    if (kind == RuleKind.MaxPerHost)
                    {
                        limit = n.Integer(b.Required("limit"), $"maxPerHost rule {index}'s limit", 1) ?? 0;
                    }
                }
                else if (kind is RuleKind.Fence or RuleKind.Ban)
                {
                    n.Error(body, $"{kindName} rule {index} needs a mapping with 'workloads' and 'group'");
                    continue;
                }
                else if (kind == RuleKind.MaxPerHost)
                {
                    limit = n.Integer(body, $"maxPerHost rule {index}'s limit", 1) ?? 0;
                    listNode = null;
                }

                if (kind == RuleKind.MaxPerHost && limit == 0)
                {
                    // The limit is missing or invalid, which is reported; a rule without one would only cause follow-up errors.
                    continue;
                }

                var ids = new List<string>();
                var inRule = new HashSet<string>(StringComparer.Ordinal);
                var entries = n.IdList(listNode, $"{kindName} rule {index}'s workloads");
                foreach (var (id, idNode) in entries)
                {
                    if (!known.ContainsKey(id) && _invalidWorkloads.Contains(id))
                    {
                        continue;
                    }

                    if (!known.ContainsKey(id))
                    {
                        n.Error(idNode, $"{kindName} rule {index} names workload '{id}', which does not exist: fix the name or remove it");
                    }
                    else if (!inRule.Add(id))
                    {
                        n.Error(idNode, $"{kindName} rule {index} names workload '{id}' twice");
                    }
                    else
                    {
                        ids.Add(id);
                    }
                }

                if (kind is RuleKind.Spread or RuleKind.Gather && listNode is YamlSequenceNode && ids.Count < 2 && inRule.Count == ids.Count && entries.Count < 2)
                {
                    n.Error(body, $"{kindName} rule {index} names fewer than two workloads: it needs at least two");
                }

                rules.Add(new Rule(kind, name ?? $"{kindName}-{index}", ids, group, limit));
            }

            CheckContradictions(rules, known);
            return rules;
        }

        private void CheckContradictions(List<Rule> rules, Dictionary<string, Workload> workloads)
        {
            var location = (string id) => _workloadNodes[id];

            // Gather rules chain: a gathered set must share one host, so every pair of rules inside it must agree.
            var parent = workloads.Keys.ToDictionary(k => k, k => k, StringComparer.Ordinal);
            string Find(string x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
            foreach (var rule in rules.Where(r => r.Kind == RuleKind.Gather))
            {
                foreach (var w in rule.Workloads.Skip(1))
                {
                    parent[Find(w)] = Find(rule.Workloads[0]);
                }
            }

            var members = workloads.Keys.GroupBy(Find, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            foreach (var (_, set) in members.Where(m => m.Value.Count > 1))
            {
                var ded = set.FirstOrDefault(w => workloads[w].Dedicated);
                if (ded is not null)
                {
                    n.Error(location(ded), $"workload '{ded}' is dedicated (a bare-metal host of its own) but a gather rule puts it with {string.Join(", ", set.Where(w => w != ded).Select(w => $"'{w}'"))}: remove one of the two");
                }

                var zones = set.Select(w => workloads[w].Zone ?? "").Distinct().ToList();
                if (zones.Count > 1)
                {
                    n.Error(location(set[0]), $"gather rules put {string.Join(", ", set.Select(w => $"'{w}'"))} on one host, but they are in different zones ({string.Join(", ", zones.Select(z => z.Length == 0 ? "(none)" : z))}): zones never share a host");
                }
            }

            foreach (var rule in rules)
            {
                switch (rule.Kind)
                {
                    case RuleKind.Spread:
                        var byRoot = rule.Workloads.GroupBy(Find, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
                        foreach (var g in byRoot)
                        {
                            n.Error(location(g.First()), $"spread rule '{rule.Name}' puts {string.Join(" and ", g.Select(w => $"'{w}'"))} on distinct hosts, but gather rules put them on one host: remove one of the rules");
                        }

                        break;
                    case RuleKind.Lonely:
                        foreach (var w in rule.Workloads.Where(w => members[Find(w)].Count > 1))
                        {
                            n.Error(location(w), $"lonely rule '{rule.Name}' keeps '{w}' alone on its host, but a gather rule puts it with others: remove one of the rules");
                        }

                        break;
                    case RuleKind.MaxPerHost:
                        var scope = rule.AppliesToAll ? workloads.Keys.ToList() : rule.Workloads.ToList();
                        foreach (var (_, set) in members)
                        {
                            var count = set.Count(scope.Contains);
                            if (count > rule.Limit)
                            {
                                n.Error(location(set[0]), $"maxPerHost rule '{rule.Name}' allows {rule.Limit} per host, but gather rules put {count} of its workloads on one host: raise the limit or split the gather rule");
                            }
                        }

                        break;
                }
            }

            // Fence and ban: a workload fenced to two groups, or fenced and banned from the same group, cannot be placed.
            foreach (var (_, set) in members)
            {
                var fences = rules.Where(r => r.Kind == RuleKind.Fence && r.Workloads.Any(set.Contains)).Select(r => r.Group).Distinct().ToList();
                if (fences.Count > 1)
                {
                    n.Error(location(set[0]), $"'{set[0]}'{(set.Count > 1 ? " and the workloads gathered with it" : "")} are fenced to host groups {string.Join(" and ", fences.Select(g => $"'{g}'"))} at once; a host is in one group: keep one fence");
                }

                var bans = rules.Where(r => r.Kind == RuleKind.Ban && r.Workloads.Any(set.Contains)).Select(r => r.Group).ToHashSet();
                foreach (var g in fences.Where(bans.Contains))
                {
                    n.Error(location(set[0]), $"'{set[0]}' is both fenced to and banned from host group '{g}': remove one of the rules");
                }
            }
        }

        /// <summary>A workload that no catalog model can hold, even alone and at full capacity, can never be placed.</summary>
        public void CheckFitsSomeModel(Estate estate)
        {
            // A reserve that swallows every model would otherwise show as every workload being too large.
            var p = estate.Policy;
            var starved = estate.Catalog.Select(m => (Model: m, Cpu: m.CpuCapacity - (p.ReserveCpuGhz * m.PerfFactor), Memory: m.MemoryMib - p.ReserveMemoryMib)).ToList();
            if (_reserveNode is not null && estate.Workloads.Any(w => !w.Dedicated) && starved.All(s => s.Cpu <= 0 || s.Memory <= 0))
            {
                var why = starved.Select(s => s.Memory <= 0
                    ? $"{s.Model.Id} has {ResourceVector.Format(Resource.Memory, s.Model.MemoryMib)} of memory, the reserve takes {ResourceVector.Format(Resource.Memory, p.ReserveMemoryMib)}"
                    : $"{s.Model.Id} has {ResourceVector.Format(Resource.Cpu, s.Model.CpuCapacity)} of cpu, the reserve takes {ResourceVector.Format(Resource.Cpu, p.ReserveCpuGhz * s.Model.PerfFactor)}");
                n.Error(_reserveNode, $"the hypervisor reserve leaves no host model room for VMs: {string.Join("; ", why)}; lower the reserve or add a larger model");
                return;
            }

            foreach (var w in estate.Workloads)
            {
                var misses = new List<string>();
                foreach (var model in estate.Catalog)
                {
                    // Today's demand against the most a model could give it: a VM host after failures, or the bare machine
                    // (no hypervisor reserve, no VM overhead) for a dedicated workload.
                    var demand = w.Dedicated
                        ? Sizer.BareMetalDemand(estate, w, estate.Policy with { GrowthPerYear = 0 })
                        : Sizer.WorkloadDemand(estate, w, model, estate.Policy, withGrowth: false);
                    var cap = w.Dedicated
                        ? Sizer.BareMetalCapacity(model, estate.Policy with { Headroom = new ResourceVector(1, 1, 1, 1) })
                        : Sizer.HostCapacity(model, estate.Policy, failover: true);
                    var over = Enumerable.Range(0, ResourceVector.Dimensions).Where(r => demand[r] > cap[r] * (1 + 1e-9)).ToList();
                    if (over.Count == 0)
                    {
                        misses.Clear();
                        break;
                    }

                    misses.Add($"{model.Id} ({string.Join(", ", over.Select(r => $"{ResourceVector.Names[r]} {ResourceVector.Format((Resource)r, demand[r])} > {ResourceVector.Format((Resource)r, cap[r])}"))})");
                }

                if (misses.Count > 0)
                {
                    n.Error(_workloadNodes[w.Id], $"workload '{w.Id}' is larger than every host model: {string.Join("; ", misses)}; add a larger model to the catalog or split the workload");
                }
            }
        }

        private Policy Policy(YamlNode? node)
        {
            var p = new Policy();
            var f = n.Mapping(node, "the policy", "headroom", "failoverUtilisation", "overcommit", "hypervisorReserve", "vmOverhead", "failures", "growth", "horizon", "statistic", "storage");
            if (f is null)
            {
                return p;
            }

            var headroom = p.Headroom;
            var h = n.Mapping(f["headroom"], "the policy's headroom", "cpu", "memory", "network");
            if (h is not null)
            {
                headroom = new ResourceVector(
                    Fraction(h["cpu"], "headroom cpu") ?? headroom.Cpu,
                    Fraction(h["memory"], "headroom memory") ?? headroom.Memory,
                    Fraction(h["network"], "headroom network") ?? headroom.Network,
                    1.0);
            }

            var o = n.Mapping(f["overcommit"], "the policy's overcommit", "vcpu", "memory");
            var r = n.Mapping(f["hypervisorReserve"], "the policy's hypervisorReserve", "cpu", "memory");
            _reserveNode = f["hypervisorReserve"];
            var v = n.Mapping(f["vmOverhead"], "the policy's vmOverhead", "cpu", "memory");
            var s = n.Mapping(f["storage"], "the policy's storage", "freeSpace");
            var statistic = p.Statistic;
            var statText = n.Text(f["statistic"], "the policy's statistic");
            if (statText is not null)
            {
                switch (statText)
                {
                    case "peak": statistic = Statistic.Peak; break;
                    case "p95": statistic = Statistic.P95; break;
                    case "avg" or "average": statistic = Statistic.Avg; break;
                    default: n.Error(f["statistic"]!, $"statistic '{statText}' is unknown: write peak, p95 or avg"); break;
                }
            }

            var memOver = o is null ? null : n.Number(o["memory"], "memory overcommit", 0);
            if (memOver is < 1)
            {
                n.Error(o!["memory"]!, "memory overcommit below 1.0 would leave memory unused: write 1.0 for none");
                memOver = null;
            }

            var vcpu = o is null ? null : n.Number(o["vcpu"], "vCPU:pCPU overcommit", 0);
            if (vcpu is 0)
            {
                n.Error(o!["vcpu"]!, "vCPU:pCPU overcommit must be more than zero");
                vcpu = null;
            }

            var freeSpace = s is null ? null : Fraction(s["freeSpace"], "storage freeSpace");
            if (freeSpace is >= 1)
            {
                n.Error(s!["freeSpace"]!, "storage freeSpace must be below 100%");
                freeSpace = null;
            }

            var failover = f["failoverUtilisation"] is null ? null : Fraction(f["failoverUtilisation"], "failoverUtilisation");
            var lowest = Math.Min(headroom.Cpu, Math.Min(headroom.Memory, headroom.Network));
            if (failover < lowest)
            {
                n.Warn(f["failoverUtilisation"]!, $"failoverUtilisation {failover * 100:0.#}% is below the headroom ({lowest * 100:0.#}%): after a failure the survivors would have to run cooler than in normal operation, which costs hosts; it is usually at or above the headroom");
            }

            return p with
            {
                Headroom = headroom,
                FailoverUtilisation = failover ?? p.FailoverUtilisation,
                VcpuPerCore = vcpu ?? p.VcpuPerCore,
                MemoryOvercommit = memOver ?? p.MemoryOvercommit,
                ReserveCpuGhz = r is null ? p.ReserveCpuGhz : n.Quantity(r["cpu"], "hypervisor reserve cpu", QuantityKind.Frequency) ?? p.ReserveCpuGhz,
                ReserveMemoryMib = r is null ? p.ReserveMemoryMib : n.Quantity(r["memory"], "hypervisor reserve memory", QuantityKind.Size) ?? p.ReserveMemoryMib,
                OverheadCpuGhz = v is null ? p.OverheadCpuGhz : n.Quantity(v["cpu"], "vm overhead cpu", QuantityKind.Frequency) ?? p.OverheadCpuGhz,
                OverheadMemoryMib = v is null ? p.OverheadMemoryMib : n.Quantity(v["memory"], "vm overhead memory", QuantityKind.Size) ?? p.OverheadMemoryMib,
                Failures = n.Integer(f["failures"], "the policy's failures", 0, Model.Policy.MaxFailures) ?? p.Failures,
                GrowthPerYear = Growth(f["growth"]) ?? p.GrowthPerYear,
                HorizonYears = n.Integer(f["horizon"], "the policy's horizon in years", 0, MaxHorizonYears) ?? p.HorizonYears,
                Statistic = statistic,
                StorageFreeSpace = freeSpace ?? p.StorageFreeSpace,
            };
        }

        private double? Growth(YamlNode? node)
        {
            var v = n.Quantity(node, "the policy's growth", QuantityKind.Percent);
            if (v > MaxGrowthPerYear)
            {
                n.Error(node!, $"the policy's growth is {n.Text(node, "")} a year: it must be at most {(MaxGrowthPerYear * 100).ToString("0", CultureInfo.InvariantCulture)}%");
                return null;
            }

            return v;
        }

        private double? Fraction(YamlNode? node, string what)
        {
            var v = n.Quantity(node, what, QuantityKind.Percent);
            if (v is 0 || v > 1)
            {
                n.Error(node!, $"{what} must be more than 0% and at most 100%");
                return null;
            }

            return v;
        }
    }
}
