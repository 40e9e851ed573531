using Shuyaku.Core.Benchmarks.Packing;

namespace Shuyaku.Core.Tests.Benchmarks.Packing;

public sealed class KnownBoundsTests
{
    private static BinPackingInstance Instance(string path) =>
        new() { Name = Path.GetFileNameWithoutExtension(path), Class = "x", Path = path, Capacity = [10], Sizes = [5] };

    [Fact]
    public void A_bpplib_row_with_equal_bounds_has_that_optimum_and_an_open_row_has_none()
    {
        var (table, errors) = KnownBounds.Parse("b.csv", [
            "instance,set,path,n_items,capacity,best_lb,best_ub,status",
            "u120_00,Falkenauer/Falkenauer_U,instances_bpp_format/Falkenauer/Falkenauer_U/u120_00.txt,120,150,48,48,optimal",
            "ai_1,ANI_AI/AI,instances_bpp_format/ANI_AI/AI/ai_1.txt,1003,65088,332,333,open",
        ]);

        errors.ShouldBeEmpty();
        var solved = table!.Find(Instance("/data/instances_bpp_format/Falkenauer/Falkenauer_U/u120_00.txt"))!;
        solved.Optimum.ShouldBe(48);
        solved.Class.ShouldBe("Falkenauer/Falkenauer_U");
        var open = table.Find(Instance("/data/instances_bpp_format/ANI_AI/AI/ai_1.txt"))!;
        open.Optimum.ShouldBeNull();
        open.LowerBound.ShouldBe(332);
        open.UpperBound.ShouldBe(333);
    }

    [Fact]
    public void Instances_with_the_same_name_in_two_benchmarks_are_told_apart_by_their_path()
    {
        var (table, errors) = KnownBounds.Parse("v.csv", [
            "instance,benchmark,class,path,dims,optimum,best_known_ub",
            "class6_120_10_1,Panigrahy,class6,instances/Panigrahy/class6/class6_120_10_1.vbp,10,50,55",
            "class6_120_10_1,New,class6,instances/New/class6/class6_120_10_1.vbp,10,,60",
        ]);

        errors.ShouldBeEmpty();
        table!.Find(Instance("/d/instances/Panigrahy/class6/class6_120_10_1.vbp"))!.Optimum.ShouldBe(50);
        var other = table.Find(Instance("/d/instances/New/class6/class6_120_10_1.vbp"))!;
        other.Optimum.ShouldBeNull();
        other.BestHeuristic.ShouldBe(60);
        other.Class.ShouldBe("New/class6");
    }

    [Fact]
    public void A_copy_of_the_instance_tree_under_another_root_still_finds_its_rows()
    {
        var (table, _) = KnownBounds.Parse("v.csv", [
            "instance,benchmark,class,path,dims,optimum,best_known_ub",
            "class6_120_10_1,Panigrahy,class6,instances/Panigrahy/class6/class6_120_10_1.vbp,10,50,55",
            "class6_120_10_1,New,class6,instances/New/class6/class6_120_10_1.vbp,10,48,60",
        ]);

        // "instances" is not part of this path: the benchmark and class folders tell the two rows apart.
        table!.Find(Instance("/tmp/picked/New/class6/class6_120_10_1.vbp"))!.Optimum.ShouldBe(48);
        table.Find(Instance("/tmp/picked/Panigrahy/class6/class6_120_10_1.vbp"))!.Optimum.ShouldBe(50);
        table.Find(Instance("/tmp/flat/class6_120_10_1.vbp")).ShouldBeNull();
    }

    [Fact]
    public void A_header_without_the_needed_columns_is_rejected()
    {
        var (table, errors) = KnownBounds.Parse("x.csv", ["name,opt", "a,3"]);

        table.ShouldBeNull();
        errors.Single().ToString().ShouldBe("x.csv:1:1: the header has the columns name, opt; it needs instance and optimum, or instance, best_lb and best_ub");
    }

    [Fact]
    public void A_bound_that_is_not_a_number_is_reported_with_its_line()
    {
        var (_, errors) = KnownBounds.Parse("x.csv", ["instance,optimum", "a,3", "b,three"]);

        errors.Single().ToString().ShouldBe("x.csv:3:1: column optimum is 'three', not a whole number");
    }
}
