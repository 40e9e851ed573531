using Shuyaku.Core.Traces;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Traces;

public sealed class BitbrainsImportTests
{
    private const string Header =
        "Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\tCPU usage [MHZ];\tCPU usage [%];\tMemory capacity provisioned [KB];\t" +
        "Memory usage [KB];\tDisk read throughput [KB/s];\tDisk write throughput [KB/s];\tNetwork received throughput [KB/s];\tNetwork transmitted throughput [KB/s]\n";

    private static string Row(long t, double cpu, double memKb, double diskRead = 0, double diskWrite = 0, double netIn = 0, double netOut = 0) =>
        FormattableString.Invariant($"{t};\t2;\t5851.9989;\t239.9;\t{cpu};\t8388608.0;\t{memKb};\t{diskRead};\t{diskWrite};\t{netIn};\t{netOut}\n");

    [Fact]
    public void A_gzip_file_separated_by_semicolon_and_tab_gives_cpu_memory_disk_and_network_in_their_units()
    {
        using var dir = new TempFolder();
        dir.WriteGzip("rnd/7.csv.gz", Header
            + Row(1377986400, 4.1, 524288, diskRead: 10, diskWrite: 30, netIn: 100, netOut: 25)
            + Row(1377986700, 6.0, 1048576)
            + Row(1377986700, 8.0, 1048576)
            + Row(1377987000, 5.0, 1048576));

        var result = TraceImporter.Import(dir.File("rnd"));

        result.Errors.ShouldBeEmpty();
        var (set, report) = (result.Value!.Set, result.Value.Report);
        report.Format.ShouldBe(TraceFormat.Bitbrains);
        set.Names.ShouldBe(["7"]);
        set.AbsoluteTime.ShouldBeTrue();
        set.Start.ShouldBe(1377986400);
        set.StepSeconds.ShouldBe(300);
        report.StepDetected.ShouldBeTrue();
        set.Values(0, Metric.Cpu).ToArray().ShouldBe([4.1f, 7.0f, 5.0f]);
        set.Values(0, Metric.Memory).ToArray().ShouldBe([512f, 1024f, 1024f]);
        set.Values(0, Metric.Disk)[0].ShouldBe(0.04f, 1e-6);
        set.Values(0, Metric.Network)[0].ShouldBe(1.0f, 1e-6);
        report.DuplicateSamples.ShouldBe(4); // one repeated timestamp, counted once per metric
    }

    [Fact]
    public void Files_of_a_folder_are_read_in_numeric_order_whether_compressed_or_not()
    {
        using var dir = new TempFolder();
        dir.Write("rnd/10.csv", Header + Row(1377986400, 1, 1024) + Row(1377986700, 2, 1024));
        dir.WriteGzip("rnd/2.csv.gz", Header + Row(1377986400, 3, 1024) + Row(1377986700, 4, 1024));

        var set = TraceImporter.Import(dir.File("rnd"), TraceFormat.Bitbrains).Value!.Set;

        set.Names.ShouldBe(["2", "10"]);
        set.Values(1, Metric.Cpu).ToArray().ShouldBe([1f, 2f]);
    }

    [Fact]
    public void A_field_that_is_not_a_number_is_reported_with_file_line_and_column()
    {
        using var dir = new TempFolder();
        var bad = Row(1377986700, 6.0, 1048576).Replace("\t6;", "\tlots;", StringComparison.Ordinal);
        var file = dir.WriteGzip("rnd/1.csv.gz", Header + Row(1377986400, 4.1, 524288) + bad);

        var result = TraceImporter.Import(dir.File("rnd"), TraceFormat.Bitbrains);

        result.Errors.Select(e => e.ToString()).ShouldBe([$"{file}:3:{bad.IndexOf("lots", StringComparison.Ordinal) + 1}: CPU usage 'lots' is not a number of zero or more"]);
    }

    [Fact]
    public void A_header_without_cpu_usage_is_refused()
    {
        using var dir = new TempFolder();
        var file = dir.Write("1.csv", "Timestamp [ms];\tCPU cores\n1377986400;\t2\n");

        var result = TraceImporter.Import(file, TraceFormat.Bitbrains);

        result.Errors.Single().ToString().ShouldBe($"{file}:1:1: the header lacks 'CPU usage [%]': a Bitbrains trace has columns 'Timestamp [ms]; CPU cores; ...; CPU usage [%]; ...' separated by ';'");
    }
}
