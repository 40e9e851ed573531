using Shuyaku.Core.Benchmarks.Synthetic;
using Shuyaku.Core.Model;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Sizing;

namespace Shuyaku.Core.Tests.Benchmarks;

/// <summary>The synthetic estates written as estate files read back to the same estate.</summary>
public sealed class SyntheticYamlTests
{
    [Theory]
    [InlineData(ScaleProfile.VmwareSmall)]
    [InlineData(ScaleProfile.Shapes)]
    public void A_written_synthetic_estate_reads_back_to_the_same_problem(ScaleProfile profile)
    {
        var estate = ScaleBenchmark.Estate(profile, workloads: 400, failures: 1, seed: 3);
        using var text = new StringWriter();
        SyntheticYaml.Write(estate, text);

        var read = EstateFit.ReadAndCheck(text.ToString(), "estate.yaml");

        read.Errors.ShouldBeEmpty();
        var back = read.Value!;
        back.Workloads.Select(w => w.Id).ShouldBe(estate.Workloads.Select(w => w.Id));
        back.Rules.Count.ShouldBe(estate.Rules.Count);
        var policy = Planner.EffectivePolicy(estate, new PlanOptions());
        var a = Planner.BuildProblem(estate, estate.Catalog[0], policy, headroom: true, growth: true, 1);
        var b = Planner.BuildProblem(back, back.Catalog[0], Planner.EffectivePolicy(back, new PlanOptions()), headroom: true, growth: true, 1);
        b.Capacity.ShouldBe(a.Capacity, tolerance: 1e-9);
        b.Demand.Length.ShouldBe(a.Demand.Length);
        for (var i = 0; i < a.Demand.Length; i++)
        {
            b.Demand[i].ShouldBe(a.Demand[i], tolerance: 1e-6 * Math.Max(1, Math.Abs(a.Demand[i])));
        }
    }

    [Fact]
    public void The_small_vm_profile_binds_cpu_and_vcpus_together()
    {
        // Each VM has one vCPU; a host holds 256 vCPUs and, on average, about 245 VMs' worth of CPU.
        var problem = ScaleBenchmark.Problem(ScaleProfile.VmwareSmall, workloads: 5_000, failures: 1, seed: 1);
        var d = problem.Dimensions;
        var cpu = Enumerable.Range(0, problem.Items).Sum(i => problem.Demand[(i * d) + (int)Resource.Cpu]) / problem.Capacity[(int)Resource.Cpu];
        var vcpu = Enumerable.Range(0, problem.Items).Sum(i => problem.Demand[(i * d) + (int)Resource.Vcpu]) / problem.Capacity[(int)Resource.Vcpu];
        Enumerable.Range(0, problem.Items).All(i => problem.Demand[(i * d) + (int)Resource.Vcpu] == 1).ShouldBeTrue();
        (cpu / vcpu).ShouldBeInRange(1.0, 1.1);
        problem.Spread.Length.ShouldBe(50);
    }
}
