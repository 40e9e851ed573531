using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Power;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Traces;

namespace Shuyaku.Core.Simulation.Replay;

/// <summary>
/// Replays utilisation series against a static plan: at every step each host carries the summed demand of its
/// workloads, compared with its capacity; power comes from the host model's curve. The object model is turned
/// once into flat arrays (a scale and an offset per workload, a capacity and curve per host) and the hot loops
/// run over those arrays. See docs/traces.md for every definition.
/// </summary>
public static class Replayer
{
    /// <summary>Replays <paramref name="traces"/> bound to the estate's workloads against <paramref name="plan"/>; errors name <paramref name="planFile"/>.</summary>
    public static ReadResult<ReplayResult> Run(Estate estate, Plan plan, TraceSet traces, SeriesBinding binding, ReplayOptions options, string planFile = "plan")
    {
        var errors = new List<Diagnostic>();
        var hostIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var models = new HostModel[plan.Hosts.Count];
        for (var h = 0; h < plan.Hosts.Count; h++)
        {
            var model = estate.FindModel(plan.Hosts[h].Model);
            if (model is null)
            {
                errors.Add(Error(Texts.Format("replay.error.model", plan.Hosts[h].Id, plan.Hosts[h].Model)));
            }
            else
            {
                models[h] = model;
            }

            hostIndex[plan.Hosts[h].Id] = h;
        }

        var workloads = estate.Workloads.ToDictionary(w => w.Id, StringComparer.Ordinal);
        var placed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in plan.Assignments)
        {
            if (!workloads.ContainsKey(a.Workload))
            {
                errors.Add(Error(Texts.Format("replay.error.unknown", a.Workload)));
            }
            else if (!hostIndex.TryGetValue(a.Host, out var h))
            {
                errors.Add(Error(Texts.Format("replay.error.host", a.Workload, a.Host)));
            }
            else if (!placed.TryAdd(a.Workload, h))
            {
                errors.Add(Error(Texts.Format("replay.error.twice", a.Workload)));
            }
        }

        foreach (var w in estate.Workloads.Where(w => !placed.ContainsKey(w.Id)))
        {
            errors.Add(Error(Texts.Format("replay.error.unplaced", w.Id)));
        }

        if (options.CpuScale == CpuScale.Server)
        {
            foreach (var w in estate.Workloads.Where(w => binding.SeriesOf.ContainsKey(w.Id) && estate.FindServer(w.Server) is null))
            {
                errors.Add(Error(Texts.Format("replay.error.no-server", w.Id)));
            }
        }

        if (errors.Count > 0)
        {
            return ReadResult<ReplayResult>.Failed(errors, []);
        }

        return ReadResult<ReplayResult>.Ok(Simulate(estate, plan, models, placed, traces, binding, options), []);

        Diagnostic Error(string message) => new(planFile, 0, 0, message);
    }

    private static ReplayResult Simulate(Estate estate, Plan plan, HostModel[] models, Dictionary<string, int> placed, TraceSet traces, SeriesBinding binding, ReplayOptions options)
    {
        var policy = estate.Policy;
        var hosts = plan.Hosts.Count;
        var length = traces.Length;
        var growth = options.Growth ? Sizer.GrowthFactor(policy) : 1.0;

        // Per host: what VMs can use, what the CPU has in all (for power), and the curve.
        var capacity = new double[hosts];
        var raw = new double[hosts];
        var memoryCapacity = new double[hosts];
        var curves = new PowerCurve[hosts];
        for (var h = 0; h < hosts; h++)
        {
            var m = models[h];
            var dedicated = plan.Hosts[h].Dedicated;
            raw[h] = m.CpuCapacity;
            capacity[h] = dedicated ? m.CpuCapacity : Sizer.HostCapacity(m, policy, failover: false, headroom: false).Cpu;
            memoryCapacity[h] = dedicated ? m.MemoryMib : Sizer.HostCapacity(m, policy, failover: false, headroom: false).Memory;
            curves[h] = PowerCurve.For(m);
        }

        var byHost = new List<Workload>[hosts];
        for (var h = 0; h < hosts; h++)
        {
            byHost[h] = [];
        }

        foreach (var w in estate.Workloads)
        {
            byHost[placed[w.Id]].Add(w);
        }

        // Host by host, so the per-step sums are a few buffers of one trace length, reused and cache-friendly;
        // only the load matrix (floats) is kept for the charts.
        var cpu = new double[length];
        var memory = new double[length];
        var network = new double[length];
        var running = new int[length];
        var hours = traces.StepSeconds / 3600.0;
        var load = new float[hosts * length];
        var power = new double[length];
        var active = new int[length];
        var results = new HostReplay[hosts];
        long missing = 0;
        var seriesWorkloads = 0;
        var withoutSeries = new HashSet<string>(StringComparer.Ordinal);
        for (var h = 0; h < hosts; h++)
        {
            Array.Clear(cpu);
            Array.Clear(memory);
            Array.Clear(network);
            Array.Clear(running);
            var dedicated = plan.Hosts[h].Dedicated;
            var overheadCpu = dedicated ? 0 : policy.OverheadCpuGhz * models[h].PerfFactor;
            var overheadMemory = dedicated ? 0 : policy.OverheadMemoryMib;
            foreach (var w in byHost[h])
            {
                var constMemory = (w.Demand.MemoryMib.Pick(policy.Statistic) * growth) + overheadMemory;
                var constNetwork = w.Demand.NetworkMbps.Pick(policy.Statistic) * growth;
                if (!binding.SeriesOf.TryGetValue(w.Id, out var s) || !traces.Has(s, Metric.Cpu))
                {
                    withoutSeries.Add(w.Id);
                    if (!options.ConstantWithoutSeries)
                    {
                        continue;
                    }

                    var constCpu = (Sizer.CpuNormalisedGhz(estate, w, policy.Statistic) * growth) + overheadCpu;
                    for (var t = 0; t < length; t++)
                    {
                        cpu[t] += constCpu;
                        memory[t] += constMemory;
                        network[t] += constNetwork;
                        running[t]++;
                    }

                    continue;
                }

                seriesWorkloads++;
                var series = traces.Values(s, Metric.Cpu);
                var scale = CpuScaling.Of(estate, w, series, options.CpuScale) * growth;
                var mem = options.CpuOnly ? default : traces.Values(s, Metric.Memory);
                var net = options.CpuOnly ? default : traces.Values(s, Metric.Network);
                for (var t = 0; t < length; t++)
                {
                    var v = series[t];
                    if (float.IsNaN(v))
                    {
                        missing++;
                        continue;
                    }

                    cpu[t] += (scale * v) + overheadCpu;
                    memory[t] += mem.IsEmpty || float.IsNaN(mem[t]) ? constMemory : (mem[t] * growth) + overheadMemory;
                    network[t] += net.IsEmpty || float.IsNaN(net[t]) ? constNetwork : net[t] * growth;
                    running[t]++;
                }
            }

            var c = capacity[h];
            var curve = curves[h];
            var idle = options.PowerOffIdle ? 0 : curve.At(0);
            var loadRow = load.AsSpan(h * length, length);
            int activeSteps = 0, overload = 0;
            double sumLoad = 0, peak = 0, demand = 0, unmet = 0, joules = 0, peakMemory = 0, peakNetwork = 0;
            for (var t = 0; t < length; t++)
            {
                if (running[t] == 0)
                {
                    loadRow[t] = float.NaN;
                    power[t] += idle;
                    joules += idle;
                    continue;
                }

                var d = cpu[t];
                var u = c > 0 ? d / c : double.PositiveInfinity;
                activeSteps++;
                active[t]++;
                sumLoad += u;
                peak = Math.Max(peak, u);
                demand += d;
                if (d >= c * (1 - 1e-9))
                {
                    overload++;
                    unmet += d - c;
                }

                var watts = curve.At(Math.Min(d, c) / raw[h]);
                power[t] += watts;
                joules += watts;
                loadRow[t] = (float)u;
                peakMemory = Math.Max(peakMemory, memory[t]);
                peakNetwork = Math.Max(peakNetwork, network[t]);
            }

            var netCapacity = models[h].NetworkMbps;
            results[h] = new HostReplay(
                plan.Hosts[h].Id,
                models[h].Id,
                byHost[h].Count,
                c,
                activeSteps,
                overload,
                activeSteps == 0 ? 0 : sumLoad / activeSteps,
                peak,
                demand * hours,
                unmet * hours,
                joules * traces.StepSeconds / 3.6e6,
                memoryCapacity[h] > 0 ? peakMemory / memoryCapacity[h] : 0,
                netCapacity > 0 ? peakNetwork / netCapacity : 0);
        }

        return new ReplayResult
        {
            Hosts = results,
            Start = traces.Start,
            AbsoluteTime = traces.AbsoluteTime,
            StepSeconds = traces.StepSeconds,
            Length = length,
            ActiveHosts = active,
            PowerW = power,
            HostLoad = load,
            SeriesWorkloads = seriesWorkloads,
            ConstantWorkloads = options.ConstantWithoutSeries ? withoutSeries.Count : 0,
            WithoutSeries = estate.Workloads.Select(w => w.Id).Where(withoutSeries.Contains).ToList(),
            MissingWorkloadSteps = missing,
        };
    }

}
