using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Import;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Sizing;

/// <summary>
/// Whether every workload of an estate fits some host model of its catalog. It is the one check on an estate file that
/// needs Sizing's arithmetic, so it runs after <see cref="EstateReader"/> rather than inside it; its errors point into
/// the file through <see cref="Estate.Sources"/>. Callers that read an estate for a user call <see cref="ReadAndCheckFile"/>
/// or <see cref="ReadAndCheck(byte[], string)"/>, which read and then check.
/// </summary>
public static class EstateFit
{
    /// <summary>Reads the estate file at <paramref name="path"/> and, if it is valid, checks that every workload fits some host model.</summary>
    public static ReadResult<Estate> ReadAndCheckFile(string path) => WithCheck(EstateReader.ReadFile(path));

    /// <summary>Reads an estate from <paramref name="text"/> and, if it is valid, checks that every workload fits some host model.</summary>
    public static ReadResult<Estate> ReadAndCheck(string text, string file) => WithCheck(EstateReader.Read(text, file));

    /// <summary>Reads an estate from a file's <paramref name="bytes"/> and, if it is valid, checks that every workload fits some host model.</summary>
    public static ReadResult<Estate> ReadAndCheck(byte[] bytes, string file) => WithCheck(EstateReader.Read(bytes, file));

    /// <summary>
    /// A workload that no catalog model can hold, even alone on a host, can never be placed: one <see cref="DiagnosticKind.Infeasible"/>
    /// diagnostic at each such workload's entry, or a single one at the hypervisor reserve when it leaves no model room for VMs.
    /// </summary>
    /// <remarks>
    /// The test is the planner's own: grown demand against a host within the policy's headroom (with N+k, the lesser of
    /// headroom and the failover limit), so the figures quoted are those quoted for an oversized gather.
    /// </remarks>
    public static IReadOnlyList<Diagnostic> Check(Estate estate)
    {
        if (ReserveLeavesNoRoom(estate) is { } reserve)
        {
            return [reserve];
        }

        var errors = new List<Diagnostic>();
        foreach (var w in estate.Workloads)
        {
            var misses = Misses(estate, w);
            if (misses.Count > 0)
            {
                errors.Add(estate.Sources.Error(estate.Sources.Workload(w.Id), Texts.Format("sizing.fit.too-large", w.Id, string.Join("; ", misses))) with { Kind = DiagnosticKind.Infeasible });
            }
        }

        // The reader's order: by place in the file.
        return errors.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
    }

    private static ReadResult<Estate> WithCheck(ReadResult<Estate> read)
    {
        if (!read.Succeeded)
        {
            return read;
        }

        var errors = Check(read.Value!);
        return errors.Count == 0 ? read : ReadResult<Estate>.Failed(errors, read.Warnings);
    }

    /// <summary>A reserve that swallows every model would otherwise show as every workload being too large.</summary>
    private static Diagnostic? ReserveLeavesNoRoom(Estate estate)
    {
        var p = estate.Policy;
        var starved = estate.Catalog.Select(m => (Model: m, Cpu: m.CpuCapacity - (p.ReserveCpuGhz * m.PerfFactor), Memory: m.MemoryMib - p.ReserveMemoryMib)).ToList();
        if (estate.Sources.HypervisorReserve is not { } at || !estate.Workloads.Any(w => !w.Dedicated) || !starved.All(s => s.Cpu <= 0 || s.Memory <= 0))
        {
            return null;
        }

        var why = starved.Select(s => s.Memory <= 0
            ? Texts.Format("sizing.fit.reserve-memory", s.Model.Id, ResourceVector.Format(Resource.Memory, s.Model.MemoryMib), ResourceVector.Format(Resource.Memory, p.ReserveMemoryMib))
            : Texts.Format("sizing.fit.reserve-cpu", s.Model.Id, ResourceVector.Format(Resource.Cpu, s.Model.CpuCapacity), ResourceVector.Format(Resource.Cpu, p.ReserveCpuGhz * s.Model.PerfFactor)));
        return estate.Sources.Error(at, Texts.Format("sizing.fit.reserve", string.Join("; ", why))) with { Kind = DiagnosticKind.Infeasible };
    }

    /// <summary>A VM host's capacity as the planner sets it: with N+k (k ≥ 1) every host is a survivor, so the lesser of the two limits.</summary>
    private static ResourceVector HostCapacity(HostModel model, Policy policy)
    {
        var normal = Sizer.HostCapacity(model, policy, failover: false);
        if (policy.Failures == 0)
        {
            return normal;
        }

        var failover = Sizer.HostCapacity(model, policy, failover: true);
        return new ResourceVector(Math.Min(normal.Cpu, failover.Cpu), Math.Min(normal.Memory, failover.Memory), Math.Min(normal.Network, failover.Network), Math.Min(normal.Vcpu, failover.Vcpu));
    }

    /// <summary>For each model, the resources where <paramref name="w"/> exceeds it; empty as soon as one model holds it.</summary>
    private static List<string> Misses(Estate estate, Workload w)
    {
        var misses = new List<string>();
        foreach (var model in estate.Catalog)
        {
            // Grown demand against what the planner gives it: a VM host within headroom (with N+k, also within the
            // failover limit), or the bare machine within headroom (no hypervisor reserve, no VM overhead) for a dedicated workload.
            var demand = w.Dedicated
                ? Sizer.BareMetalDemand(estate, w, estate.Policy)
                : Sizer.WorkloadDemand(estate, w, model, estate.Policy, withGrowth: true);
            var cap = w.Dedicated ? Sizer.BareMetalCapacity(model, estate.Policy) : HostCapacity(model, estate.Policy);
            var over = Enumerable.Range(0, ResourceVector.Dimensions).Where(r => demand[r] > (cap[r] * (1 + 1e-9)) + 1e-9).ToList();
            if (over.Count == 0)
            {
                return [];
            }

            misses.Add($"{model.Id} ({string.Join(", ", over.Select(r => $"{ResourceVector.Names[r]} {ResourceVector.Format((Resource)r, demand[r])} > {ResourceVector.Format((Resource)r, cap[r])}"))})");
        }

        return misses;
    }
}
