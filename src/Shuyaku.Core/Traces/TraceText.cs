using System.Globalization;
using System.IO.Compression;
using System.Text;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Traces;

/// <summary>Reading helpers shared by the trace readers: gzip detection, field splitting, error collection.</summary>
internal static class TraceText
{
    /// <summary>Opens a text file, decompressing it when it starts with the gzip magic bytes (whatever its name).</summary>
    public static StreamReader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var b1 = stream.ReadByte();
        var b2 = stream.ReadByte();
        stream.Position = 0;
        Stream body = b1 == 0x1f && b2 == 0x8b ? new CheckedGzipStream(stream, path) : stream;
        return new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
    }

    /// <summary>
    /// Decompresses gzip and, at the end, compares the bytes produced with the size the gzip trailer records: .NET's
    /// GZipStream ends a truncated file quietly, which would make a cut-off trace look merely shorter.
    /// </summary>
    private sealed class CheckedGzipStream : Stream
    {
        private readonly GZipStream _gzip;
        private readonly string _path;
        private readonly uint _recordedSize;
        private readonly bool _hasTrailer;
        private long _produced;

        public CheckedGzipStream(FileStream file, string path)
        {
            _path = path;
            // A gzip file ends with CRC32 and ISIZE (the uncompressed size mod 2^32, little-endian); 20 bytes is the least a
            // complete one has (10 of header, 2 for an empty deflate stream, 8 of trailer).
            _hasTrailer = file.Length >= 20;
            if (_hasTrailer)
            {
                Span<byte> size = stackalloc byte[4];
                file.Position = file.Length - 4;
                file.ReadExactly(size);
                _recordedSize = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(size);
                file.Position = 0;
            }

            _gzip = new GZipStream(file, CompressionMode.Decompress);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _produced;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = _gzip.Read(buffer);
            _produced += n;
            if (n == 0 && buffer.Length > 0 && (!_hasTrailer || (uint)_produced != _recordedSize))
            {
                throw new InvalidDataException(Texts.Format(
                    "trace.gzip.damaged", _path, _produced.ToString("N0", CultureInfo.InvariantCulture),
                    _hasTrailer ? _recordedSize.ToString("N0", CultureInfo.InvariantCulture) : Texts.Get("trace.gzip.no-trailer")));
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _gzip.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>The largest sample value read, in the metric's unit: far above any machine, and finite as a float and in sums.</summary>
    public const double MaxValue = 1e15;

    /// <summary>The last second a timestamp may name: 9999-12-31 23:59:59 UTC, the last one a date can show.</summary>
    public const long LastSecond = 253_402_300_799;

    /// <summary>Parses a sample value; null when it is a finite number from 0 to <see cref="MaxValue"/>, else what is wrong with it.</summary>
    public static string? Value(string text, out double value)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value) || value < 0)
        {
            return Texts.Get("trace.value.not-number");
        }

        return value <= MaxValue ? null : Texts.Get("trace.value.too-large");
    }

    /// <summary>What is wrong with a timestamp in seconds, or null when it lies from 0 to <see cref="LastSecond"/>.</summary>
    public static string? TimeRange(double seconds) => seconds switch
    {
        < 0 => Texts.Get("trace.time.negative"),
        > LastSecond => Texts.Get("trace.time.after-9999"),
        _ => null,
    };

    /// <summary>The first line of a file (gzip or not), or null when it is empty or unreadable.</summary>
    public static string? FirstLine(string path)
    {
        try
        {
            using var reader = Open(path);
            return reader.ReadLine();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The series name a file gives: its name without .gz and .csv.</summary>
    public static string SeriesName(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^3];
        }

        if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^4];
        }

        return name;
    }

    /// <summary>Files of a folder, not hidden, ordered numerically when both names are numbers (1, 2, 10) else ordinally.</summary>
    public static List<string> FilesOf(string folder, Func<string, bool> keep)
    {
        var files = Directory.EnumerateFiles(folder)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && keep(f))
            .ToList();
        files.Sort(NaturalOrder);
        return files;
    }

    private static int NaturalOrder(string a, string b)
    {
        var x = SeriesName(a);
        var y = SeriesName(b);
        return long.TryParse(x, out var i) && long.TryParse(y, out var j) && i != j ? i.CompareTo(j) : string.CompareOrdinal(x, y);
    }

    /// <summary>Reads the files one by one until the error list is full.</summary>
    public static void EachFile(IReadOnlyList<string> files, TraceErrors errors, Action<string> read)
    {
        foreach (var file in files)
        {
            if (errors.Full)
            {
                return;
            }

            read(file);
        }
    }

    /// <summary>The lines after the header that are not blank, with their line numbers, until the end or a full error list.</summary>
    public static IEnumerable<(int LineNo, string Line)> Rows(StreamReader reader, TraceErrors errors)
    {
        var lineNo = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null && !errors.Full)
        {
            lineNo++;
            if (line.Trim().Length > 0)
            {
                yield return (lineNo, line);
            }
        }
    }

    /// <summary>Splits on <paramref name="separator"/>, trimming spaces and tabs; a field may be double-quoted ("a,b" and "" for a quote).</summary>
    public static void Split(string line, char separator, List<Field> fields)
    {
        fields.Clear();
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t')
            {
                i++;
            }

            var start = i;
            string text;
            if (i < line.Length && line[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(line[i++]);
                }

                text = sb.ToString();
                while (i < line.Length && line[i] != separator)
                {
                    i++;
                }
            }
            else
            {
                var end = line.IndexOf(separator, i);
                if (end < 0)
                {
                    end = line.Length;
                }

                text = line[i..end].TrimEnd(' ', '\t');
                i = end;
            }

            fields.Add(new Field(text, start + 1));
            if (i >= line.Length)
            {
                return;
            }

            i++; // the separator
        }
    }
}

/// <summary>One field of a line and its 1-based column.</summary>
internal readonly record struct Field(string Text, int Column);

/// <summary>Collects read errors, stopping a read once there are too many to be useful.</summary>
internal sealed class TraceErrors
{
    public const int Limit = 100;

    public List<Diagnostic> Errors { get; } = [];

    public List<Diagnostic> Warnings { get; } = [];

    public bool Full => Errors.Count >= Limit;

    public void Add(string file, int line, int column, string message)
    {
        if (Errors.Count < Limit)
        {
            Errors.Add(new Diagnostic(file, line, column, message));
            if (Errors.Count == Limit)
            {
                Errors.Add(new Diagnostic(file, line, column, Texts.Format("trace.errors.stopped", Limit)));
            }
        }
    }

    public static string FarTime(string text) =>
        Texts.Format("trace.time.far", PlanetLabReader.Cut(text));

    public void Warn(string file, int line, int column, string message) => Warnings.Add(new Diagnostic(file, line, column, message));
}
