using Shuyaku.Core.Traces;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Traces;

public sealed class CsvImportTests
{
    [Fact]
    public void A_long_csv_gives_each_workload_its_metrics_on_one_grid()
    {
        using var dir = new TempFolder();
        var file = dir.Write("traces.csv", """
            workload,timestamp,metric,value
            web1,2013-09-01T00:00:00Z,cpu,10
            web1,2013-09-01T00:05:00Z,cpu,20
            web1,2013-09-01T00:00:00Z,memory,512
            web1,2013-09-01T00:05:00Z,memory,640
            "db, main",1377993900,CPU,40
            "db, main",1377994200,cpu,50
            """);

        var result = TraceImporter.Import(file);

        result.Errors.ShouldBeEmpty();
        var set = result.Value!.Set;
        result.Value.Report.Format.ShouldBe(TraceFormat.CsvLong);
        set.Names.ShouldBe(["web1", "db, main"]);
        set.AbsoluteTime.ShouldBeTrue();
        set.Start.ShouldBe(1377993600); // 2013-09-01T00:00:00Z
        set.StepSeconds.ShouldBe(300);
        set.Values(0, Metric.Cpu).ToArray().ShouldBe([10f, 20f, float.NaN]);
        set.Values(0, Metric.Memory).ToArray().ShouldBe([512f, 640f, float.NaN]);
        set.Values(1, Metric.Cpu).ToArray().ShouldBe([float.NaN, 40f, 50f]);
        set.Has(1, Metric.Memory).ShouldBeFalse();
    }

    [Fact]
    public void Long_csv_errors_name_file_line_and_column()
    {
        using var dir = new TempFolder();
        var file = dir.Write("traces.csv", "workload,timestamp,metric,value\nweb1,0,cpu,10\nweb1,300,iops,5\nweb1,yesterday,cpu,5\nweb1,600,cpu,-1\n");

        var result = TraceImporter.Import(file, TraceFormat.CsvLong);

        result.Errors.Select(e => e.ToString()).ShouldBe([
            $"{file}:3:10: metric 'iops' is unknown: write cpu, memory, disk or network",
            $"{file}:4:6: timestamp 'yesterday' is neither Unix seconds nor ISO 8601 such as 2013-09-01T00:05:00Z",
            $"{file}:5:14: value '-1' is not a number of zero or more",
        ]);
    }

    [Fact]
    public void A_timestamp_in_milliseconds_among_seconds_is_reported()
    {
        using var dir = new TempFolder();
        var file = dir.Write("traces.csv", "workload,timestamp,metric,value\nweb1,1377993600,cpu,10\nweb1,1377993900000,cpu,20\n");

        TraceImporter.Import(file, TraceFormat.CsvLong).Errors.Select(e => e.ToString()).ShouldBe([
            $"{file}:3:6: timestamp '1377993900000' is after the year 9999: every timestamp must be in seconds (not milliseconds)",
        ]);
    }

    [Fact]
    public void Timestamps_more_than_68_years_apart_within_a_series_are_reported()
    {
        using var dir = new TempFolder();
        var file = dir.Write("traces.csv", "workload,timestamp,metric,value\nweb1,1000000000,cpu,10\nweb1,253402300799,cpu,20\n");

        TraceImporter.Import(file, TraceFormat.CsvLong).Errors.Select(e => e.ToString()).ShouldBe([
            $"{file}:3:6: timestamp '253402300799' is more than 68 years from the series' first sample: every timestamp must be in seconds (not milliseconds)",
        ]);
    }

    [Theory]
    [InlineData("-300", "timestamp '-300' is negative: write Unix seconds, or seconds from the start of the trace, of zero or more")]
    [InlineData("99999999999999999999", "timestamp '99999999999999999999' is neither Unix seconds nor ISO 8601 such as 2013-09-01T00:05:00Z")]
    public void Timestamps_out_of_range_are_reported(string timestamp, string message)
    {
        using var dir = new TempFolder();
        var file = dir.Write("traces.csv", $"workload,timestamp,metric,value\nweb1,0,cpu,10\nweb1,{timestamp},cpu,20\n");

        TraceImporter.Import(file, TraceFormat.CsvLong).Errors.Select(e => e.ToString()).ShouldBe([$"{file}:3:6: {message}"]);
    }

    [Theory]
    [InlineData("1e308", "value '1e308' is too large: a trace value is at most 10^15 in its metric's unit")]
    [InlineData("99999999999999999999", "value '99999999999999999999' is too large: a trace value is at most 10^15 in its metric's unit")]
    [InlineData("NaN", "value 'NaN' is not a number of zero or more")]
    [InlineData("Infinity", "value 'Infinity' is not a number of zero or more")]
    [InlineData("-1e308", "value '-1e308' is not a number of zero or more")]
    public void Values_that_are_not_finite_or_too_large_are_reported(string value, string message)
    {
        using var dir = new TempFolder();
        var file = dir.Write("traces.csv", $"workload,timestamp,metric,value\nweb1,0,cpu,10\nweb1,300,cpu,{value}\n");

        TraceImporter.Import(file, TraceFormat.CsvLong).Errors.Select(e => e.ToString()).ShouldBe([$"{file}:3:14: {message}"]);
    }

    [Fact]
    public void A_wide_folder_reads_one_file_per_metric_named_by_the_metric_and_an_empty_cell_is_a_missing_sample()
    {
        using var dir = new TempFolder();
        dir.Write("wide/cpu.csv", "timestamp,a,b\n0,10,1\n300,,2\n600,30,3\n");
        dir.WriteGzip("wide/memory.csv.gz", "timestamp,a\n0,100\n300,200\n600,300\n");

        var result = TraceImporter.Import(dir.File("wide"));

        result.Errors.ShouldBeEmpty();
        var set = result.Value!.Set;
        result.Value.Report.Format.ShouldBe(TraceFormat.CsvWide);
        set.AbsoluteTime.ShouldBeFalse(); // plain numbers below 1,000,000,000 count seconds from the start
        set.Names.ShouldBe(["a", "b"]);
        set.Values(0, Metric.Cpu).ToArray().ShouldBe([10f, 20f, 30f]); // the empty cell is a one-step gap, filled
        set.Values(0, Metric.Memory).ToArray().ShouldBe([100f, 200f, 300f]);
        set.Has(1, Metric.Memory).ShouldBeFalse();
        result.Value.Report.FilledGaps.ShouldBe(1);
    }

    [Fact]
    public void A_wide_file_with_another_name_holds_cpu()
    {
        using var dir = new TempFolder();
        var file = dir.Write("load.csv", "timestamp,a\n1377993600,10\n1377993900,20\n");

        var set = TraceImporter.Import(file).Value!.Set;

        set.Values(0, Metric.Cpu).ToArray().ShouldBe([10f, 20f]);
        set.AbsoluteTime.ShouldBeTrue();
    }

    [Fact]
    public void A_wide_row_with_too_few_cells_is_reported()
    {
        using var dir = new TempFolder();
        var file = dir.Write("cpu.csv", "timestamp,a,b\n0,1,2\n300,1\n");

        TraceImporter.Import(file, TraceFormat.CsvWide).Errors.Select(e => e.ToString())
            .ShouldBe([$"{file}:3:1: the row has 2 fields but the header has 3: leave a cell empty for a missing sample"]);
    }

    [Fact]
    public void A_file_whose_format_cannot_be_told_asks_for_format()
    {
        using var dir = new TempFolder();
        var file = dir.Write("x.txt", "hello,world\n");

        TraceImporter.Import(file).Errors.Single().ToString()
            .ShouldBe($"{file}:0:0: the format cannot be told from the first line: give --format csv-long, csv-wide, planetlab or bitbrains");
    }

    [Fact]
    public void Clock_times_and_seconds_from_the_start_mixed_in_one_trace_are_an_error()
    {
        using var dir = new TempFolder();
        var file = dir.Write("long.csv", "workload,timestamp,metric,value\na,1377993600,cpu,10\na,300,cpu,20\nb,2013-09-01T00:10:00Z,cpu,5\n");

        var result = TraceImporter.Import(file, TraceFormat.CsvLong);

        result.Errors.Select(e => e.ToString()).ShouldBe([
            $"{file}:3:3: timestamp '300' counts seconds from the start of the trace, but {file}:2 has a clock time: use one kind of timestamp throughout",
        ]);
    }

    [Fact]
    public void Mixed_kinds_of_timestamps_are_found_across_the_files_of_a_wide_folder()
    {
        using var dir = new TempFolder();
        dir.Write("wide/cpu.csv", "timestamp,a\n0,10\n300,20\n");
        var memory = dir.Write("wide/memory.csv", "timestamp,a\n1377993600,512\n");

        var result = TraceImporter.Import(dir.File("wide"), TraceFormat.CsvWide);

        result.Errors.Single().ToString().ShouldBe(
            $"{memory}:2:1: timestamp '1377993600' is a clock time, but {dir.File("wide/cpu.csv")}:2 counts seconds from the start of the trace: use one kind of timestamp throughout");
    }
}
