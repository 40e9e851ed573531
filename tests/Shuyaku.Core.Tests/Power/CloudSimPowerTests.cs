using Shuyaku.Core.Power;
using Shuyaku.Core.Simulation.Dynamic;

namespace Shuyaku.Core.Tests.Power;

public sealed class CloudSimPowerTests
{
    private static readonly PowerCurve G4 = CloudSimSetup.HpProLiantMl110G4;
    private static readonly PowerCurve G5 = CloudSimSetup.HpProLiantMl110G5;

    [Theory]
    [InlineData(0.0, 86)]
    [InlineData(0.1, 89.4)]
    [InlineData(0.4, 99.5)]
    [InlineData(0.8, 112)]
    [InlineData(1.0, 117)]
    public void Table_points_are_returned_exactly(double utilization, double watts) =>
        G4.AtCloudSim(utilization).ShouldBe(watts);

    [Fact]
    public void Power_between_table_points_is_interpolated_linearly()
    {
        // G5: 105 W at 30 %, 110 W at 40 %; half way is 107.5 W.
        G5.AtCloudSim(0.35).ShouldBe(107.5, 1e-9);

        // G4: 86 W at 0 %, 89.4 W at 10 %; at 250/3720 (a 500 MIPS VM at 50 % on a G4) it is 86 + 34 × u.
        var u = 250.0 / 3720;
        G4.AtCloudSim(u).ShouldBe(86 + (34 * u), 1e-9);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void Utilisation_outside_zero_to_one_is_a_programmer_error(double utilization) =>
        Should.Throw<ArgumentOutOfRangeException>(() => G4.AtCloudSim(utilization));

    [Fact]
    public void A_table_needs_eleven_points() =>
        Should.Throw<ArgumentException>(() => new PowerCurve([1, 2, 3]));
}
