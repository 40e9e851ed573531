using Shuyaku.Core.Import.AzureMigrate;
using Shuyaku.Core.Import.RvTools;
using Shuyaku.Core.Tests.Support;
using static Shuyaku.Core.Tests.Import.RvTools.Workbooks;

namespace Shuyaku.Core.Tests.Import.RvTools;

/// <summary>Mangled input gives a diagnostic or an estate, never an exception or a hang (bounded by iterations).</summary>
public sealed class ImportFuzzTests
{
    [Fact]
    public void Truncated_and_corrupted_workbooks_give_a_diagnostic_never_an_exception()
    {
        using var dir = new TempFolder();
        var good = File.ReadAllBytes(Write(dir.File("good.xlsx"), ("vInfo", [Vm("a"), Vm("b")]), ("vHost", [Host("esx-1")])));
        var random = new Random(13);
        for (var i = 0; i < 60; i++)
        {
            var bytes = (byte[])good.Clone();
            if (i % 2 == 0)
            {
                bytes = bytes[..random.Next(0, bytes.Length)];
            }
            else
            {
                for (var k = 0; k < 1 + random.Next(0, 8); k++)
                {
                    bytes[random.Next(0, bytes.Length)] = (byte)random.Next(0, 256);
                }
            }

            var path = dir.File($"m{i}.xlsx");
            File.WriteAllBytes(path, bytes);
            var read = RvToolsImporter.Read(path, false);
            (read.Succeeded || read.Errors.Count > 0).ShouldBeTrue();
            read.Errors.ShouldAllBe(e => e.File == path);
        }
    }

    [Fact]
    public void Wrong_types_huge_values_and_empty_sheets_give_diagnostics_at_their_cells()
    {
        using var dir = new TempFolder();
        var random = new Random(7);
        object?[] values = ["x", -1, 1e300, double.MaxValue, "", true, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), 0, "1,5", "12e4"];
        for (var i = 0; i < 25; i++)
        {
            var vm = Vm($"vm{i}");
            var host = Host("esx-1");
            foreach (var key in vm.Keys.ToList())
            {
                if (random.Next(0, 4) == 0)
                {
                    vm[key] = values[random.Next(0, values.Length)];
                }
            }

            foreach (var key in host.Keys.ToList())
            {
                if (random.Next(0, 4) == 0)
                {
                    host[key] = values[random.Next(0, values.Length)];
                }
            }

            var path = Write(dir.File($"t{i}.xlsx"), ("vInfo", [vm]), ("vHost", [host]), ("vCPU", []));
            var read = RvToolsImporter.Read(path, true);
            (read.Succeeded || read.Errors.Count > 0).ShouldBeTrue();
            read.Errors.ShouldAllBe(e => e.File == path && e.Message.Length > 0);
        }
    }

    [Fact]
    public void Mangled_csv_gives_a_diagnostic_or_an_estate_never_an_exception()
    {
        using var dir = new TempFolder();
        const string good = "Server name,IP addresses,Cores,Memory (In MB),OS name,CPU utilization percentage,Disk 1 size (In GB)\nweb-1,10.0.0.1,4,8192,Ubuntu,25,100\n\"db,2\",,8,16384,Windows,,200\n";
        var random = new Random(5);
        var alphabet = "\",;\t\n\r0123456789.-e%xyz \0";
        for (var i = 0; i < 150; i++)
        {
            var chars = good.ToCharArray().ToList();
            for (var k = 0; k < 1 + random.Next(0, 6); k++)
            {
                var at = random.Next(0, chars.Count);
                switch (random.Next(0, 3))
                {
                    case 0: chars.RemoveAt(at); break;
                    case 1: chars.Insert(at, alphabet[random.Next(0, alphabet.Length)]); break;
                    default: chars[at] = alphabet[random.Next(0, alphabet.Length)]; break;
                }
            }

            var path = dir.Write($"c{i}.csv", new string([.. chars]));
            var read = AzureMigrateImporter.Read(path);
            (read.Succeeded || read.Errors.Count > 0).ShouldBeTrue();
        }
    }
}
