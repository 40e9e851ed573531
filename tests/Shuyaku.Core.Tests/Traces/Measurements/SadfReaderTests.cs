using Shuyaku.Core.Tests.Support;
using Shuyaku.Core.Traces;
using Shuyaku.Core.Traces.Measurements;

namespace Shuyaku.Core.Tests.Traces.Measurements;

public sealed class SadfReaderTests
{
    // The shape of sysstat 12.6's 'sadf -d FILE -- -u -r -d -n DEV -b' (the -b section is not used).
    private const string Sadf126 = """
        # hostname;interval;timestamp;CPU;%user;%nice;%system;%iowait;%steal;%idle
        web1;60;2026-12-06 18:00:00 UTC;-1;20.00;0.00;10.00;5.00;1.00;64.00
        web1;60;2026-12-06 18:01:00 UTC;-1;40.50;0.00;9.50;0.00;0.00;50.00
        # hostname;interval;timestamp;kbmemfree;kbavail;kbmemused;%memused;kbbuffers;kbcached;kbcommit;%commit;kbactive;kbinact;kbdirty
        web1;60;2026-12-06 18:00:00 UTC;1000000;3000000;2097152;50.00;34992;2961336;423248;1.71;889016;2170476;3408
        web1;60;2026-12-06 18:01:00 UTC;1000000;3000000;1048576;25.00;34992;2961336;423248;1.71;889016;2170476;3408
        # hostname;interval;timestamp;DEV;tps;rkB/s;wkB/s;dkB/s;areq-sz;aqu-sz;await;%util
        web1;60;2026-12-06 18:00:00 UTC;sda;38.00;1000.00;500.00;0.00;7.26;0.01;0.18;0.40
        web1;60;2026-12-06 18:00:00 UTC;sda1;38.00;1000.00;500.00;0.00;7.26;0.01;0.18;0.40
        web1;60;2026-12-06 18:00:00 UTC;dm-0;38.00;1000.00;500.00;0.00;7.26;0.01;0.18;0.40
        web1;60;2026-12-06 18:00:00 UTC;nvme0n1;6.00;2000.00;0.00;0.00;7.33;0.00;0.00;0.00
        web1;60;2026-12-06 18:00:00 UTC;nvme0n1p2;6.00;2000.00;0.00;0.00;7.33;0.00;0.00;0.00
        # hostname;interval;timestamp;IFACE;rxpck/s;txpck/s;rxkB/s;txkB/s;rxcmp/s;txcmp/s;rxmcst/s;%ifutil
        web1;60;2026-12-06 18:00:00 UTC;lo;0.00;0.00;9999.00;9999.00;0.00;0.00;0.00;0.00
        web1;60;2026-12-06 18:00:00 UTC;eth0;10.00;10.00;100.00;25.00;0.00;0.00;0.00;0.01
        web1;60;2026-12-06 18:00:00 UTC;eth1;10.00;10.00;0.00;125.00;0.00;0.00;0.00;0.01
        # hostname;interval;timestamp;tps;rtps;wtps;dtps;bread/s;bwrtn/s;bdscd/s
        web1;60;2026-12-06 18:00:00 UTC;38.00;30.00;8.00;0.00;440.00;112.00;0.00
        """;

    [Fact]
    public void Cpu_memory_disk_and_network_sections_become_the_four_metrics_in_trace_units()
    {
        using var dir = new TempFolder();
        var result = SadfReader.Read([dir.Write("web1.txt", Sadf126)]);

        result.Errors.ShouldBeEmpty();
        var m = result.Value!;
        m.SeriesNames.ShouldBe(["web1"]);
        // busy = 100 − %idle − %iowait − %steal
        m.Of("web1", Metric.Cpu).Select(s => s.Value).ShouldBe([30.0, 50.0]);
        m.Of("web1", Metric.Cpu).First().UnixSeconds.ShouldBe(new DateTimeOffset(2026, 12, 6, 18, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds());
        // kbmemused in KiB → MiB (sysstat ≥ 11.5 with kbavail: buffers and cache are already out)
        m.Of("web1", Metric.Memory).Select(s => s.Value).ShouldBe([2048.0, 1024.0]);
        // sda + nvme0n1; partitions and device-mapper are counted by the disk below them. kB = 1,024 bytes, MB/s decimal.
        m.Of("web1", Metric.Disk).Single().Value.ShouldBe((1500 + 2000) * 1024 / 1e6, 1e-9);
        // eth0 + eth1, not lo: (100 + 25 + 125) kB/s × 1024 × 8 / 10^6 Mbps
        m.Of("web1", Metric.Network).Single().Value.ShouldBe(250 * 1024 * 8 / 1e6, 1e-9);
        m.Skipped.ShouldHaveSingleItem().ShouldContain("tps;rtps;wtps;dtps");
        m.Read[0].ShouldBe("web1.txt: 8 rows used, 4 rows left to others (one processor, a partition, a virtual device or interface, loopback), 1 rows of other sections left out");
    }

    [Fact]
    public void Old_sysstat_memory_takes_buffers_and_cache_out_and_sectors_are_512_bytes()
    {
        using var dir = new TempFolder();
        var file = dir.Write("old.txt", """
            # hostname;interval;timestamp;kbmemfree;kbmemused;%memused;kbbuffers;kbcached;kbcommit;%commit
            db1;600;2013-09-01 00:10:01 UTC;100;4194304;97.0;1048576;1048576;0;0
            # hostname;interval;timestamp;DEV;tps;rd_sec/s;wr_sec/s;avgrq-sz;avgqu-sz;await;svctm;%util
            db1;600;2013-09-01 00:10:01 UTC;dev8-0;1.0;2000.0;0.0;0;0;0;0;0
            # hostname;interval;timestamp;CPU;%user;%nice;%system;%iowait;%steal;%idle
            db1;600;2013-09-01 00:10:01 UTC;all;1,5;0,0;0,5;0,0;0,0;98,0
            """);

        var m = SadfReader.Read([file]).Value!;

        m.Of("db1", Metric.Memory).Single().Value.ShouldBe(2048);
        m.Of("db1", Metric.Disk).Single().Value.ShouldBe(2000 * 512 / 1e6, 1e-9);
        m.Of("db1", Metric.Cpu).Single().Value.ShouldBe(2.0, 1e-9); // decimal commas of a German region
    }

    [Fact]
    public void Per_processor_rows_are_left_to_the_all_processor_row()
    {
        using var dir = new TempFolder();
        var file = dir.Write("p.txt", """
            # hostname;interval;timestamp;CPU;%user;%nice;%system;%iowait;%steal;%idle
            h;60;1700000000;-1;10;0;0;0;0;90
            h;60;1700000000;0;90;0;0;0;0;10
            h;60;1700000000;1;0;0;0;0;0;100
            """);

        var m = SadfReader.Read([file]).Value!;

        m.Of("h", Metric.Cpu).Single().Value.ShouldBe(10);
    }

    [Fact]
    public void Errors_name_the_file_line_and_column()
    {
        using var dir = new TempFolder();
        var file = dir.Write("bad.txt", """
            # hostname;interval;timestamp;CPU;%user;%nice;%system;%iowait;%steal;%idle
            h;60;yesterday;-1;10;0;0;0;0;90
            h;60;1700000000;-1;10;0;0;0;0
            h;60;1700000060;-1;10;0;0;0;0;lots
            """);

        var result = SadfReader.Read([file]);

        result.Succeeded.ShouldBeFalse();
        result.Errors.Select(e => e.ToString()).ShouldBe([
            $"{file}:2:6: '{"yesterday"}' is not a time: sadf -d prints 'YYYY-MM-DD hh:mm:ss UTC' (or seconds with -U)",
            $"{file}:3:1: the row has 9 fields where its header has 10: the file is cut or mixed",
            $"{file}:4:31: %idle 'lots' is not a number",
        ]);
    }

    [Fact]
    public void Plain_sar_output_is_refused_with_what_to_run_instead()
    {
        using var dir = new TempFolder();
        var file = dir.Write("sar.txt", "Linux 6.1.0 (vm) \t12/06/26 \t_x86_64_\t(2 CPU)\n\n18:05:45  CPU  %user\n");

        var result = SadfReader.Read([file]);

        result.Errors.ShouldHaveSingleItem().Message.ShouldStartWith("a row before any '# hostname;interval;timestamp;...' header");
    }

    [Fact]
    public void A_workload_name_replaces_the_host_only_when_the_files_hold_one_host()
    {
        using var dir = new TempFolder();
        var a = dir.Write("a.txt", "# hostname;interval;timestamp;CPU;%user;%nice;%system;%iowait;%steal;%idle\nh1;60;1700000000;-1;10;0;0;0;0;90\n");
        var b = dir.Write("b.txt", "# hostname;interval;timestamp;CPU;%user;%nice;%system;%iowait;%steal;%idle\nh2;60;1700000000;-1;10;0;0;0;0;80\n");

        SadfReader.Read([a], "mail-1").Value!.SeriesNames.ShouldBe(["mail-1"]);
        SadfReader.Read([a, b]).Value!.SeriesNames.ShouldBe(["h1", "h2"]);
        SadfReader.Read([a, b], "mail-1").Errors.ShouldHaveSingleItem().Message.ShouldStartWith("the files hold 2 hosts (h1, h2)");
    }

    [Fact]
    public void What_is_written_reads_back_as_a_long_csv_trace()
    {
        using var dir = new TempFolder();
        var m = SadfReader.Read([dir.Write("web1.txt", Sadf126)]).Value!;
        var csv = dir.File("out.csv");
        using (var w = new StreamWriter(csv))
        {
            CsvLongWriter.Write(w, m.Samples);
        }

        var back = TraceImporter.Import(csv);

        back.Errors.ShouldBeEmpty();
        back.Value!.Set.Names.ShouldBe(["web1"]);
        back.Value.Set.StepSeconds.ShouldBe(60);
        back.Value.Set.Values(0, Metric.Cpu).ToArray().ShouldBe([30f, 50f]);
    }

    [Fact]
    public void A_truncated_gzip_file_is_a_diagnostic_not_a_crash()
    {
        using var dir = new TempFolder();
        var whole = File.ReadAllBytes(dir.WriteGzip("web1.txt.gz", Sadf126));
        var cut = dir.File("cut.txt.gz");
        File.WriteAllBytes(cut, whole[..(whole.Length - 12)]);

        var result = SadfReader.Read([cut]);

        result.Errors.ShouldHaveSingleItem().Message.ShouldStartWith("the file cannot be read: ");
    }

    [Fact]
    public void Damaged_files_give_diagnostics_never_exceptions()
    {
        using var dir = new TempFolder();
        for (var seed = 0; seed < 300; seed++)
        {
            var (bytes, what) = new SeededMutator(seed).Mutate(Sadf126);
            var file = dir.File($"m{seed}.txt");
            File.WriteAllBytes(file, bytes);

            var result = Should.NotThrow(() => SadfReader.Read([file]), what);

            (result.Succeeded || result.Errors.Count > 0).ShouldBeTrue(what);
        }
    }
}
