using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;
using static Shuyaku.Core.Import.EstateWords;

namespace Shuyaku.Core.Import;

/// <summary>
/// Reads the 'dependencies' section: which workload or service needs which other. Each side is a workload id or,
/// when no workload has that id, a service name. A cycle is an error, reported at the entry that closes it: a cycle
/// through the needs as written, where a workload also needs what its service needs and a service with a single
/// workload stands for that workload (so every cycle found is one no wave order can keep).
/// </summary>
internal sealed class DependencySection(YamlNodes n)
{
    public List<Dependency> Read(YamlNode? node, List<Workload> workloads)
    {
        var list = new List<Dependency>();
        var ids = workloads.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        var services = workloads.Select(w => w.Service).Where(s => s.Length > 0).ToHashSet(StringComparer.Ordinal);
        var needs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var given = new HashSet<Dependency>();
        var serviceOf = workloads.Where(w => w.Service.Length > 0).ToDictionary(w => w.Id, w => w.Service, StringComparer.Ordinal);
        var single = workloads.Where(w => w.Service.Length > 0).GroupBy(w => w.Service, StringComparer.Ordinal)
            .Where(g => g.Count() == 1 && !ids.Contains(g.Key)).ToDictionary(g => g.Key, g => g.Single().Id, StringComparer.Ordinal);
        IEnumerable<string> Next(string x) =>
            (needs.GetValueOrDefault(x) ?? [])
            .Concat(serviceOf.TryGetValue(x, out var service) && service != x && needs.ContainsKey(service) ? [service] : [])
            .Concat(single.TryGetValue(x, out var only) ? [only] : []);
        foreach (var item in n.Sequence(node, "dependencies"))
        {
            var f = n.Mapping(item, T("estate.what.a-dependency"), "from", "to");
            if (f is null)
            {
                continue;
            }

            var from = Side(f, "from", ids, services);
            var to = Side(f, "to", ids, services);
            if (from is null || to is null)
            {
                continue;
            }

            if (!given.Add(new Dependency(from, to)))
            {
                n.Error(f.Node, F("estate.dependency.twice", from, to));
                continue;
            }

            if (PathOf(to, from, Next) is { } path)
            {
                n.Error(f.Node, F("estate.dependency.cycle", string.Join(" → ", path.Prepend(from))));
                continue;
            }

            (needs.TryGetValue(from, out var edges) ? edges : needs[from] = []).Add(to);
            list.Add(new Dependency(from, to));
        }

        return list;
    }

    private string? Side(Fields f, string key, HashSet<string> ids, HashSet<string> services)
    {
        var name = n.Text(f.Required(key), F("estate.dependency.side", key));
        if (name is null || ids.Contains(name) || services.Contains(name))
        {
            return name;
        }

        n.Error(f[key]!, F("estate.dependency.unknown", key, name));
        return null;
    }

    /// <summary>The shortest chain of needs from <paramref name="start"/> to <paramref name="goal"/> (both included), or null.</summary>
    private static List<string>? PathOf(string start, string goal, Func<string, IEnumerable<string>> next)
    {
        var previous = new Dictionary<string, string?>(StringComparer.Ordinal) { [start] = null };
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var at))
        {
            if (at == goal)
            {
                var path = new List<string>();
                for (string? x = at; x is not null; x = previous[x])
                {
                    path.Add(x);
                }

                path.Reverse();
                return path;
            }

            foreach (var x in next(at))
            {
                if (previous.TryAdd(x, at))
                {
                    queue.Enqueue(x);
                }
            }
        }

        return null;
    }
}
