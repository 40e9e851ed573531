using Shuyaku.Core.Import;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Power;

public sealed class SpecPowerReaderTests
{
    private static string Estate(string specpower, string power = "") => TestEstates.Estate(
        TestEstates.Workloads(1, 1, 1),
        catalog: $"""
            catalog:
              - id: g4
                sockets: 1
                cores: 2
                clock: 1.86GHz
                memory: 4GiB
            {power}    specpower: {specpower}
            """);

    [Fact]
    public void A_host_model_reads_an_eleven_point_specpower_table_in_watts_and_takes_idle_and_max_from_it()
    {
        var model = TestEstates.Read(Estate("[86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 0.117kW]")).Catalog[0];

        model.SpecPowerW!.ShouldBe([86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117], tolerance: 1e-9);
        model.PowerIdleW.ShouldBe(86);
        model.PowerMaxW.ShouldBe(117, 1e-9);
    }

    [Fact]
    public void Power_given_beside_the_table_keeps_its_idle_and_max()
    {
        var model = TestEstates.Read(Estate("[86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117]", "    power: { idle: 80W, max: 120W }\n")).Catalog[0];

        (model.PowerIdleW, model.PowerMaxW).ShouldBe((80, 120));
    }

    [Fact]
    public void A_table_of_the_wrong_length_or_that_falls_is_reported_where_it_is()
    {
        string Error(string table) => EstateReader.Read(Estate(table), "e.yaml").Errors.Single().ToString();

        Error("[86, 89.4, 92.6]").ShouldBe("e.yaml:10:16: host model 'g4''s specpower has 3 values: write 11, the watts at 0%, 10%, …, 100% load");
        Error("[86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 110, 117]").ShouldBe("e.yaml:10:63: host model 'g4''s specpower falls from 112 W to 110 W at 90%: power must not fall as load rises");
        Error("[86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117Q]").ShouldStartWith("e.yaml:10:68: host model 'g4''s specpower at 100%: '117Q' has an unknown unit");
    }
}
