using System.Globalization;
using System.Text;

namespace Shuyaku.Core.Benchmarks.Rules;

/// <summary>
/// Seeded random rule-heavy estates, written as estate-file text (docs/estate-format.md) so that the benchmark reads
/// them through the real estate reader and <c>--write</c> can save exactly what was planned. Every estate has every rule
/// kind (spread, gather, fence, ban, lonely, max-per-host), isolation zones, dedicated workloads, N+1 or N+2 and one to
/// three host models. The generator is specified step by step in docs/benchmarks.md; the same size and seed always give
/// the same text.
/// </summary>
public static class RuleEstate
{
    /// <summary>The host models a catalog draws from: id, sockets, cores per socket, clock GHz, memory GiB, network Gbps, price.</summary>
    internal static readonly (string Id, int Sockets, int Cores, double Clock, int MemoryGib, int NetworkGbps, int Price)[] Models =
    [
        ("h16", 1, 16, 2.6, 256, 10, 9000),
        ("h32", 2, 16, 2.8, 512, 25, 16000),
        ("h48", 2, 24, 2.4, 768, 25, 22000),
        ("h64", 2, 32, 2.2, 1024, 25, 30000),
        ("h24m", 2, 12, 3.0, 1536, 25, 24000),
    ];

    private static readonly int[] Vcpus = [1, 2, 2, 4, 4, 8, 8, 16];
    private static readonly int[] GibPerVcpu = [2, 4, 4, 8];
    private static readonly string[] ZoneNames = ["dmz", "pci", "lab"];

    /// <summary>The seed of <see cref="Random"/> for a size and a benchmark seed.</summary>
    public static int RandomSeed(int workloads, int seed) => unchecked((seed * 7919) + workloads);

    /// <summary>The file name <c>--write</c> gives the estate of a size and seed.</summary>
    public static string FileName(int workloads, int seed) =>
        string.Create(CultureInfo.InvariantCulture, $"rules-{workloads:D4}-seed{seed:D3}.yaml");

    /// <summary>The estate of <paramref name="workloads"/> workloads (at least 10) for <paramref name="seed"/>, as estate-file text.</summary>
    public static string Create(int workloads, int seed)
    {
        if (workloads < 10)
        {
            throw new ArgumentOutOfRangeException(nameof(workloads), "a rule-heavy estate has at least 10 workloads");
        }

        var rng = new Random(RandomSeed(workloads, seed));
        var n = workloads;

        // 1. Policy and catalog.
        var failures = 1 + rng.Next(2);
        var modelCount = 1 + rng.Next(3);
        var models = Enumerable.Range(0, Models.Length).OrderBy(_ => rng.Next()).Take(modelCount).Order().Select(i => Models[i]).ToList();
        var headroomCpu = 70 + (5 * rng.Next(4));
        var headroomMemory = 80 + (5 * rng.Next(4));
        var failover = 90 + (5 * rng.Next(3));
        var growth = new[] { 0, 3, 5 }[rng.Next(3)];

        // 2. Services: one or more workloads of one shape, in one zone.
        var zoneCount = 1 + rng.Next(3);
        var w = new Spec[n];
        var spread = new List<int[]>();
        var gather = new List<int[]>();
        var i = 0;
        var service = 0;
        while (i < n)
        {
            var vcpus = Vcpus[rng.Next(Vcpus.Length)];
            var cpu = Math.Round(vcpus * 2.0 * (0.15 + (rng.NextDouble() * 0.45)), 2);
            var memory = vcpus * GibPerVcpu[rng.Next(GibPerVcpu.Length)];
            var network = 10 * (1 + rng.Next(50));
            var zone = rng.NextDouble() < 0.3 ? ZoneNames[rng.Next(zoneCount)] : null;
            var kind = rng.NextDouble();
            var size = kind < 0.35 ? 2 + rng.Next(3) : kind < 0.45 && vcpus <= 4 ? 2 + rng.Next(2) : 1;

            // The first service is a spread pair, the second a gathered pair in zone dmz, so every kind occurs; seven
            // workloads are always left as singletons for the per-workload rules.
            if (service == 0)
            {
                (kind, size) = (0, 2);
            }
            else if (service == 1)
            {
                (kind, size, zone) = (0.4, 2, ZoneNames[0]);
                vcpus = Math.Min(vcpus, 4);
                cpu = Math.Min(cpu, 4.8);
                memory = Math.Min(memory, 32);
            }
            else
            {
                size = Math.Min(size, Math.Max(1, n - i - 7));
            }

            service++;
            var members = Enumerable.Range(i, size).ToArray();
            foreach (var x in members)
            {
                w[x] = new Spec(vcpus, cpu, memory, network, zone);
            }

            if (size > 1 && kind < 0.35)
            {
                spread.Add(members);
            }
            else if (size > 1)
            {
                // An application and its cache: gathered, and each member keeps its own (smaller) demand.
                foreach (var x in members.Skip(1))
                {
                    w[x] = w[x] with { Vcpus = Math.Max(1, vcpus / 2), Cpu = Math.Round(cpu / 2, 2), Memory = Math.Max(1, memory / 2) };
                }

                gather.Add(members);
            }

            i += size;
        }

        // 3. Singletons (in no spread or gather rule) carry the per-workload rules, so no two rules contradict.
        var inSpread = spread.SelectMany(s => s).ToHashSet();
        var inGather = gather.SelectMany(g => g).ToHashSet();
        var singles = Enumerable.Range(0, n).Where(x => !inSpread.Contains(x) && !inGather.Contains(x)).OrderBy(_ => rng.Next()).ToList();
        int Take() => singles.Count == 0 ? -1 : Pop(singles);

        var dedicated = new List<int>();
        for (var d = 1 + rng.Next(2); d > 0 && singles.Count > 4; d--)
        {
            dedicated.Add(Take());
        }

        var lonely = new List<int>();
        for (var l = 1 + (n / 50); l > 0 && singles.Count > 3; l--)
        {
            lonely.Add(Take());
        }

        // Fenced: some singletons and one spread group (replicas licensed like their service).
        var fenced = new List<int>();
        for (var f = 1 + (n / 25); f > 0 && singles.Count > 2; f--)
        {
            fenced.Add(Take());
        }

        if (spread.Count > 0 && rng.NextDouble() < 0.5)
        {
            fenced.AddRange(spread[rng.Next(spread.Count)]);
        }

        var banned = new List<int>();
        for (var b = 1 + (n / 25); b > 0 && singles.Count > 1; b--)
        {
            banned.Add(Take());
        }

        // At most one or two per host of a small set: "one DNS server per host".
        var capped = new List<int>();
        for (var c = 3 + rng.Next(4); c > 0 && singles.Count > 0; c--)
        {
            capped.Add(Take());
        }

        var perHostLimit = capped.Count > 3 && rng.NextDouble() < 0.5 ? 2 : 1;
        var globalLimit = rng.NextDouble() < 0.5 ? new[] { 8, 12, 16, 24 }[rng.Next(4)] : 0;

        // 4. The text.
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"name: rule-heavy estate of {n} workloads (seed {seed})\n");
        sb.Append("hostGroups:\n  - { id: licensed, name: Hosts licensed for the database }\n");
        sb.Append("workloads:\n");
        var dedicatedSet = dedicated.ToHashSet();
        for (var x = 0; x < n; x++)
        {
            var s = w[x];
            sb.Append(inv, $"  - {{ id: {Id(x)}, ");
            if (s.Zone is not null)
            {
                sb.Append(inv, $"zone: {s.Zone}, ");
            }

            if (dedicatedSet.Contains(x))
            {
                sb.Append("dedicated: true, ");
            }

            sb.Append(inv, $"vcpus: {s.Vcpus}, demand: {{ cpu: {s.Cpu:0.##}GHz, memory: {s.Memory}GiB, network: {s.Network}Mbps }} }}\n");
        }

        sb.Append("rules:\n");
        foreach (var s in spread)
        {
            sb.Append(inv, $"  - spread: [{List(s)}]\n");
        }

        foreach (var g in gather)
        {
            sb.Append(inv, $"  - gather: [{List(g)}]\n");
        }

        if (fenced.Count > 0)
        {
            sb.Append(inv, $"  - fence: {{ name: licensed database, workloads: [{List(fenced)}], group: licensed }}\n");
        }

        if (banned.Count > 0)
        {
            sb.Append(inv, $"  - ban: {{ name: unlicensed, workloads: [{List(banned)}], group: licensed }}\n");
        }

        if (lonely.Count > 0)
        {
            sb.Append(inv, $"  - lonely: [{List(lonely)}]\n");
        }

        if (capped.Count > 0)
        {
            sb.Append(inv, $"  - maxPerHost: {{ name: few per host, limit: {perHostLimit}, workloads: [{List(capped)}] }}\n");
        }

        if (globalLimit > 0)
        {
            sb.Append(inv, $"  - maxPerHost: {globalLimit}\n");
        }

        sb.Append("catalog:\n");
        foreach (var m in models)
        {
            sb.Append(inv, $"  - {{ id: {m.Id}, sockets: {m.Sockets}, cores: {m.Cores}, clock: {m.Clock:0.0}GHz, memory: {m.MemoryGib}GiB, network: {m.NetworkGbps}Gbps, price: {m.Price} }}\n");
        }

        sb.Append("policy:\n");
        sb.Append(inv, $"  headroom: {{ cpu: {headroomCpu}%, memory: {headroomMemory}%, network: 70% }}\n");
        sb.Append(inv, $"  failoverUtilisation: {failover}%\n");
        sb.Append("  hypervisorReserve: { cpu: 2GHz, memory: 8GiB }\n");
        sb.Append(inv, $"  failures: {failures}\n");
        sb.Append(inv, $"  growth: {growth}%\n");
        sb.Append("  horizon: 3\n");
        return sb.ToString();
    }

    private static string Id(int x) => "w" + (x + 1).ToString("D4", CultureInfo.InvariantCulture);

    private static string List(IEnumerable<int> xs) => string.Join(", ", xs.Select(Id));

    private static int Pop(List<int> list)
    {
        var x = list[^1];
        list.RemoveAt(list.Count - 1);
        return x;
    }

    private readonly record struct Spec(int Vcpus, double Cpu, int Memory, int Network, string? Zone);
}
