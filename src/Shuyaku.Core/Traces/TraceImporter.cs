using System.Globalization;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Traces;

/// <summary>Reads utilisation series from a file or folder in one of the <see cref="TraceFormat"/>s and puts them on one grid.</summary>
public static class TraceImporter
{
    /// <summary>The formats' names on the command line, in <see cref="TraceFormat"/> order.</summary>
    public static readonly string[] FormatNames = ["csv-long", "csv-wide", "planetlab", "bitbrains"];

    /// <summary>The command-line name of a format.</summary>
    public static string Name(TraceFormat format) => FormatNames[(int)format];

    /// <summary>The format of a command-line name, or null for an unknown one.</summary>
    public static TraceFormat? ParseFormat(string text)
    {
        var i = Array.IndexOf(FormatNames, text.ToLowerInvariant());
        return i < 0 ? null : (TraceFormat)i;
    }

    /// <summary>Reads <paramref name="path"/>; with no <paramref name="format"/> it is told from the first line of the first file.</summary>
    public static ReadResult<TraceImport> Import(string path, TraceFormat? format = null, ResampleOptions? options = null)
    {
        options ??= ResampleOptions.Default;
        if (options.StepSeconds is <= 0 || options.MaxFillSteps < 0)
        {
            return Failed(path, Texts.Get("trace.import.bad-step"));
        }

        var isFolder = Directory.Exists(path);
        if (!isFolder && !File.Exists(path))
        {
            return Failed(path, Texts.Get("trace.import.missing"));
        }

        if (format is null)
        {
            format = Detect(path, isFolder);
            if (format is null && isFolder && TraceText.FilesOf(path, _ => true).Count == 0)
            {
                var sub = Directory.EnumerateDirectories(path).Select(Path.GetFileName).Order(StringComparer.Ordinal).FirstOrDefault();
                return Failed(path, sub is null
                    ? Texts.Get("trace.import.empty-folder")
                    : Texts.Format("trace.import.only-folders", sub));
            }

            if (format is null)
            {
                return Failed(path, Texts.Get("trace.import.unknown-format"));
            }
        }

        var files = isFolder ? FilesFor(path, format.Value) : [path];
        if (files.Count == 0)
        {
            var hint = format switch
            {
                TraceFormat.CsvWide => Texts.Get("trace.import.hint.csv-wide"),
                TraceFormat.PlanetLab when Directory.EnumerateDirectories(path).Any() => Texts.Get("trace.import.hint.planetlab-day"),
                TraceFormat.PlanetLab => Texts.Get("trace.import.hint.planetlab"),
                _ => Texts.Format("trace.import.hint.csv", Name(format.Value)),
            };
            return Failed(path, Texts.Format("trace.import.no-trace-files", hint));
        }

        var raw = new RawTraces();
        var errors = new TraceErrors();
        try
        {
            switch (format.Value)
            {
                case TraceFormat.PlanetLab:
                    PlanetLabReader.Read(files, raw, errors);
                    break;
                case TraceFormat.Bitbrains:
                    raw.AbsoluteTime = true;
                    BitbrainsReader.Read(files, raw, errors);
                    break;
                case TraceFormat.CsvLong:
                    raw.AbsoluteTime = CsvTraceReader.ReadLong(files, raw, errors);
                    break;
                case TraceFormat.CsvWide:
                    raw.AbsoluteTime = CsvTraceReader.ReadWide(files, raw, errors);
                    break;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            errors.Add(path, 0, 0, Texts.Format("trace.import.unreadable", e.Message));
        }

        if (errors.Errors.Count > 0)
        {
            return ReadResult<TraceImport>.Failed(errors.Errors, errors.Warnings);
        }

        var step = options.StepSeconds ?? (format == TraceFormat.PlanetLab ? PlanetLabReader.StepSeconds : null);
        return Resampler.Resample(raw, options with { StepSeconds = step }, format.Value, files.Count, path, errors.Warnings);
    }

    /// <summary>The format of <paramref name="path"/>, told from the first line of its first file, or null.</summary>
    public static TraceFormat? Detect(string path, bool isFolder)
    {
        string? first;
        if (isFolder)
        {
            if (FilesFor(path, TraceFormat.CsvWide).Count > 0)
            {
                return TraceFormat.CsvWide;
            }

            // An empty file first (a VM that did not run) says nothing of the format; the first file with a line does.
            first = TraceText.FilesOf(path, _ => true).FirstOrDefault(f => !string.IsNullOrWhiteSpace(TraceText.FirstLine(f)));
        }
        else
        {
            first = path;
        }

        var line = first is null ? null : TraceText.FirstLine(first);
        if (line is null)
        {
            return null;
        }

        if (BitbrainsReader.LooksLikeHeader(line))
        {
            return TraceFormat.Bitbrains;
        }

        if (CsvTraceReader.LooksLikeLong(line))
        {
            return TraceFormat.CsvLong;
        }

        if (CsvTraceReader.LooksLikeWide(line))
        {
            return TraceFormat.CsvWide;
        }

        return double.TryParse(line.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? TraceFormat.PlanetLab : null;
    }

    private static List<string> FilesFor(string folder, TraceFormat format) => format switch
    {
        TraceFormat.PlanetLab => TraceText.FilesOf(folder, _ => true),
        TraceFormat.CsvWide => TraceText.FilesOf(folder, f => IsCsv(f) && CsvTraceReader.WideMetric(f) is not null),
        _ => TraceText.FilesOf(folder, IsCsv),
    };

    private static bool IsCsv(string file) =>
        file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase);

    private static ReadResult<TraceImport> Failed(string path, string message) =>
        ReadResult<TraceImport>.Failed([new Diagnostic(path, 0, 0, message)], []);
}
