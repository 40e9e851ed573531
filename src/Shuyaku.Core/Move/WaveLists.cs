using Shuyaku.Core.Localization;
namespace Shuyaku.Core.Move;

/// <summary>Turns a packing into the waves the plan lists, each wave's workloads dependencies first.</summary>
internal static class WaveLists
{
    /// <summary>The non-empty waves of <paramref name="packing"/>, numbered from 1, with their lists and figures.</summary>
    public static List<Wave> Build(WaveUnits units, WavePacking packing)
    {
        var number = new int[units.Count];
        var used = new List<int>();
        for (var w = 0; w < packing.WaveCount; w++)
        {
            if (packing.UnitsOf(w).Count > 0)
            {
                used.Add(w);
                foreach (var u in packing.UnitsOf(w))
                {
                    number[u] = used.Count;
                }
            }
        }

        var first = FirstWaves(units, number);
        var waves = new List<Wave>(used.Count);
        foreach (var w in used)
        {
            var members = packing.UnitsOf(w);
            var servers = members.Select(u => units.Server[u]).OfType<string>().Order(StringComparer.Ordinal).ToList();
            var workloads = members.SelectMany(u => units.Workloads[u]).Order(StringComparer.Ordinal).ToList();
            var ordered = DependenciesFirst(units, workloads, waves.Count + 1, first);
            waves.Add(new Wave(waves.Count + 1, servers, ordered, packing.Data(w), packing.Hours(w), []));
        }

        return waves;
    }

    /// <summary>Moving workloads that no order can list after something of everything they need (a cycle), ordered by id.</summary>
    public static List<string> Unorderable(WaveUnits units)
    {
        var all = units.UnitOf.Keys.Order(StringComparer.Ordinal).ToList();
        var listed = Order(units, all, _ => true).ToHashSet(StringComparer.Ordinal);
        return all.Where(w => !listed.Contains(w)).ToList();
    }

    /// <summary>Dependencies the waves do not keep (none unless needs form a cycle), as violations.</summary>
    public static IEnumerable<MoveViolation> Leftovers(WaveUnits units, IReadOnlyList<Wave> waves, IReadOnlyList<string> unorderable)
    {
        var cycle = unorderable.ToHashSet(StringComparer.Ordinal);
        var waveOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var wave in waves)
        {
            for (var i = 0; i < wave.Workloads.Count; i++)
            {
                waveOf[wave.Workloads[i]] = wave.Number;
                position[wave.Workloads[i]] = i;
            }
        }

        // Per needed name: the first wave any of its workloads moves in, and the first place one is listed in it.
        var first = new Dictionary<string, (int Wave, int Position)>(StringComparer.Ordinal);
        foreach (var (name, cands) in units.Candidates)
        {
            var wave = cands.Min(c => waveOf[c]);
            first[name] = (wave, cands.Where(c => waveOf[c] == wave).Min(c => position[c]));
        }

        foreach (var (w, needs) in units.WorkloadNeeds.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            if (cycle.Contains(w))
            {
                continue;
            }

            foreach (var name in needs)
            {
                var (earliest, place) = first[name];
                if (earliest > waveOf[w])
                {
                    yield return new MoveViolation("wave-dependency", Texts.Phrase("move.v.needs-later", w, waveOf[w], name, earliest).English);
                }
                else if (earliest == waveOf[w] && place > position[w])
                {
                    yield return new MoveViolation("wave-dependency", Texts.Phrase("move.v.needs-before", w, waveOf[w], name).English);
                }
            }
        }
    }

    /// <summary>For each needed name, the first wave any of its moving workloads is in.</summary>
    private static Dictionary<string, int> FirstWaves(WaveUnits units, int[] number) =>
        units.Candidates.ToDictionary(x => x.Key, x => x.Value.Min(c => number[units.UnitOf[c]]), StringComparer.Ordinal);

    private static List<string> DependenciesFirst(WaveUnits units, List<string> workloads, int wave, Dictionary<string, int> first)
    {
        // Only what first moves in this wave must come before its needers in the list; earlier waves have moved it.
        var listed = Order(units, workloads, name => first[name] == wave);
        if (listed.Count < workloads.Count)
        {
            var seen = listed.ToHashSet(StringComparer.Ordinal);
            listed.AddRange(workloads.Where(w => !seen.Contains(w)));
        }

        return listed;
    }

    /// <summary>
    /// Lists <paramref name="workloads"/> (ordered by id) so that each comes after one of its needs' workloads for every
    /// need that <paramref name="active"/> keeps, the smallest id first among those ready; leaves out what never gets ready.
    /// </summary>
    private static List<string> Order(WaveUnits units, List<string> workloads, Func<string, bool> active)
    {
        // A need is met by the first of its workloads listed, so needers are counted down once per need, not per workload.
        var waiting = new Dictionary<string, int>(StringComparer.Ordinal);
        var needers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var ready = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var w in workloads)
        {
            var count = 0;
            foreach (var name in units.WorkloadNeeds.GetValueOrDefault(w) ?? [])
            {
                if (active(name))
                {
                    count++;
                    (needers.TryGetValue(name, out var l) ? l : needers[name] = []).Add(w);
                }
            }

            waiting[w] = count;
            if (count == 0)
            {
                ready.Add(w);
            }
        }

        var met = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>(workloads.Count);
        while (ready.Count > 0)
        {
            var w = ready.Min!;
            ready.Remove(w);
            list.Add(w);
            foreach (var name in units.NeededAs.GetValueOrDefault(w) ?? [])
            {
                if (needers.TryGetValue(name, out var those) && met.Add(name))
                {
                    foreach (var x in those)
                    {
                        if (--waiting[x] == 0)
                        {
                            ready.Add(x);
                        }
                    }
                }
            }
        }

        return list;
    }
}
