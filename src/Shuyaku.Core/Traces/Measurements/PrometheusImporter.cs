using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Traces.Measurements;

/// <summary>What to ask a Prometheus server for.</summary>
/// <param name="Url">The server's base address (http://host:9090/).</param>
/// <param name="From">The first time.</param>
/// <param name="To">The last time.</param>
/// <param name="Step">The time between samples.</param>
/// <param name="Window">The range of <c>rate()</c>; null for twice the step and at least 60 s.</param>
/// <param name="Map">Instance label → workload; null to name each series by the instance's host (the port taken off).</param>
public sealed record PrometheusQuery(Uri Url, DateTimeOffset From, DateTimeOffset To, TimeSpan Step, TimeSpan? Window = null, IReadOnlyDictionary<string, string>? Map = null)
{
    /// <summary>Steps asked for in one request: Prometheus refuses more than 11,000 points per series.</summary>
    public const int StepsPerRequest = 10_000;

    /// <summary>The <c>rate()</c> range used.</summary>
    public TimeSpan RateWindow => Window ?? TimeSpan.FromSeconds(Math.Max(2 * Step.TotalSeconds, 60));
}

/// <summary>
/// Reads node_exporter metrics from a Prometheus server's range API (<c>/api/v1/query_range</c>) as cpu %, memory MiB,
/// disk MB/s and network Mbps per instance; the queries are in docs/import.md.
/// </summary>
public static class PrometheusImporter
{
    /// <summary>The PromQL query for each metric, with <c>$w</c> for the rate window (<see cref="PromQl"/>).</summary>
    public static IReadOnlyList<(Metric Metric, string Query)> Queries => PromQl.Queries;

    /// <summary>
    /// Asks <paramref name="query"/>'s server for the four metrics, <see cref="PrometheusQuery.StepsPerRequest"/> steps a
    /// request; <paramref name="progress"/> hears of each request. An unreachable server, a timeout or an error answer is
    /// a diagnostic naming the address.
    /// </summary>
    public static async Task<ReadResult<MeasurementImport>> ImportAsync(HttpClient http, PrometheusQuery query, IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        var where = query.Url.ToString();
        if (query.Step <= TimeSpan.Zero || query.To < query.From)
        {
            return Fail(where, Texts.Get("trace.prometheus.empty-range"));
        }

        var samples = new Dictionary<(string, long, Metric), double>();
        var read = new List<string>();
        var skipped = new List<string>();
        var unmapped = new SortedSet<string>(StringComparer.Ordinal);
        var window = ((long)Math.Ceiling(query.RateWindow.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
        var step = Math.Max(1, (long)Math.Round(query.Step.TotalSeconds));
        var from = query.From.ToUnixTimeSeconds();
        var to = query.To.ToUnixTimeSeconds();
        foreach (var (metric, template) in Queries)
        {
            var promql = template.Replace("$w", window, StringComparison.Ordinal);
            var points = 0;
            for (var start = from; start <= to; start += step * PrometheusQuery.StepsPerRequest)
            {
                var end = Math.Min(to, start + (step * (PrometheusQuery.StepsPerRequest - 1)));
                progress?.Report(Texts.Format(
                    "trace.prometheus.progress", TraceSet.MetricNames[(int)metric],
                    DateTimeOffset.FromUnixTimeSeconds(start).ToString("u", CultureInfo.InvariantCulture), DateTimeOffset.FromUnixTimeSeconds(end).ToString("u", CultureInfo.InvariantCulture)));
                var uri = new Uri(query.Url, "api/v1/query_range?query=" + Uri.EscapeDataString(promql)
                    + FormattableString.Invariant($"&start={start}&end={end}&step={step}"));
                var (body, error) = await Get(http, uri, cancel).ConfigureAwait(false);
                if (error is not null)
                {
                    return Fail(where, error);
                }

                var parsed = Parse(body!, metric, query.Map, samples, unmapped);
                if (parsed.Error is not null)
                {
                    return Fail(where, parsed.Error);
                }

                points += parsed.Points;
            }

            read.Add(Texts.Format("trace.prometheus.read-metric", TraceSet.MetricNames[(int)metric], points));
        }

        foreach (var instance in unmapped)
        {
            skipped.Add(Texts.Format("trace.prometheus.unmapped", instance));
        }

        if (samples.Count == 0)
        {
            return Fail(where, Texts.Get("trace.prometheus.no-series"));
        }

        var list = MeasurementImport.Ordered(samples.Select(kv => new Sample(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Value)));
        read.Add(Texts.Format("trace.prometheus.read-series", list.Select(s => s.Series).Distinct().Count()));
        return ReadResult<MeasurementImport>.Ok(new MeasurementImport(list, read, skipped), []);
    }

    /// <summary>Reads a map file: CSV with the header <c>instance,workload</c>, one instance a row.</summary>
    public static ReadResult<IReadOnlyDictionary<string, string>> ReadMap(string path)
    {
        if (!File.Exists(path))
        {
            return ReadResult<IReadOnlyDictionary<string, string>>.Failed([new Diagnostic(path, 1, 1, Texts.Get("trace.prometheus.map-missing"))], []);
        }

        var errors = new TraceErrors();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var fields = new List<Field>();
        var lines = File.ReadAllLines(path);
        TraceText.Split(lines.Length > 0 ? lines[0] : "", ',', fields);
        if (fields.Count != 2 || fields[0].Text != "instance" || fields[1].Text != "workload")
        {
            return ReadResult<IReadOnlyDictionary<string, string>>.Failed([new Diagnostic(path, 1, 1, Texts.Get("trace.prometheus.map-header"))], []);
        }

        for (var n = 1; n < lines.Length; n++)
        {
            if (lines[n].Trim().Length == 0)
            {
                continue;
            }

            TraceText.Split(lines[n], ',', fields);
            if (fields.Count != 2 || fields[0].Text.Length == 0 || fields[1].Text.Length == 0)
            {
                errors.Add(path, n + 1, 1, Texts.Get("trace.prometheus.map-row"));
            }
            else if (!map.TryAdd(fields[0].Text, fields[1].Text))
            {
                errors.Add(path, n + 1, fields[0].Column, Texts.Format("trace.prometheus.map-twice", fields[0].Text));
            }
        }

        return errors.Errors.Count > 0
            ? ReadResult<IReadOnlyDictionary<string, string>>.Failed(errors.Errors, [])
            : ReadResult<IReadOnlyDictionary<string, string>>.Ok(map, []);
    }

    private static ReadResult<MeasurementImport> Fail(string where, string message) =>
        ReadResult<MeasurementImport>.Failed([new Diagnostic(where, 1, 1, message)], []);

    private static async Task<(string? Body, string? Error)> Get(HttpClient http, Uri uri, CancellationToken cancel)
    {
        try
        {
            using var response = await http.GetAsync(uri, cancel).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (body, null);
            }

            var said = PrometheusError(body);
            return (null, Texts.Format("trace.prometheus.status", (int)response.StatusCode, response.ReasonPhrase) + (said is null ? "" : $": {said}"));
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException s)
        {
            return (null, Texts.Format("trace.prometheus.unreachable-socket", s.Message));
        }
        catch (HttpRequestException e)
        {
            return (null, Texts.Format("trace.prometheus.unreachable", e.Message));
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            return (null, Texts.Format("trace.prometheus.timeout", http.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)));
        }
    }

    private static string? PrometheusError(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("error", out var e) ? e.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (int Points, string? Error) Parse(
        string body, Metric metric, IReadOnlyDictionary<string, string>? map, Dictionary<(string, long, Metric), double> samples, SortedSet<string> unmapped)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (!root.TryGetProperty("status", out var status) || status.GetString() != "success")
            {
                return (0, Texts.Format("trace.prometheus.not-success", PrometheusError(body) ?? Texts.Get("trace.prometheus.no-status")));
            }

            var points = 0;
            foreach (var series in root.GetProperty("data").GetProperty("result").EnumerateArray())
            {
                if (!series.GetProperty("metric").TryGetProperty("instance", out var inst) || inst.GetString() is not { Length: > 0 } instance)
                {
                    continue;
                }

                string name;
                if (map is null)
                {
                    var colon = instance.LastIndexOf(':');
                    name = colon > 0 && !instance.EndsWith(']') ? instance[..colon] : instance;
                }
                else if (!map.TryGetValue(instance, out name!))
                {
                    unmapped.Add(instance);
                    continue;
                }

                foreach (var pair in series.GetProperty("values").EnumerateArray())
                {
                    var time = (long)Math.Round(pair[0].GetDouble());
                    if (double.TryParse(pair[1].GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0 && v <= 1e15)
                    {
                        samples[(name, time, metric)] = metric == Metric.Cpu ? Math.Clamp(v, 0, 100) : v;
                        points++;
                    }
                }
            }

            return (points, null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return (0, Texts.Format("trace.prometheus.not-json", e.Message));
        }
    }
}
