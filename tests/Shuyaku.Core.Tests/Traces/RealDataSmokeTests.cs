using Shuyaku.Core.Tests.Support;
using Shuyaku.Core.Traces;

namespace Shuyaku.Core.Tests.Traces;

public sealed class RealDataSmokeTests
{
    [RealDataFact]
    public void A_PlanetLab_day_reads_as_288_five_minute_steps_per_VM()
    {
        var day = Path.Combine(RealData.Root!, "planetlab", "20110303");

        var result = TraceImporter.Import(day, TraceFormat.PlanetLab);

        result.Errors.ShouldBeEmpty();
        var set = result.Value!.Set;
        set.Count.ShouldBe(1052);
        set.Length.ShouldBe(288);
        result.Value.Report.LongGaps.ShouldBeEmpty();
        set.Names.ShouldContain(n => n.Contains(' ', StringComparison.Ordinal)); // names with spaces survive
    }

    [RealDataFact]
    public void A_few_Bitbrains_VMs_read_with_all_four_metrics_and_their_duplicates_reported()
    {
        var month = Path.Combine(RealData.Root!, "bitbrains", "2013-9");
        using var dir = new Support.TempFolder();
        foreach (var vm in new[] { "1", "2", "3" })
        {
            File.Copy(Path.Combine(month, vm + ".csv.gz"), dir.File(vm + ".csv.gz"));
        }

        var result = TraceImporter.Import(dir.Path);

        result.Errors.ShouldBeEmpty();
        var (set, report) = (result.Value!.Set, result.Value.Report);
        report.Format.ShouldBe(TraceFormat.Bitbrains);
        report.StepSeconds.ShouldBe(300);
        set.Names.ShouldBe(["1", "2", "3"]);
        foreach (var metric in Enum.GetValues<Metric>())
        {
            set.Has(0, metric).ShouldBeTrue(metric.ToString());
        }

        set.Length.ShouldBeInRange(8000, 8700); // about a month of 5-minute steps
    }
}
