using System.IO.Compression;
using System.Text;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Traces;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Traces;

/// <summary>
/// Damaged traces of every format, from a fixed seed: each must be read into series or into diagnostics, never an
/// exception, and whatever is read must hold only finite values of zero or more on a grid whose times can be printed.
/// </summary>
public sealed class TraceReaderFuzzTests
{
    private const int CasesPerFormat = 100;

    /// <summary>The last second DateTimeOffset can show (9999-12-31 23:59:59 UTC).</summary>
    private const long LastPrintableSecond = 253_402_300_799;

    private const string Long = "workload,timestamp,metric,value\nweb1,2013-09-01T00:00:00Z,cpu,10\nweb1,2013-09-01T00:05:00Z,cpu,20\n" +
        "web1,2013-09-01T00:00:00Z,memory,512\n\"db, main\",1377993900,cpu,40\ndb,1377994200,network,3.5\n";

    private const string Wide = "timestamp,web1,web2,db1\n1377993600,10,4,22\n1377993900,,5,21\n1377994200,30,6,25\n";

    private const string PlanetLab = "12\n0\n99\n45\n7\n";

    private const string Bitbrains = "Timestamp [ms];\tCPU cores;\tCPU usage [%];\tMemory usage [KB];\tDisk read throughput [KB/s];\tDisk write throughput [KB/s];\t" +
        "Network received throughput [KB/s];\tNetwork transmitted throughput [KB/s]\n" +
        "1377986400;\t2;\t4.1;\t524288;\t10;\t30;\t100;\t25\n1377986700;\t2;\t6;\t1048576;\t0;\t0;\t0;\t0\n1377987000;\t2;\t5;\t1048576;\t0;\t0;\t1;\t1\n";

    [Fact]
    public void Damaged_long_CSV_traces_give_series_or_diagnostics() =>
        Fuzz(20260601, Long, (dir, bytes, _) => dir.WriteBytes("t.csv", bytes), "t.csv", [TraceFormat.CsvLong, null]);

    [Fact]
    public void Damaged_wide_CSV_traces_give_series_or_diagnostics() =>
        Fuzz(20260602, Wide, (dir, bytes, _) =>
        {
            dir.WriteBytes("w/cpu.csv", bytes);
            dir.Write("w/memory.csv", "timestamp,web1\n1377993600,512\n");
        }, "w", [TraceFormat.CsvWide, null]);

    [Fact]
    public void Damaged_PlanetLab_traces_give_series_or_diagnostics() =>
        Fuzz(20260603, PlanetLab, (dir, bytes, _) =>
        {
            dir.Write("day/a", "10\n20\n30\n");
            dir.WriteBytes("day/b", bytes);
        }, "day", [TraceFormat.PlanetLab, null]);

    [Fact]
    public void Damaged_Bitbrains_traces_gzip_or_not_give_series_or_diagnostics() =>
        Fuzz(20260604, Bitbrains, (dir, bytes, random) =>
        {
            dir.Write("rnd/1.csv", Bitbrains);
            dir.WriteBytes("rnd/2.csv.gz", random.Next(3) switch
            {
                0 => bytes,
                1 => Gzip(bytes),
                _ => Gzip(bytes)[..random.Next(Gzip(bytes).Length + 1)],
            });
        }, "rnd", [TraceFormat.Bitbrains, null]);

    private static void Fuzz(int seed, string valid, Action<FuzzFolder, byte[], Random> write, string path, TraceFormat?[] formats)
    {
        var mutator = new SeededMutator(seed);
        var random = new Random(seed);
        for (var i = 0; i < CasesPerFormat; i++)
        {
            var (bytes, what) = mutator.Mutate(valid);
            bytes.Length.ShouldBeLessThan(64 * 1024, "each case stays small, so each read is bounded");
            using var dir = new FuzzFolder();
            write(dir, bytes, random);
            var format = formats[i % formats.Length];
            var where = $"case {i} of seed {seed} ({what}, format {format?.ToString() ?? "detected"}): {Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 300)])}";

            ReadResult<TraceImport> result;
            try
            {
                result = TraceImporter.Import(dir.File(path), format);
            }
            catch (Exception e)
            {
                throw new ShouldAssertException($"{where}\nthrew {e}");
            }

            if (result.Succeeded)
            {
                AllValuesFiniteAndPrintable(result.Value!.Set, where);
            }
            else
            {
                result.Errors.ShouldNotBeEmpty(where);
                result.Errors.ShouldAllBe(e => e.Message.Length > 0, where);
            }
        }
    }

    private static void AllValuesFiniteAndPrintable(TraceSet set, string where)
    {
        set.Length.ShouldBeGreaterThan(0, where);
        if (set.AbsoluteTime)
        {
            set.Start.ShouldBeGreaterThanOrEqualTo(0, where);
            set.TimeOf(set.Length - 1).ShouldBeLessThanOrEqualTo(LastPrintableSecond, where);
        }

        for (var s = 0; s < set.Count; s++)
        {
            foreach (var metric in Enum.GetValues<Metric>())
            {
                foreach (var v in set.Values(s, metric))
                {
                    (float.IsNaN(v) || (float.IsFinite(v) && v >= 0)).ShouldBeTrue($"{where}\n{set.Names[s]} {metric} holds {v}");
                }
            }
        }
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>A temporary folder that takes raw bytes as well as text.</summary>
    private sealed class FuzzFolder : IDisposable
    {
        private readonly TempFolder _folder = new();

        public string File(string relative) => _folder.File(relative);

        public void Write(string relative, string text) => _folder.Write(relative, text);

        public void WriteBytes(string relative, byte[] bytes)
        {
            var path = _folder.File(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            System.IO.File.WriteAllBytes(path, bytes);
        }

        public void Dispose() => _folder.Dispose();
    }
}
