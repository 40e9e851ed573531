using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Core.Traces;
using Shuyaku.Core.Traces.Measurements;

namespace Shuyaku.Core.Tests.Localization;

/// <summary>
/// The trace readers (CSV, Bitbrains, the series map) and the measurement readers (sar, perfmon, Prometheus's map) speak
/// Japanese: each error at the same <c>file:line:col</c> as in English, and what they read written to the same bytes.
/// </summary>
public sealed class TraceLanguageTests
{
    private const string Sadf = """
        # hostname;interval;timestamp;CPU;%user;%nice;%system;%iowait;%steal;%idle
        web1;60;2026-12-06 18:00:00 UTC;-1;20.00;0.00;10.00;5.00;1.00;64.00
        web1;60;2026-12-06 18:01:00 UTC;-1;40.50;0.00;9.50;0.00;0.00;50.00
        """;

    [Fact]
    public void A_bad_sar_file_is_reported_in_japanese_at_the_same_place()
    {
        using var dir = new TempFolder();
        var file = dir.Write("web1.txt", Sadf.Replace("2026-12-06 18:01:00 UTC", "2026-12-06 soon", StringComparison.Ordinal));

        var (en, ja) = Both(() => SadfReader.Read([file]).Errors);

        Same(en, ja);
        ja.Single().Message.ShouldBe("'2026-12-06 soon' は時刻ではありません。sadf -d は 'YYYY-MM-DD hh:mm:ss UTC' (-U 付きなら秒) を出力します");
    }

    [Fact]
    public void Sar_samples_are_written_to_the_same_bytes_and_what_was_read_is_said_in_japanese()
    {
        using var dir = new TempFolder();
        var file = dir.Write("web1.txt", Sadf);

        var (en, ja) = Both(() => SadfReader.Read([file]).Value!);

        Csv(ja).ShouldBe(Csv(en));
        en.Read.ShouldBe(["web1.txt: 2 rows used", "host web1: cpu 2 samples"]);
        ja.Read.ShouldBe(["web1.txt: 2 行を使用", "ホスト web1: サンプル数 cpu 2"]);
    }

    [Fact]
    public void A_perfmon_value_that_is_not_a_number_is_reported_in_japanese_at_the_same_place()
    {
        using var dir = new TempFolder();
        var file = dir.Write("web01.csv", """
            "(PDH-CSV 4.0) (Tokyo Standard Time)(-540)","\\WEB01\Processor(_Total)\% Processor Time"
            "12/06/2026 09:00:00.123","12.5"
            "12/06/2026 09:00:15.120","much"
            """);

        var (en, ja) = Both(() => PerfmonReader.Read([file]).Errors);

        Same(en, ja);
        ja.Single().Message.ShouldBe("'much' は 0 以上の数値ではありません");
    }

    [Fact]
    public void A_bad_csv_trace_value_is_reported_in_japanese_at_the_same_place()
    {
        using var dir = new TempFolder();
        var file = dir.Write("t.csv", "workload,timestamp,metric,value\nvm1,1377986400,cpu,lots\n");

        var (en, ja) = Both(() => TraceImporter.Import(file, TraceFormat.CsvLong).Errors);

        Same(en, ja);
        en.Single().Message.ShouldBe("value 'lots' is not a number of zero or more");
        ja.Single().Message.ShouldBe("値 'lots' は 0 以上の数値ではありません");
    }

    [Fact]
    public void A_bitbrains_header_without_cpu_usage_is_refused_in_japanese()
    {
        using var dir = new TempFolder();
        var file = dir.Write("1.csv", "Timestamp [ms];\tCPU cores\n1377986400;\t2\n");

        var (en, ja) = Both(() => TraceImporter.Import(file, TraceFormat.Bitbrains).Errors);

        Same(en, ja);
        ja.Single().Message.ShouldBe("ヘッダに 'CPU usage [%]' がありません。Bitbrains のトレースには 'Timestamp [ms]; CPU cores; ...; CPU usage [%]; ...' のように ';' で区切られた列があります");
    }

    [Fact]
    public void A_prometheus_map_with_an_instance_twice_is_refused_in_japanese()
    {
        using var dir = new TempFolder();
        var file = dir.Write("map.csv", "instance,workload\nweb1:9100,web1\nweb1:9100,web2\n");

        var (en, ja) = Both(() => PrometheusImporter.ReadMap(file).Errors);

        Same(en, ja);
        ja.Single().Message.ShouldBe("インスタンス 'web1:9100' が 2 回対応付けられています");
    }

    private static (T En, T Ja) Both<T>(Func<T> read)
    {
        T en, ja;
        using (Language.Use(Language.English))
        {
            en = read();
        }

        using (Language.Use(Language.Japanese))
        {
            ja = read();
        }

        return (en, ja);
    }

    private static void Same(IReadOnlyList<Diagnostic> en, IReadOnlyList<Diagnostic> ja)
    {
        en.Count.ShouldBe(1, string.Join("\n", en));
        ja.Select(d => (d.File, d.Line, d.Column)).ShouldBe(en.Select(d => (d.File, d.Line, d.Column)));
        ja[0].Message.ShouldNotBe(en[0].Message);
    }

    private static string Csv(MeasurementImport import)
    {
        using var writer = new StringWriter();
        CsvLongWriter.Write(writer, import.Samples);
        return writer.ToString();
    }
}
