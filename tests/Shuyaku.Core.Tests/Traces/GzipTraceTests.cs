using System.IO.Compression;
using System.Text;
using Shuyaku.Core.Traces;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Traces;

public sealed class GzipTraceTests
{
    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    /// <summary>288 CPU percentages that do not compress to almost nothing, so that half the file is half the data.</summary>
    private static string Day()
    {
        var random = new Random(7);
        return string.Concat(Enumerable.Range(0, 288).Select(_ => $"{random.Next(0, 101)}\n"));
    }

    [Fact]
    public void A_complete_gzip_trace_is_read_whole()
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("a"), Gzip(Day()));

        var result = TraceImporter.Import(dir.File("a"), TraceFormat.PlanetLab);

        result.Errors.ShouldBeEmpty();
        result.Value!.Report.Samples.ShouldBe(288);
    }

    [Fact]
    public void A_truncated_gzip_trace_is_an_error_rather_than_a_shorter_series()
    {
        using var dir = new TempFolder();
        var whole = Gzip(Day());
        File.WriteAllBytes(dir.File("a"), whole[..(whole.Length / 2)]);

        var result = TraceImporter.Import(dir.File("a"), TraceFormat.PlanetLab);

        result.Succeeded.ShouldBeFalse();
        result.Errors.Single().Message.ShouldStartWith($"a file cannot be read: {dir.File("a")} is a truncated or damaged gzip file: it decompresses to ");
    }

    [Fact]
    public void Garbage_after_the_gzip_magic_bytes_is_an_error_about_the_gzip_file()
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("a"), [0x1f, 0x8b, 0x08, 0x00, .. Encoding.ASCII.GetBytes("garbage")]);

        var result = TraceImporter.Import(dir.File("a"), TraceFormat.PlanetLab);

        result.Errors.Single().Message.ShouldContain("is a truncated or damaged gzip file");
    }
}
