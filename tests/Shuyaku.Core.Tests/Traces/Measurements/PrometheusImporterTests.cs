using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Core.Traces;
using Shuyaku.Core.Traces.Measurements;

namespace Shuyaku.Core.Tests.Traces.Measurements;

public sealed class PrometheusImporterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Answers every range query with one series per instance, and records the queries.</summary>
    private sealed class FakeServer(Func<Uri, (HttpStatusCode, string)> answer) : HttpMessageHandler
    {
        public List<Uri> Asked { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Asked.Add(request.RequestUri!);
            var (status, body) = answer(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    private static string Matrix(params (string Instance, (long T, string V)[] Values)[] series) =>
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" +
        string.Join(",", series.Select(s => $"{{\"metric\":{{\"instance\":\"{s.Instance}\"}},\"values\":[" + string.Join(",", s.Values.Select(v => $"[{v.T},\"{v.V}\"]")) + "]}")) +
        "]}}";

    private static long Arg(Uri uri, string name) =>
        long.Parse(uri.Query.TrimStart('?').Split('&').Single(p => p.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_long_range_is_asked_in_pages_of_ten_thousand_steps_and_every_sample_kept()
    {
        var server = new FakeServer(uri =>
        {
            var start = Arg(uri, "start");
            var end = Arg(uri, "end");
            var step = Arg(uri, "step");
            var values = new List<(long, string)>();
            for (var t = start; t <= end; t += step)
            {
                values.Add((t, "12.5"));
            }

            return (HttpStatusCode.OK, Matrix(("10.0.0.5:9100", values.ToArray())));
        });
        using var http = new HttpClient(server);
        var query = new PrometheusQuery(new Uri("http://prom.test:9090/"), T0, T0.AddSeconds(25_000 * 60 - 60), TimeSpan.FromMinutes(1));

        var result = await PrometheusImporter.ImportAsync(http, query);

        result.Errors.ShouldBeEmpty();
        server.Asked.Count.ShouldBe(4 * 3); // four metrics, 25,000 steps in pages of 10,000
        server.Asked.Select(u => Arg(u, "end") - Arg(u, "start")).Max().ShouldBe((10_000 - 1) * 60);
        var m = result.Value!;
        m.SeriesNames.ShouldBe(["10.0.0.5"]);
        m.Of("10.0.0.5", Metric.Cpu).Count().ShouldBe(25_000);
        Uri.UnescapeDataString(server.Asked[0].Query).ShouldContain("rate(node_cpu_seconds_total{mode=~\"idle|iowait|steal\"}[120s])");
    }

    [Fact]
    public async Task A_map_names_the_series_and_instances_outside_it_are_reported_left_out()
    {
        var server = new FakeServer(_ => (HttpStatusCode.OK, Matrix(("10.0.0.5:9100", [(1800000000, "1")]), ("10.0.0.6:9100", [(1800000000, "2")]))));
        using var http = new HttpClient(server);
        var map = new Dictionary<string, string> { ["10.0.0.5:9100"] = "mail-1" };

        var m = (await PrometheusImporter.ImportAsync(http, new PrometheusQuery(new Uri("http://p/"), T0, T0, TimeSpan.FromMinutes(5), Map: map))).Value!;

        m.SeriesNames.ShouldBe(["mail-1"]);
        m.Skipped.ShouldBe(["instance '10.0.0.6:9100' is not in the map: left out"]);
    }

    [Fact]
    public async Task An_error_answer_is_reported_with_what_prometheus_said()
    {
        var server = new FakeServer(_ => (HttpStatusCode.BadRequest, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"exceeded maximum resolution of 11,000 points per timeseries\"}"));
        using var http = new HttpClient(server);

        var result = await PrometheusImporter.ImportAsync(http, new PrometheusQuery(new Uri("http://p/"), T0, T0.AddHours(1), TimeSpan.FromMinutes(1)));

        result.Errors.Single().ToString().ShouldBe("http://p/:1:1: the server answered 400 Bad Request: exceeded maximum resolution of 11,000 points per timeseries");
    }

    [Fact]
    public async Task An_unreachable_server_is_one_clear_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        var result = await PrometheusImporter.ImportAsync(http, new PrometheusQuery(new Uri($"http://127.0.0.1:{port}/"), T0, T0.AddHours(1), TimeSpan.FromMinutes(1)));

        result.Errors.Single().Message.ShouldStartWith("cannot reach the server: Connection refused");
    }

    [Fact]
    public void A_map_file_with_a_duplicate_instance_is_refused_with_its_line()
    {
        using var dir = new TempFolder();
        var path = dir.Write("map.csv", "instance,workload\n10.0.0.5:9100,mail-1\n10.0.0.5:9100,mail-2\n");

        PrometheusImporter.ReadMap(path).Errors.Single().ToString().ShouldBe($"{path}:3:1: instance '10.0.0.5:9100' is mapped twice");
    }

    [PrometheusFact]
    public async Task Real_node_exporter_series_scraped_by_a_real_prometheus_are_imported()
    {
        using var dir = new TempFolder();
        var exporterPort = FreePort();
        var prometheusPort = FreePort();
        dir.Write("prometheus.yml", $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: node
                static_configs:
                  - targets: ['127.0.0.1:{exporterPort}']
            """);
        var started = TimeProvider.System.GetUtcNow();
        using var exporter = Start(PrometheusFactAttribute.NodeExporter, $"--web.listen-address=127.0.0.1:{exporterPort} --collector.disable-defaults --collector.cpu --collector.meminfo --collector.diskstats --collector.netdev");
        using var prometheus = Start(PrometheusFactAttribute.Prometheus, $"--config.file={dir.File("prometheus.yml")} --storage.tsdb.path={dir.File("data")} --web.listen-address=127.0.0.1:{prometheusPort}");
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var url = new Uri($"http://127.0.0.1:{prometheusPort}/");
            // Wait, at most 40 s, for five scrapes of node_exporter.
            var ready = false;
            for (var i = 0; i < 400 && !ready; i++)
            {
                try
                {
                    var body = await http.GetStringAsync(new Uri(url, "api/v1/query?query=" + Uri.EscapeDataString("count_over_time(node_memory_MemTotal_bytes[1m])")));
                    ready = body.Contains("\"value\":[", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.Match(body, "\"([0-9]+)\"\\]").Groups[1].Value is { Length: > 0 } n && int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) >= 5;
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                if (!ready)
                {
                    await Task.Delay(100);
                }
            }

            ready.ShouldBeTrue("Prometheus did not scrape node_exporter five times within 40 s");
            var result = await PrometheusImporter.ImportAsync(http, new PrometheusQuery(url, started, TimeProvider.System.GetUtcNow(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)));

            result.Errors.ShouldBeEmpty();
            var m = result.Value!;
            m.SeriesNames.ShouldBe(["127.0.0.1"]);
            var cpu = m.Of("127.0.0.1", Metric.Cpu).ToList();
            cpu.Count.ShouldBeGreaterThanOrEqualTo(2);
            cpu.ShouldAllBe(s => s.Value >= 0 && s.Value <= 100);
            m.Of("127.0.0.1", Metric.Memory).ShouldAllBe(s => s.Value > 1 && s.Value < 16 * 1024 * 1024);
            m.Of("127.0.0.1", Metric.Memory).Count().ShouldBeGreaterThanOrEqualTo(3);
            m.Of("127.0.0.1", Metric.Network).Count().ShouldBeGreaterThanOrEqualTo(2);
        }
        finally
        {
            Stop(prometheus);
            Stop(exporter);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static Process Start(string file, string arguments) =>
        Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // it has gone
        }
    }
}

/// <summary>Runs a test only where Debian's prometheus and prometheus-node-exporter are installed (.ci/apt-packages lists them).</summary>
public sealed class PrometheusFactAttribute : FactAttribute
{
    public const string Prometheus = "/usr/bin/prometheus";
    public const string NodeExporter = "/usr/bin/prometheus-node-exporter";

    public PrometheusFactAttribute()
    {
        if (!File.Exists(Prometheus) || !File.Exists(NodeExporter))
        {
            Skip = "prometheus or prometheus-node-exporter is not installed: apt-get install -y prometheus prometheus-node-exporter (listed in .ci/apt-packages).";
        }
    }
}
