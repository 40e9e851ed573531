using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.WhatIf;

/// <summary>The estate a what-if plans: the original with workloads added, demand grown and headroom changed.</summary>
internal static class EstateChanges
{
    /// <summary>Most copies or new workloads one entry may add.</summary>
    public const int MaxCount = 10_000;

    /// <summary>
    /// Applies the changes; every problem (an unknown workload or model, a value out of range, a taken id) goes to
    /// <paramref name="errors"/>, and what was changed, in words, to <paramref name="applied"/> (in English in the estate's digest).
    /// </summary>
    public static Estate Apply(Estate estate, WhatIfChanges changes, List<string> errors, List<Phrase> applied)
    {
        if (changes.HostModel is { } model && estate.FindModel(model) is null)
        {
            errors.Add(Texts.Format("whatif.error.model", model, string.Join(", ", estate.Catalog.Select(m => m.Id))));
        }
        else if (changes.HostModel is { } chosen)
        {
            applied.Add(Texts.Phrase("whatif.change.model", chosen));
        }

        var workloads = estate.Workloads.ToList();
        var rules = estate.Rules.ToList();
        var taken = workloads.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var copies in changes.Copies)
        {
            var original = estate.Workloads.FirstOrDefault(w => w.Id == copies.Workload);
            if (original is null)
            {
                errors.Add(Texts.Format("whatif.error.workload", copies.Workload, Checker.NameList(estate.Workloads.Select(w => w.Id).ToList())));
                continue;
            }

            if (copies.Count is < 1 or > MaxCount)
            {
                errors.Add(Texts.Format("whatif.error.copies", I(copies.Count), copies.Workload, I(MaxCount)));
                continue;
            }

            var ids = new List<string>();
            for (var n = 1; ids.Count < copies.Count; n++)
            {
                var id = $"{original.Id}-copy{n.ToString(CultureInfo.InvariantCulture)}";
                if (taken.Add(id))
                {
                    ids.Add(id);
                }
            }

            // A copy is its original in every respect but its id and its own address, and is bound by the same rules.
            workloads.AddRange(ids.Select(id => original with { Id = id, Ip = null }));
            rules = rules.Select(r => r.Workloads.Contains(original.Id) ? r with { Workloads = [.. r.Workloads, .. ids] } : r).ToList();
            applied.Add(Texts.Phrase(copies.Count == 1 ? "whatif.change.copies.one" : "whatif.change.copies.other", I(copies.Count), original.Id, Range(ids)));
        }

        foreach (var added in changes.NewWorkloads)
        {
            if (NewWorkloadError(added) is { } problem)
            {
                errors.Add(problem);
                continue;
            }

            var ids = added.Count == 1 ? [added.Id] : Enumerable.Range(1, added.Count).Select(i => $"{added.Id}-{i.ToString(CultureInfo.InvariantCulture)}").ToList();
            var clash = ids.FirstOrDefault(id => !taken.Add(id));
            if (clash is not null)
            {
                errors.Add(Texts.Format("whatif.error.new-taken", clash));
                continue;
            }

            var demand = new Demand(Measure.Of(added.CpuGhz), CpuUnit.Ghz, Measure.Of(added.MemoryMib), added.DiskMib, 0, Measure.Of(added.NetworkMbps));
            workloads.AddRange(ids.Select(id => new Workload { Id = id, Service = added.Id, Zone = added.Zone, Demand = demand }));
            applied.Add(Texts.Phrase(added.Count == 1 ? "whatif.change.new.one" : "whatif.change.new.other", I(added.Count), Range(ids), F(added.CpuGhz), F(added.MemoryMib), F(added.NetworkMbps), F(added.DiskMib)));
        }

        if (changes.Growth is { } growth)
        {
            foreach (var group in Named(growth).Where(p => p.Value is <= -100 or > 1000).GroupBy(p => p.Value))
            {
                errors.Add(Texts.Format("whatif.error.growth", F(group.Key), string.Join(", ", group.Select(p => p.Name))));
            }

            workloads = workloads.Select(w => w with { Demand = Grow(w.Demand, growth) }).ToList();
            applied.Add(Texts.Phrase("whatif.change.growth", growth.Describe()));
        }

        var policy = estate.Policy;
        if (changes.Headroom is { } headroom)
        {
            if (headroom.Disk is not null)
            {
                errors.Add(Texts.Get("whatif.error.headroom-disk"));
            }

            foreach (var group in Named(headroom).Where(p => p.Name != "disk" && p.Value is <= 0 or > 100).GroupBy(p => p.Value))
            {
                errors.Add(Texts.Format("whatif.error.headroom", F(group.Key), string.Join(", ", group.Select(p => p.Name))));
            }

            policy = policy with
            {
                Headroom = policy.Headroom with
                {
                    Cpu = (headroom.Cpu ?? (policy.Headroom.Cpu * 100)) / 100,
                    Memory = (headroom.Memory ?? (policy.Headroom.Memory * 100)) / 100,
                    Network = (headroom.Network ?? (policy.Headroom.Network * 100)) / 100,
                },
            };
            applied.Add(Texts.Phrase("whatif.change.headroom", headroom.Describe()));
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{estate.Digest}\nwhat-if: {string.Join("; ", applied.Select(a => a.English))}")));
        return estate with { Workloads = workloads, Rules = rules, Policy = policy, Digest = digest };
    }

    private static string? NewWorkloadError(NewWorkload w)
    {
        if (string.IsNullOrWhiteSpace(w.Id) || w.Id.Any(char.IsWhiteSpace))
        {
            return Texts.Format("whatif.error.new-id", w.Id);
        }

        if (w.Count is < 1 or > MaxCount)
        {
            return Texts.Format("whatif.error.new-count", w.Id, I(w.Count), I(MaxCount));
        }

        if (!double.IsFinite(w.CpuGhz) || !double.IsFinite(w.MemoryMib) || !double.IsFinite(w.NetworkMbps) || !double.IsFinite(w.DiskMib)
            || w.CpuGhz < 0 || w.MemoryMib < 0 || w.NetworkMbps < 0 || w.DiskMib < 0)
        {
            return Texts.Format("whatif.error.new-numbers", w.Id);
        }

        return w.CpuGhz <= 0 && w.MemoryMib <= 0 ? Texts.Format("whatif.error.new-empty", w.Id) : null;
    }

    private static Demand Grow(Demand d, ResourcePercents g)
    {
        static double F(double? pct) => 1 + ((pct ?? 0) / 100);
        return d with
        {
            Cpu = d.Cpu.Scale(F(g.Cpu)),
            MemoryMib = d.MemoryMib.Scale(F(g.Memory)),
            NetworkMbps = d.NetworkMbps.Scale(F(g.Network)),
            DiskMib = d.DiskMib * F(g.Disk),
            Iops = d.Iops * F(g.Disk),
        };
    }

    private static IEnumerable<(string Name, double Value)> Named(ResourcePercents p)
    {
        if (p.Cpu is { } c)
        {
            yield return ("cpu", c);
        }

        if (p.Memory is { } m)
        {
            yield return ("mem", m);
        }

        if (p.Network is { } n)
        {
            yield return ("net", n);
        }

        if (p.Disk is { } d)
        {
            yield return ("disk", d);
        }
    }

    private static string I(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Range(List<string> ids) => ids.Count == 1 ? ids[0] : $"{ids[0]} … {ids[^1]}";

    private static string F(double v) => ResourcePercents.Text(v);
}
