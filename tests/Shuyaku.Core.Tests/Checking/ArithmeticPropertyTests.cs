using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Model;
using Shuyaku.Core.Sizing;

namespace Shuyaku.Core.Tests.Checking;

/// <summary>The checker's own sizing arithmetic agrees with the planner's Sizer on random servers, workloads, models and policies.</summary>
public sealed class ArithmeticPropertyTests
{
    [Property(MaxTest = 100, Replay = "(20260611,2026061)")]
    public Property Checker_and_sizer_agree_on_demand_and_capacity() =>
        Prop.ForAll(Cases(), c =>
        {
            var (estate, w, model, policy) = c.Build();
            return Close(Arithmetic.VmDemand(estate, w, model, policy, policy.Statistic), Sizer.WorkloadDemand(estate, w, model, policy, withGrowth: true))
                && Close(Arithmetic.BareDemand(estate, w, policy), Sizer.BareMetalDemand(estate, w, policy))
                && Close(Arithmetic.VirtualizationCapacity(model, policy, failover: false), Sizer.HostCapacity(model, policy, failover: false))
                && Close(Arithmetic.VirtualizationCapacity(model, policy, failover: true), Sizer.HostCapacity(model, policy, failover: true))
                && Close(Arithmetic.BareCapacity(model, policy), Sizer.BareMetalCapacity(model, policy));
        });

    private static bool Close(ResourceVector a, ResourceVector b) =>
        Enumerable.Range(0, ResourceVector.Dimensions).All(r => Math.Abs(a[r] - b[r]) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a[r]), Math.Abs(b[r]))));

    private static Arbitrary<Case> Cases()
    {
        var share = Gen.Choose(0, 100).Select(x => x / 100.0);
        var stat = Gen.Elements<double?>(null, 0.1, 0.5, 1.0);
        return Arb.From(
            from cores in Gen.Choose(1, 64)
            from clock in Gen.Choose(5, 40)
            from perf in Gen.Choose(5, 30)
            from unit in Gen.Elements(CpuUnit.ServerFraction, CpuUnit.Cores, CpuUnit.Ghz)
            from onServer in Gen.Elements(true, false)
            from stats in Gen.ArrayOf(stat, 3)
            from memory in Gen.Choose(0, 65536)
            from network in Gen.Choose(0, 1000)
            from vcpus in Gen.Elements<int?>(null, 1, 4)
            from modelCores in Gen.Choose(1, 128)
            from modelMemory in Gen.Choose(1024, 1048576)
            from statistic in Gen.Elements(Statistic.Peak, Statistic.P95, Statistic.Avg)
            from headroom in Gen.ArrayOf(share, 3)
            from failover in share
            from growth in Gen.Choose(0, 50)
            from horizon in Gen.Choose(0, 10)
            from reserve in Gen.Choose(0, 8192)
            from overhead in Gen.Choose(0, 512)
            select new Case(cores, clock / 10.0, perf / 10.0, unit, onServer, stats, memory, network, vcpus, modelCores, modelMemory, statistic,
                headroom, failover, growth / 100.0, horizon, reserve, overhead));
    }

    /// <summary>One generated estate of one server, one workload and one model, printed by its numbers when the property fails.</summary>
    public sealed record Case(
        int Cores, double Clock, double Perf, CpuUnit Unit, bool OnServer, double?[] Stats, int MemoryMib, int NetworkMbps, int? Vcpus,
        int ModelCores, int ModelMemoryMib, Statistic Statistic, double[] Headroom, double Failover, double Growth, int Horizon, int ReserveMib, int OverheadMib)
    {
        public (Estate Estate, Workload Workload, HostModel Model, Policy Policy) Build()
        {
            var server = new Server("old", "s", new Hardware(1, Cores, Clock, Perf, 65536, 0), null, null);
            var scale = Unit switch { CpuUnit.ServerFraction => 1.0, CpuUnit.Cores => Cores, _ => Cores * Clock };
            var cpu = new Measure(Stats[0] * scale * 0.5, Stats[1] * scale * 0.8, Stats[2] * scale);
            var w = new Workload
            {
                Id = "w",
                Server = OnServer ? "old" : "",
                Vcpus = Vcpus,
                Demand = new Demand(cpu, Unit, new Measure(MemoryMib * 0.5, null, MemoryMib), 0, 0, new Measure(null, NetworkMbps * 0.7, NetworkMbps)),
            };
            var model = new HostModel
            {
                Id = "m", Sockets = 2, CoresPerSocket = ModelCores, ClockGhz = Clock + 1, PerfFactor = Perf + 0.5, MemoryMib = ModelMemoryMib, NetworkMbps = 10000,
            };
            var policy = new Policy
            {
                Headroom = new ResourceVector(Headroom[0], Headroom[1], Headroom[2], 1),
                FailoverUtilisation = Failover,
                GrowthPerYear = Growth,
                HorizonYears = Horizon,
                ReserveCpuGhz = ReserveMib / 4096.0,
                ReserveMemoryMib = ReserveMib,
                OverheadCpuGhz = OverheadMib / 1024.0,
                OverheadMemoryMib = OverheadMib,
                Statistic = Statistic,
                VcpuPerCore = 4,
                MemoryOvercommit = 1 + (OverheadMib / 1024.0),
            };
            var estate = new Estate { Servers = [server], Workloads = [w], Catalog = [model], Policy = policy };
            return (estate, w, model, policy);
        }

        public override string ToString() =>
            $"{Cores} cores × {Clock} GHz × {Perf}, cpu {Unit} [{string.Join(", ", Stats)}] on server {OnServer}, memory {MemoryMib}, network {NetworkMbps}, vcpus {Vcpus}; " +
            $"model {ModelCores}×2 cores {ModelMemoryMib} MiB; {Statistic}, headroom [{string.Join(", ", Headroom)}], failover {Failover}, growth {Growth} × {Horizon}, reserve {ReserveMib}, overhead {OverheadMib}";
    }
}
