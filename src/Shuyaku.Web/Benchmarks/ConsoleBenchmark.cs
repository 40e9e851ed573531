using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Traces;
using Shuyaku.Web.Guests;
using Shuyaku.Web.Localization;
using Shuyaku.Web.Storage;

namespace Shuyaku.Web.Benchmarks;

/// <summary>How big the console benchmark is: guests stored, users signed in, requests each user makes.</summary>
/// <param name="Guests">Guests stored (one estate with that many workloads), each with 14 measured days.</param>
/// <param name="Users">Users signed in, each making its requests at the same time as the others.</param>
/// <param name="Requests">Requests each user makes after one warm-up round, in turn to each endpoint.</param>
public sealed record ConsoleBenchOptions(int Guests = 10_000, int Users = 50, int Requests = 40);

/// <summary>Latencies of one endpoint on one database, in milliseconds, over every request of every user (nearest rank).</summary>
public sealed record EndpointLatency(string Database, string Endpoint, int Requests, int Errors, double P50, double P95, double P99);

/// <summary>
/// The console's load benchmark (<c>shuyaku bench console</c>): the console in this process on 127.0.0.1, a database with
/// a generated estate of N guests and their measurements, U users signed in, each making R requests in turn to the
/// dashboard, the sprawl view, the guest API and the stylesheet (the baseline: a static answer through the same stack).
/// </summary>
public static partial class ConsoleBenchmark
{
    /// <summary>The endpoints each user asks for in turn; the last is the baseline.</summary>
    public static readonly string[] Endpoints = ["/", "/guests/sprawl", "/api/guests", "/static/console.css"];

    /// <summary>Runs the benchmark on an empty database; <paramref name="progress"/> hears of each step.</summary>
    public static async Task<IReadOnlyList<EndpointLatency>> RunAsync(DatabaseOptions database, string label, ConsoleBenchOptions o, IProgress<string>? progress = null)
    {
        var output = new StringWriter();
        var options = new ConsoleOptions { Database = database, Urls = "http://127.0.0.1:0", Output = output, LoginAttemptsPerMinute = 1_000_000 };
        await using var app = await ConsoleApp.BuildAsync(options);
        await app.StartAsync();
        try
        {
            var baseUrl = ConsoleApp.Addresses(app).Single();
            var store = app.Services.GetRequiredService<ConsoleStore>();
            if (TokenLine().Match(output.ToString()) is not { Success: true } token)
            {
                throw new InvalidOperationException(Texts.Format("web.bench.not-empty", database.Describe()));
            }

            progress?.Report(Texts.Format("web.bench.storing", label, o.Guests));
            using var admin = new BenchClient(baseUrl);
            await admin.PostFormAsync("/setup", "/setup", ("token", token.Groups[1].Value), ("name", "admin"), ("password", BenchInputs.Password));
            var hash = app.Services.GetRequiredService<IPasswordHasher<UserRecord>>().HashPassword(null!, BenchInputs.Password);
            var text = BenchInputs.Estate(o.Guests);
            var read = EstateFit.ReadAndCheck(text, "bench.yaml");
            var estate = await store.AddEstateAsync("admin", read.Value!.Name, "bench.yaml", text, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
                GuestInventory.Of(read.Value!, text));
            await store.AddMeasurementsAsync("admin", estate, "bench.csv", Measurements(read.Value!.Workloads.Select(w => w.Id), GuestQueryText.Today(options.Time)));

            progress?.Report(Texts.Format("web.bench.signing-in", label, o.Users));
            var users = new List<BenchClient>();
            for (var u = 0; u < o.Users; u++)
            {
                await store.CreateUserAsync("admin", $"user{u}", hash, Role.Viewer);
                var client = new BenchClient(baseUrl);
                await client.PostFormAsync("/login", "/login", ("name", $"user{u}"), ("password", BenchInputs.Password));
                users.Add(client);
            }

            try
            {
                progress?.Report(Texts.Format("web.bench.requests", label, o.Users, o.Requests));
                foreach (var user in users)
                {
                    foreach (var e in Endpoints)
                    {
                        await user.TimeAsync(e); // warm-up round, not counted
                    }
                }

                var times = Endpoints.ToDictionary(e => e, _ => new List<double>());
                var errors = Endpoints.ToDictionary(e => e, _ => 0);
                await Task.WhenAll(users.Select((user, u) => Task.Run(async () =>
                {
                    for (var i = 0; i < o.Requests; i++)
                    {
                        var endpoint = Endpoints[(i + u) % Endpoints.Length];
                        var (ms, ok) = await user.TimeAsync(endpoint);
                        lock (times)
                        {
                            times[endpoint].Add(ms);
                            errors[endpoint] += ok ? 0 : 1;
                        }
                    }
                })));
                return Endpoints.Select(e => new EndpointLatency(label, e, times[e].Count, errors[e], Rank(times[e], 0.50), Rank(times[e], 0.95), Rank(times[e], 0.99))).ToList();
            }
            finally
            {
                users.ForEach(u => u.Dispose());
            }
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>The nearest-rank percentile <paramref name="p"/> of <paramref name="values"/>.</summary>
    public static double Rank(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Fourteen measured days up to <paramref name="today"/> per guest: every third idle (peak 2 %), the others busy (peak 40 %).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ActivityDay>> Measurements(IEnumerable<string> names, DateOnly today) =>
        names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => (IReadOnlyList<ActivityDay>)Enumerable.Range(0, 14)
            .Select(d => new ActivityDay(today.AddDays(d - 13), 288, x.i % 3 == 0 ? 1 : 20, x.i % 3 == 0 ? 2 : 40)).ToList(), StringComparer.Ordinal);

    [GeneratedRegex(@"\b([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})$", RegexOptions.Multiline)]
    private static partial Regex TokenLine();

    /// <summary>One user's browser: its own cookies, no redirects followed.</summary>
    private sealed partial class BenchClient(string baseUrl) : IDisposable
    {
        private readonly HttpClient _http = new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseProxy = false })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(120),
        };

        public async Task PostFormAsync(string path, string tokenPage, params (string, string)[] fields)
        {
            var page = await _http.GetStringAsync(tokenPage);
            var token = WebUtility.HtmlDecode(TokenField().Match(page).Groups[1].Value);
            using var response = await _http.PostAsync(path, new FormUrlEncodedContent(fields.Append(("__token", token)).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException(Texts.Format("web.bench.post-failed", path, (int)response.StatusCode));
            }
        }

        /// <summary>GETs <paramref name="path"/> and reads the whole answer; the milliseconds it took and whether it was 200.</summary>
        public async Task<(double Ms, bool Ok)> TimeAsync(string path)
        {
            var clock = Stopwatch.StartNew();
            using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            return (clock.Elapsed.TotalMilliseconds, response.StatusCode == HttpStatusCode.OK);
        }

        public void Dispose() => _http.Dispose();

        [GeneratedRegex("name=\"__token\" value=\"([^\"]+)\"")]
        private static partial Regex TokenField();
    }
}
