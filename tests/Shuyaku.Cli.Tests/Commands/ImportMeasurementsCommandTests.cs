using Shuyaku.Cli.Tests.Support;

namespace Shuyaku.Cli.Tests.Commands;

public sealed class ImportMeasurementsCommandTests : CliFolder
{
    private const string Sadf = "# hostname;interval;timestamp;CPU;%user;%nice;%system;%iowait;%steal;%idle\n" +
                                "web1;60;2026-12-06 18:00:00 UTC;-1;20.00;0.00;10.00;5.00;1.00;64.00\n" +
                                "web1;60;2026-12-06 18:01:00 UTC;-1;40.50;0.00;9.50;0.00;0.00;50.00\n";

    [Fact]
    public void Import_sar_writes_a_long_csv_that_simulate_reads_and_says_what_it_read()
    {
        Write("web1.txt", Sadf);

        var (exit, output, error) = Run("import", "sar", "web1.txt", "-o", "out/web1.csv", "--workload", "web-1");

        error.ShouldBeEmpty();
        exit.ShouldBe(ExitCodes.Ok);
        output.ShouldContain("read: host web1 as 'web-1': cpu 2 samples");
        output.ShouldContain("Wrote 2 samples of 1 series to out/web1.csv");
        File.ReadAllText(Path.Combine(Folder, "out", "web1.csv")).ShouldBe(
            "workload,timestamp,metric,value\nweb-1,2026-12-06T18:00:00Z,cpu,30\nweb-1,2026-12-06T18:01:00Z,cpu,50\n");
    }

    [Fact]
    public void A_missing_file_exits_2_and_writes_nothing()
    {
        var (exit, _, error) = Run("import", "perfmon", "nope.csv");

        exit.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("nope.csv:1:1: error: no such file: give the CSV that typeperf -f CSV or relog -f csv wrote");
        File.Exists(Path.Combine(Folder, "traces.csv")).ShouldBeFalse();
    }

    [Fact]
    public void An_output_that_cannot_be_written_exits_3()
    {
        Write("web1.txt", Sadf);
        Write("taken", "a file");

        var (exit, _, error) = Run("import", "sar", "web1.txt", "-o", "taken/x.csv");

        exit.ShouldBe(ExitCodes.OutputFailed);
        error.ShouldStartWith("error: cannot write taken/x.csv:");
    }

    [Theory]
    [InlineData("--url", "ftp://x/", "--from", "now-1h", "--url ftp://x/ is not an http or https address")]
    [InlineData("--url", "http://127.0.0.1:9/", "--from", "yesterday", "--from yesterday / --to now: give ISO 8601")]
    [InlineData("--url", "http://127.0.0.1:9/", "--from", "now-1h", "--step", "5 minutes", "--step 5 minutes is not a duration")]
    [InlineData("--url", "http://127.0.0.1:9/", "--from", "2026-12-01T00:00:00Z", "--to", "2026-12-02T00:00:00Z", "--step", "1ms", "--step 1ms is not a duration of at least 1s")]
    public void Bad_prometheus_options_exit_2_before_any_query(params string[] args)
    {
        var (exit, _, error) = Run(["import", "prometheus", .. args[..^1]]);

        exit.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain(args[^1]);
    }

    [Fact]
    public void An_unreachable_prometheus_exits_2_with_the_address()
    {
        var (exit, _, error) = Run("import", "prometheus", "--url", "http://127.0.0.1:9/", "--from", "now-1h", "--timeout", "5s");

        exit.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("http://127.0.0.1:9/:1:1: error: cannot reach the server");
    }
}

public sealed class ImportDocsExampleTests : CliFolder
{
    [Fact]
    public void The_sar_example_of_the_import_page_prints_what_the_page_shows()
    {
        var root = Shuyaku.Core.Tests.Support.RepositoryPaths.Root;
        Directory.CreateDirectory(Path.Combine(Folder, "examples", "measurements"));
        File.Copy(Path.Combine(root, "examples", "measurements", "web1.sadf.txt"), Path.Combine(Folder, "examples", "measurements", "web1.sadf.txt"));
        var page = File.ReadAllText(Path.Combine(root, "docs", "import.md"));
        const string Command = "shuyaku import sar examples/measurements/web1.sadf.txt --workload kanda-apache-1 -o web1.csv";
        var at = page.IndexOf(Command + "\n```\n```\n", StringComparison.Ordinal);
        at.ShouldBeGreaterThan(0, "docs/import.md lost the sar example");
        var start = at + Command.Length + 9;
        var shown = page[start..page.IndexOf("\n```", start, StringComparison.Ordinal)];

        var (exit, output, error) = Run(Command.Split(' ')[1..]);

        error.ShouldBeEmpty();
        exit.ShouldBe(ExitCodes.Ok);
        output.Replace("\n", " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal).Trim()
            .ShouldBe(shown.Replace("\n", " ", StringComparison.Ordinal).Trim());
    }
}

public sealed class ImportSlbAliasTests : CliFolder
{
    [Fact]
    public void Import_slb_is_import_f5_under_the_name_the_access_docs_use()
    {
        var root = Shuyaku.Core.Tests.Support.RepositoryPaths.Root;
        var config = Path.Combine(root, "examples", "f5", "bigip.conf");

        var f5 = Run("import", "f5", config);
        var slb = Run("import", "slb", config);

        f5.Exit.ShouldBe(ExitCodes.Ok);
        slb.ShouldBe(f5);
    }
}
