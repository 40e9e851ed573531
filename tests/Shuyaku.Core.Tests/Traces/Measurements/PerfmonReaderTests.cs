using Shuyaku.Core.Tests.Support;
using Shuyaku.Core.Traces;
using Shuyaku.Core.Traces.Measurements;

namespace Shuyaku.Core.Tests.Traces.Measurements;

public sealed class PerfmonReaderTests
{
    private const string English = """
        "(PDH-CSV 4.0) (Tokyo Standard Time)(-540)","\\WEB01\Processor(_Total)\% Processor Time","\\WEB01\Memory\Committed Bytes","\\WEB01\Memory\Available MBytes","\\WEB01\PhysicalDisk(_Total)\Disk Bytes/sec","\\WEB01\PhysicalDisk(0 C:)\Disk Bytes/sec","\\WEB01\Network Interface(Intel[R] Ethernet)\Bytes Total/sec","\\WEB01\Network Interface(isatap.{1234})\Bytes Total/sec","\\WEB01\System\Processor Queue Length"
        "12/06/2026 09:00:00.123","12.5","2147483648","1024","3000000","3000000","1250000","999","0"
        "12/06/2026 09:00:15.120","25"," ","1000","1000000","1000000","250000","999","1"
        """;

    [Fact]
    public void Typeperf_counters_become_cpu_memory_disk_and_network_in_utc()
    {
        using var dir = new TempFolder();
        var result = PerfmonReader.Read([dir.Write("web01.csv", English)]);

        result.Errors.ShouldBeEmpty();
        var m = result.Value!;
        m.SeriesNames.ShouldBe(["WEB01"]);
        var cpu = m.Of("WEB01", Metric.Cpu).ToList();
        cpu.Select(s => s.Value).ShouldBe([12.5, 25]);
        // 09:00 Tokyo (bias −540 min) is 00:00 UTC
        cpu[0].UnixSeconds.ShouldBe(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds());
        // Committed Bytes → MiB; the blank sample is missing, not zero
        m.Of("WEB01", Metric.Memory).Select(s => s.Value).ShouldBe([2048.0]);
        // the _Total instance only; bytes/s → MB/s
        m.Of("WEB01", Metric.Disk).Select(s => s.Value).ShouldBe([3.0, 1.0]);
        // the Ethernet interface, not the ISATAP tunnel; bytes/s × 8 / 10^6
        m.Of("WEB01", Metric.Network).Select(s => s.Value).ShouldBe([10.0, 2.0]);
        m.Skipped.Count.ShouldBe(4); // Available MBytes without --total-memory, one disk, the tunnel, the queue length
    }

    [Fact]
    public void With_the_total_memory_memory_is_the_total_less_available()
    {
        using var dir = new TempFolder();
        var m = PerfmonReader.Read([dir.Write("web01.csv", English)], new PerfmonOptions(TotalMemoryMib: 4096)).Value!;

        m.Of("WEB01", Metric.Memory).Select(s => Math.Round(s.Value, 3)).ShouldBe([Math.Round(4096 - (1024 * 1e6 / 1048576), 3), Math.Round(4096 - (1000 * 1e6 / 1048576), 3)]);
    }

    [Fact]
    public void A_german_log_with_semicolons_decimal_commas_and_day_first_dates_is_read()
    {
        using var dir = new TempFolder();
        var file = dir.Write("de.csv", """
            "(PDH-CSV 4.0) (W. Europe Standard Time)(-60)";"\\DB01\Processor(_Total)\% Processor Time"
            "13.12.2026 10:00:00.000";"12,75"
            "13.12.2026 10:01:00.000";"7,5"
            """);

        var m = PerfmonReader.Read([file]).Value!;

        var cpu = m.Of("DB01", Metric.Cpu).ToList();
        cpu.Select(s => s.Value).ShouldBe([12.75, 7.5]);
        cpu[0].UnixSeconds.ShouldBe(new DateTimeOffset(2026, 12, 13, 9, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds());
    }

    [Fact]
    public void Dates_that_do_not_tell_their_order_are_month_first_with_a_warning_unless_given()
    {
        using var dir = new TempFolder();
        var file = dir.Write("x.csv", """
            "(PDH-CSV 4.0) (Coordinated Universal Time)(0)","\\H\Processor(_Total)\% Processor Time"
            "01/02/2026 00:00:00.000","5"
            """);

        var guessed = PerfmonReader.Read([file]);
        guessed.Warnings.ShouldHaveSingleItem().Message.ShouldStartWith("no date tells whether the month or the day comes first");
        guessed.Value!.Samples.Single().UnixSeconds.ShouldBe(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds());

        var given = PerfmonReader.Read([file], new PerfmonOptions(DateOrder: DateOrder.Dmy));
        given.Warnings.ShouldBeEmpty();
        given.Value!.Samples.Single().UnixSeconds.ShouldBe(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds());
    }

    [Fact]
    public void Errors_name_the_file_line_and_column()
    {
        using var dir = new TempFolder();
        var notPdh = dir.Write("a.csv", "time,cpu\n1,2\n");
        var bad = dir.Write("b.csv", """
            "(PDH-CSV 4.0) (UTC)(0)","\\H\Processor(_Total)\% Processor Time"
            "12/31/2026 00:00:00.000","-3"
            "13/31/2026 00:00:00.000","3"
            "12/31/2026 00:00:00.000"
            """);

        PerfmonReader.Read([notPdh]).Errors.Single().ToString().ShouldBe($"{notPdh}:1:1: the first field is not '(PDH-CSV 4.0) ...': write the log with typeperf -f CSV or relog -f csv");
        PerfmonReader.Read([bad], new PerfmonOptions(DateOrder: DateOrder.Mdy)).Errors.Select(e => e.ToString()).ShouldBe([
            $"{bad}:2:27: '-3' is not a number of zero or more",
            $"{bad}:3:1: '13/31/2026 00:00:00.000' is not a date and time in the Mdy order: give --date-order mdy, dmy or ymd",
            $"{bad}:4:1: the row has 1 fields where the header has 2: the file is cut or mixed",
        ]);
    }

    [Fact]
    public void Damaged_files_give_diagnostics_never_exceptions()
    {
        using var dir = new TempFolder();
        for (var seed = 0; seed < 300; seed++)
        {
            var (bytes, what) = new SeededMutator(seed).Mutate(English);
            var file = dir.File($"m{seed}.csv");
            File.WriteAllBytes(file, bytes);

            var result = Should.NotThrow(() => PerfmonReader.Read([file]), what);

            (result.Succeeded || result.Errors.Count > 0).ShouldBeTrue(what);
        }
    }
}
