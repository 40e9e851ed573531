using Shuyaku.Core.Model;
using Shuyaku.Core.Power;

namespace Shuyaku.Core.Tests.Power;

public sealed class PowerCurveTests
{
    /// <summary>HP ProLiant ML110 G4 (Xeon 3040), as in CloudSim's PowerModelSpecPowerHpProLiantMl110G4Xeon3040.</summary>
    private static readonly double[] G4 = [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117];

    [Theory]
    [InlineData(0.0, 86)]
    [InlineData(0.1, 89.4)]
    [InlineData(0.15, 91.0)]
    [InlineData(0.55, 104)]
    [InlineData(0.95, 115.5)]
    [InlineData(1.0, 117)]
    [InlineData(1.7, 117)]
    [InlineData(-0.2, 86)]
    public void A_SPECpower_table_is_interpolated_linearly_between_its_ten_percent_points(double load, double watts)
    {
        new PowerCurve(G4).At(load).ShouldBe(watts, 1e-9);
    }

    [Fact]
    public void A_model_without_a_table_draws_on_the_straight_line_from_idle_to_max()
    {
        var curve = PowerCurve.For(new HostModel { Id = "m", PowerIdleW = 172, PowerMaxW = 330 });

        curve.At(0).ShouldBe(172, 1e-9);
        curve.At(0.25).ShouldBe(172 + (0.25 * 158), 1e-9);
        curve.At(1).ShouldBe(330, 1e-9);
    }

    [Fact]
    public void A_model_with_a_table_uses_it_rather_than_idle_and_max()
    {
        PowerCurve.For(new HostModel { Id = "m", PowerIdleW = 1, PowerMaxW = 2, SpecPowerW = G4 }).At(0.5).ShouldBe(102, 1e-9);
    }
}
