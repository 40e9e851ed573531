using Shuyaku.Core.Traces;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Traces;

/// <summary>A VM that did not run in a trace's window leaves a file without samples: a warning, and that series is absent.</summary>
public sealed class EmptySeriesTests
{
    [Fact]
    public void A_PlanetLab_file_without_samples_is_a_warning_and_its_series_is_left_out()
    {
        using var dir = new TempFolder();
        dir.Write("day/a", "10\n20\n");
        var empty = dir.Write("day/b", "");
        dir.Write("day/c", "30\n40\n");

        var result = TraceImporter.Import(dir.File("day"));

        result.Errors.ShouldBeEmpty();
        result.Warnings.Select(w => w.ToString()).ShouldBe([$"{empty}:1:1: the file holds no samples: series 'b' is left out, as if the VM had not run in this window"]);
        result.Value!.Set.Names.ShouldBe(["a", "c"]);
        result.Value.Report.Series.ShouldBe(2);
        result.Value.Report.Warnings.Count.ShouldBe(1);
    }

    [Fact]
    public void A_Bitbrains_file_with_a_header_only_is_a_warning_and_its_series_is_left_out()
    {
        const string Header = "Timestamp [ms];\tCPU usage [%];\tMemory usage [KB]\n";
        using var dir = new TempFolder();
        dir.Write("rnd/1.csv", Header + "1377986400;\t5;\t1024\n1377986700;\t6;\t1024\n");
        var empty = dir.Write("rnd/2.csv", Header);

        var result = TraceImporter.Import(dir.File("rnd"));

        result.Errors.ShouldBeEmpty();
        result.Warnings.Single().ToString().ShouldBe($"{empty}:1:1: the file has a header but no samples: series '2' is left out, as if the VM had not run in this window");
        result.Value!.Set.Names.ShouldBe(["1"]);
    }

    [Fact]
    public void A_long_CSV_with_a_header_only_beside_another_is_a_warning()
    {
        using var dir = new TempFolder();
        dir.Write("t/a.csv", "workload,timestamp,metric,value\nweb1,0,cpu,10\nweb1,300,cpu,20\n");
        var empty = dir.Write("t/b.csv", "workload,timestamp,metric,value\n");

        var result = TraceImporter.Import(dir.File("t"), TraceFormat.CsvLong);

        result.Errors.ShouldBeEmpty();
        result.Warnings.Single().ToString().ShouldBe($"{empty}:1:1: the file has a header but no rows: it adds no samples");
        result.Value!.Set.Names.ShouldBe(["web1"]);
    }

    [Fact]
    public void A_wide_CSV_without_rows_leaves_its_series_out_for_that_metric_only()
    {
        using var dir = new TempFolder();
        dir.Write("w/cpu.csv", "timestamp,web1,web2\n0,10,20\n300,15,25\n");
        var memory = dir.Write("w/memory.csv", "timestamp,web1,web2\n");

        var result = TraceImporter.Import(dir.File("w"));

        result.Errors.ShouldBeEmpty();
        result.Warnings.Single().ToString().ShouldBe($"{memory}:1:1: the file has a header but no rows: memory of 2 series ('web1', 'web2') is left out, as if they had not run in this window");
        var set = result.Value!.Set;
        set.Names.ShouldBe(["web1", "web2"]);
        set.Has(0, Metric.Cpu).ShouldBeTrue();
        set.Has(Metric.Memory).ShouldBeFalse();
    }

    [Fact]
    public void A_wide_CSV_column_without_values_is_a_warning_and_that_series_is_left_out()
    {
        using var dir = new TempFolder();
        var cpu = dir.Write("load.csv", "timestamp,web1,gone,web2\n0,10,,20\n300,15,,25\n");

        var result = TraceImporter.Import(cpu);

        result.Errors.ShouldBeEmpty();
        result.Warnings.Single().ToString().ShouldBe($"{cpu}:1:16: series 'gone' has no cpu value in any row: it is left out for cpu, as if it had not run in this window");
        result.Value!.Set.Names.ShouldBe(["web1", "web2"]);
    }

    [Fact]
    public void A_trace_whose_every_file_is_empty_is_still_an_error_with_the_warnings()
    {
        using var dir = new TempFolder();
        dir.Write("day/a", "");
        dir.Write("day/b", "\n\n");

        var result = TraceImporter.Import(dir.File("day"), TraceFormat.PlanetLab);

        result.Errors.Single().Message.ShouldBe("no samples were found: check the path and --format");
        result.Warnings.Count.ShouldBe(2);
    }

    [Fact]
    public void The_format_is_told_from_the_first_file_that_has_a_line()
    {
        using var dir = new TempFolder();
        dir.Write("day/a", "");
        dir.Write("day/b", "10\n20\n");

        var result = TraceImporter.Import(dir.File("day"));

        result.Value!.Report.Format.ShouldBe(TraceFormat.PlanetLab);
        result.Value.Set.Names.ShouldBe(["b"]);
    }
}
