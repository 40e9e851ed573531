using System.Globalization;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Traces;

/// <summary>PlanetLab/CoMon traces as shipped with CloudSim: one file per VM, one integer CPU % per line, every 300 s.</summary>
internal static class PlanetLabReader
{
    public const int StepSeconds = 300;

    public static void Read(IReadOnlyList<string> files, RawTraces raw, TraceErrors errors)
    {
        TraceText.EachFile(files, errors, file => ReadFile(file, raw, errors));
    }

    private static void ReadFile(string file, RawTraces raw, TraceErrors errors)
    {
        var name = Path.GetFileName(file);
        if (raw.IndexOf(name) >= 0)
        {
            errors.Add(file, 0, 0, Texts.Format("trace.planetlab.twice", name));
            return;
        }

        var series = raw.GetOrAdd(name, file);
        using var reader = TraceText.Open(file);
        var lineNo = 0;
        var samples = 0;
        var blankAt = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null && !errors.Full)
        {
            lineNo++;
            var text = line.Trim();
            if (text.Length == 0)
            {
                blankAt = blankAt == 0 ? lineNo : blankAt;
                continue;
            }

            if (blankAt > 0)
            {
                errors.Add(file, blankAt, 1, Texts.Get("trace.planetlab.empty-line"));
                blankAt = 0;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < 0 || v > 100)
            {
                errors.Add(file, lineNo, 1, Texts.Format("trace.planetlab.not-percentage", Cut(text)));
                samples++;
                continue;
            }

            _ = raw.Add(series, Metric.Cpu, (long)samples * StepSeconds, (float)v);
            samples++;
        }

        if (samples == 0)
        {
            // A VM that did not run in this window: its series is left out, not the whole trace.
            errors.Warn(file, 1, 1, Texts.Format("trace.planetlab.no-samples", name));
        }
    }

    internal static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
