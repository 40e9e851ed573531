using Shuyaku.Core.Traces;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Traces;

public sealed class PlanetLabImportTests
{
    [Fact]
    public void A_folder_of_PlanetLab_files_gives_one_cpu_series_per_file_named_by_the_file_on_5_minute_steps()
    {
        using var dir = new TempFolder();
        dir.Write("day/node_b_slice", "10\n20\n30\n");
        dir.Write("day/node_a_slice", "5\n0\n99\n");

        var result = TraceImporter.Import(dir.File("day"), TraceFormat.PlanetLab);

        result.Errors.ShouldBeEmpty();
        var set = result.Value!.Set;
        set.Names.ShouldBe(["node_a_slice", "node_b_slice"]);
        set.StepSeconds.ShouldBe(300);
        set.Length.ShouldBe(3);
        set.AbsoluteTime.ShouldBeFalse();
        set.Values(set.IndexOf("node_b_slice"), Metric.Cpu).ToArray().ShouldBe([10f, 20f, 30f]);
        set.Has(0, Metric.Memory).ShouldBeFalse();
        result.Value.Report.Files.ShouldBe(2);
        result.Value.Report.Samples.ShouldBe(6);
    }

    [Fact]
    public void The_format_is_told_from_a_first_line_holding_a_number()
    {
        using var dir = new TempFolder();
        dir.Write("day/vm1", "10\n20\n");

        var result = TraceImporter.Import(dir.File("day"));

        result.Value!.Report.Format.ShouldBe(TraceFormat.PlanetLab);
    }

    [Fact]
    public void A_value_that_is_not_a_percentage_is_reported_with_file_and_line()
    {
        using var dir = new TempFolder();
        var file = dir.Write("day/vm1", "10\nabc\n101\n20\n");

        var result = TraceImporter.Import(dir.File("day"), TraceFormat.PlanetLab);

        result.Succeeded.ShouldBeFalse();
        result.Errors.Select(e => e.ToString()).ShouldBe([
            $"{file}:2:1: 'abc' is not a CPU percentage between 0 and 100: a PlanetLab trace holds one number per line",
            $"{file}:3:1: '101' is not a CPU percentage between 0 and 100: a PlanetLab trace holds one number per line",
        ]);
    }

    [Fact]
    public void An_empty_line_inside_a_trace_is_an_error_but_trailing_empty_lines_are_not()
    {
        using var dir = new TempFolder();
        var bad = dir.Write("bad/vm1", "10\n\n20\n");
        dir.Write("good/vm1", "10\n20\n\n\n");

        TraceImporter.Import(dir.File("bad"), TraceFormat.PlanetLab).Errors.Select(e => e.ToString())
            .ShouldBe([$"{bad}:2:1: empty line inside the trace: every line must hold one CPU percentage (0 to 100)"]);
        TraceImporter.Import(dir.File("good"), TraceFormat.PlanetLab).Value!.Set.Length.ShouldBe(2);
    }

    [Fact]
    public void A_folder_of_day_folders_says_to_point_at_one_day()
    {
        using var dir = new TempFolder();
        dir.Write("planetlab/20110303/vm1", "10\n");

        var result = TraceImporter.Import(dir.File("planetlab"), TraceFormat.PlanetLab);

        result.Errors.Single().Message.ShouldBe("the folder holds no trace files: a PlanetLab folder holds one file per VM; point at one day's folder, such as 20110303");
    }

    [Fact]
    public void Without_a_format_a_folder_of_day_folders_still_says_to_point_at_one_of_them()
    {
        using var dir = new TempFolder();
        dir.Write("planetlab/20110306/vm1", "10\n");
        dir.Write("planetlab/20110303/vm1", "10\n");

        var result = TraceImporter.Import(dir.File("planetlab"));

        result.Errors.Single().Message.ShouldBe("the folder holds no files, only folders: point at one of them, such as 20110303");
    }

    [Fact]
    public void Without_a_format_an_empty_folder_is_reported_as_empty()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("none"));

        var result = TraceImporter.Import(dir.File("none"));

        result.Errors.Single().Message.ShouldBe("the folder is empty: point at the file or folder that holds the traces");
    }
}
