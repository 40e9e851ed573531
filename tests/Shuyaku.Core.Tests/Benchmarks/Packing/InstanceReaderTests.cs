using Shuyaku.Core.Benchmarks.Packing;

namespace Shuyaku.Core.Tests.Benchmarks.Packing;

public sealed class InstanceReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("shuyaku-reader-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_vbp_file_expands_item_types_by_their_multiplicity()
    {
        var path = Write("Bench/classA/a_1.vbp", "2\n10 20\n2\n3 4 2\n5 6 1\n");

        var read = InstanceReader.ReadFile(path);

        read.Errors.ShouldBeEmpty();
        var i = read.Instance!;
        i.Name.ShouldBe("a_1");
        i.Class.ShouldBe("Bench/classA");
        i.Capacity.ShouldBe([10L, 20L]);
        i.Items.ShouldBe(3);
        i.Sizes.ShouldBe([3L, 4, 3, 4, 5, 6]);
    }

    [Fact]
    public void A_bpplib_file_with_crlf_line_ends_reads_count_capacity_and_sizes()
    {
        var path = Write("Set/s1.txt", "3\r\n100\r\n60\r\n50\r\n40\r\n");

        var i = InstanceReader.ReadFile(path).Instance!;

        i.Class.ShouldBe("Set");
        i.Capacity.ShouldBe([100L]);
        i.Sizes.ShouldBe([60L, 50, 40]);
        var problem = i.ToProblem();
        problem.Items.ShouldBe(3);
        problem.Failures.ShouldBe(0);
        problem.Spread.ShouldBeEmpty();
    }

    [Fact]
    public void A_size_that_is_not_a_number_is_reported_with_file_and_line()
    {
        var path = Write("bad.txt", "3\n100\n60\nsixty\n40\n");

        var read = InstanceReader.ReadFile(path);

        read.Succeeded.ShouldBeFalse();
        read.Errors.Single().ToString().ShouldBe($"{path}:4:1: 'sixty' is not a whole number; expected the size of item 2 of 3");
    }

    [Fact]
    public void A_file_that_ends_early_or_has_an_item_larger_than_a_bin_is_rejected()
    {
        var shortFile = Write("short.txt", "3\n100\n60\n");
        var tooBig = Write("big.vbp", "1\n10\n1\n11 1\n");

        InstanceReader.ReadFile(shortFile).Errors.Single().Message.ShouldBe("the file ends where the size of item 2 of 3 was expected");
        var big = InstanceReader.ReadFile(tooBig).Errors.Single();
        big.Line.ShouldBe(4);
        big.Message.ShouldBe("item type 1 has size 11 in dimension 1, more than the capacity 10; no bin can hold it");
    }

    [Fact]
    public void Negative_vector_sizes_are_read_as_published_and_keep_bounds_valid()
    {
        // Caprara-style: (6, 5) + (6, 5) + (-2, 0) fill a bin of (10, 10) exactly, so "two items above half" proves nothing.
        var path = Write("neg.vbp", "2\n10 10\n2\n6 5 2\n-2 0 1\n");

        var instance = InstanceReader.ReadFile(path).Instance!;
        instance.Sizes.ShouldBe([6L, 5, 6, 5, -2, 0]);
        var result = Shuyaku.Core.Placement.PlacementSolver.Solve(instance.ToProblem());

        result.Bound.Value.ShouldBe(1);
        result.Solution!.HostCount.ShouldBe(1);
    }

    [Fact]
    public void Extra_numbers_after_the_announced_items_are_an_error()
    {
        var path = Write("extra.txt", "2\n100\n60\n50\n40\n");

        InstanceReader.ReadFile(path).Errors.Single().Line.ShouldBe(5);
    }

    [Fact]
    public void A_folder_expands_to_its_instance_files_in_order()
    {
        Write("f/b.txt", "1\n10\n5\n");
        Write("f/a.vbp", "1\n10\n1\n5 1\n");
        Write("f/README.txt", "not an instance");

        InstanceReader.Expand(Path.Combine(_dir, "f")).Select(Path.GetFileName).ShouldBe(["a.vbp", "b.txt"]);
    }
}
