using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests.Commands;

public sealed class BenchPackingCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("shuyaku-bench-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Error) Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var error = new StringWriter();
        var code = ShuyakuCli.Run(args, new CliContext(console, error, _dir));
        return (code, console.Output, error.ToString());
    }

    [Fact]
    public void Bench_packing_solves_instances_beside_first_fit_decreasing_and_writes_a_csv_row_each()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "set"));
        File.WriteAllText(Path.Combine(_dir, "set", "a.txt"), "6\n10\n6\n6\n6\n4\n4\n4\n");
        File.WriteAllText(Path.Combine(_dir, "set", "b.txt"), "4\n10\n5\n5\n5\n5\n");
        File.WriteAllText(Path.Combine(_dir, "bounds.csv"), "instance,best_lb,best_ub\na,3,3\nb,2,2\n");

        var (code, output, error) = Run("bench", "packing", "set", "--bounds", "bounds.csv", "--time-limit", "5", "--csv", "out/rows.csv");

        error.ShouldBeEmpty();
        code.ShouldBe(0);
        output.ShouldContain("set");
        output.ShouldContain("100.0%");
        var rows = File.ReadAllLines(Path.Combine(_dir, "out", "rows.csv"));
        rows[0].ShouldBe("instance,class,n,d,optimum,known_lb,known_ub,best_known_ub,ffd,ours,lower_bound,proven,seconds,method");
        rows.Length.ShouldBe(3);
        rows[1].ShouldStartWith("a,set,6,1,3,3,3,,3,3,3,1,");
        rows[2].ShouldStartWith("b,set,4,1,2,2,2,,2,2,2,1,");
    }

    [Fact]
    public void Bench_packing_perfect_generates_instances_whose_optimum_is_their_bin_count()
    {
        var (code, output, error) = Run(
            "bench", "packing", "--perfect", "--dims", "2,3", "--items-per-bin", "2-4", "--bins", "4", "--seeds", "1,2", "--capacity", "50",
            "--time-limit", "5", "--csv", "perfect.csv");

        error.ShouldBeEmpty();
        code.ShouldBe(0);
        output.ShouldContain("perfect/d2");
        output.ShouldContain("perfect/d3");
        var rows = File.ReadAllLines(Path.Combine(_dir, "perfect.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        rows.Select(r => r[0]).ShouldBe(["perfect_d2_b4_k2-4_s1", "perfect_d2_b4_k2-4_s2", "perfect_d3_b4_k2-4_s1", "perfect_d3_b4_k2-4_s2"]);
        foreach (var r in rows)
        {
            r[4].ShouldBe("4");
            int.Parse(r[9]).ShouldBeGreaterThanOrEqualTo(4);
        }
    }

    [Fact]
    public void Bench_packing_without_paths_or_perfect_and_bad_perfect_options_are_bad_input()
    {
        var (code, _, error) = Run("bench", "packing");
        code.ShouldBe(2);
        error.ShouldContain("give instance files or folders, or --perfect to generate instances");

        (code, _, error) = Run("bench", "packing", "--perfect", "--items-per-bin", "5-2x");
        code.ShouldBe(2);
        error.ShouldContain("--items-per-bin '5-2x' must be a range of counts of at least 1, such as 2-8.");
    }

    [Fact]
    public void A_malformed_instance_is_reported_with_file_and_line_and_exit_code_2()
    {
        File.WriteAllText(Path.Combine(_dir, "bad.txt"), "2\n10\n5\nfive\n");

        var (code, _, error) = Run("bench", "packing", "bad.txt");

        code.ShouldBe(2);
        error.ShouldContain($"{Path.Combine(_dir, "bad.txt")}:4:1: error: 'five' is not a whole number; expected the size of item 2 of 2");
        error.ShouldNotContain("   at ");
    }

    [Fact]
    public void A_missing_path_or_bounds_file_is_bad_input()
    {
        var (code, _, error) = Run("bench", "packing", "nowhere", "--bounds", "none.csv");

        code.ShouldBe(2);
        error.ShouldContain("nowhere: error: no such file, or a folder without .vbp / .txt instance files");
        error.ShouldContain("none.csv: error: cannot read the file");
    }

    [Fact]
    public void Bench_scale_plans_a_synthetic_estate_and_reports_hosts_bound_and_gap()
    {
        var (code, output, error) = Run("bench", "scale", "--workloads", "7000", "--failures", "1", "--time-limit", "2");

        error.ShouldBeEmpty();
        code.ShouldBe(0);
        output.ShouldContain("7000");
        output.ShouldContain("N+1");
        output.ShouldContain("N+1 by spare hosts");
    }

    [Fact]
    public void Bench_options_out_of_range_are_rejected()
    {
        Run("bench", "scale", "--failures", "5").Code.ShouldNotBe(0);
        Run("bench", "packing", "x", "--time-limit", "0").Code.ShouldNotBe(0);
    }

    [Fact]
    public void Bench_packing_runs_on_a_handful_of_published_instances_when_the_shared_data_is_there()
    {
        var data = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data"));
        if (!Directory.Exists(Path.Combine(data, "vbp")) || !Directory.Exists(Path.Combine(data, "bpplib")))
        {
            // The published instances may not be redistributed; without them there is nothing to run.
            return;
        }

        var (code, output, error) = Run(
            "bench", "packing",
            Path.Combine(data, "vbp/instances/Panigrahy/class1/class1_20_3_0.vbp"),
            Path.Combine(data, "vbp/instances/Triplet/Falkenauer/classF_60_3_0.vbp"),
            Path.Combine(data, "bpplib/instances_bpp_format/Falkenauer/Falkenauer_U/Falkenauer_u120_00.txt"),
            Path.Combine(data, "bpplib/instances_bpp_format/Scholl/Scholl_1/N1C1W1_A.txt"),
            "--bounds", Path.Combine(data, "vbp/vbp_bounds.csv"),
            "--bounds", Path.Combine(data, "bpplib/bpplib_bounds.csv"),
            "--time-limit", "3",
            "--csv", "smoke.csv");

        error.ShouldBeEmpty();
        code.ShouldBe(0);
        output.ShouldContain("Panigrahy/class1");
        var rows = File.ReadAllLines(Path.Combine(_dir, "smoke.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        rows.Count.ShouldBe(4);
        foreach (var r in rows)
        {
            // Never better than the proven optimum (that would be a bug), never worse than first-fit decreasing.
            int.Parse(r[9]).ShouldBeGreaterThanOrEqualTo(int.Parse(r[4]));
            int.Parse(r[9]).ShouldBeLessThanOrEqualTo(int.Parse(r[8]));
        }
    }
}
