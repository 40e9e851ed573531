using Shuyaku.Core.Benchmarks.CloudSim;
using Shuyaku.Core.Simulation.Dynamic;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Benchmarks.CloudSim;

public sealed class CloudSimExperimentTests
{
    [PlanetLabFact]
    public void One_real_day_reproduces_cloudsims_own_results()
    {
        // Given the smallest day (898 traces) and CloudSim 3.0.3's recorded results for it
        var data = PlanetLabData.Directory!;
        var reference = CloudSimExperiment.LoadReference(Path.Combine(data, CloudSimExperiment.ReferenceFileName))!;

        foreach (var name in new[] { "Dvfs", "ThrMmt" })
        {
            // When our simulator runs the same experiment
            var run = CloudSimExperiment.Run(data, "20110306", ConsolidationPolicy.Parse(name)!);

            // Then energy, migrations and SLAV agree (the file rounds to 5-6 significant digits)
            var ours = run.Row!;
            var theirs = reference.Single(r => r.Policy == name && r.Day == "20110306");
            ours.EnergyKwh.ShouldBe(theirs.EnergyKwh, theirs.EnergyKwh * 1e-6);
            ours.Migrations.ShouldBe(theirs.Migrations);
            ours.Slav.ShouldBe(theirs.Slav, Math.Max(theirs.Slav * 1e-5, 1e-15));
        }
    }
}
