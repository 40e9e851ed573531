// Writes cpu.csv beside this file: one synthetic weekday of CPU use for every workload of ../estate.yaml, one sample
// every 5 minutes (288 rows), in the csv-wide layout of docs/traces.md. Run from the repository's root:
//     dotnet run examples/tdu-2006/traces/make-traces.cs
// The case study publishes no measurements, so these are made: each workload follows its service's daily shape
// (web and POP busiest in the lecture hours, mail in the morning and late afternoon, DNS with the web, RADIUS at
// sign-on times, NTP flat) times seeded random noise, scaled so that its mean is the estate's `avg` and its highest
// sample the estate's `peak` (clipped at zero, so a mean can come out a little above `avg`). Fixed seed: the same file
// on every run.
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

var here = Path.GetDirectoryName(Path.GetFullPath("examples/tdu-2006/traces/make-traces.cs"))!;
var estate = File.ReadAllLines(Path.Combine(here, "..", "estate.yaml"));
var pattern = new Regex(@"id: (?<id>[a-z0-9-]+), service: [^,]+, software: (?<sw>[a-zA-Z]+),.*cpu: \{ avg: (?<avg>[0-9.]+)%, p95: [0-9.]+%, peak: (?<peak>[0-9.]+)% \}");
var workloads = estate.Select(l => pattern.Match(l)).Where(m => m.Success)
    .Select(m => (Id: m.Groups["id"].Value, Software: m.Groups["sw"].Value,
        Avg: double.Parse(m.Groups["avg"].Value, CultureInfo.InvariantCulture), Peak: double.Parse(m.Groups["peak"].Value, CultureInfo.InvariantCulture)))
    .ToList();
if (workloads.Count != 70) throw new InvalidOperationException($"expected 70 workloads, read {workloads.Count}");

const int steps = 288;
var start = new DateTimeOffset(2006, 10, 4, 0, 0, 0, TimeSpan.FromHours(9)); // a Wednesday in term, JST
var random = new Random(2006);
var columns = new List<double[]>();
foreach (var w in workloads)
{
    var raw = new double[steps];
    for (var i = 0; i < steps; i++)
    {
        var hour = i / 12.0;
        var noise = Math.Exp(0.45 * Gaussian(random));
        raw[i] = Shape(w.Software, hour) * noise;
    }
    var mean = raw.Average();
    var max = raw.Max();
    columns.Add(raw.Select(r => Math.Max(0, w.Avg + (w.Peak - w.Avg) * (r - mean) / (max - mean))).ToArray());
}

var text = new StringBuilder("timestamp," + string.Join(',', workloads.Select(w => w.Id)) + "\n");
for (var i = 0; i < steps; i++)
{
    text.Append(start.AddMinutes(5 * i).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
    foreach (var c in columns) text.Append(',').Append(c[i].ToString("0.00", CultureInfo.InvariantCulture));
    text.Append('\n');
}
File.WriteAllText(Path.Combine(here, "cpu.csv"), text.ToString());
Console.WriteLine($"wrote {Path.Combine(here, "cpu.csv")}: {workloads.Count} workloads x {steps} samples");

static double Bump(double hour, double centre, double width) => Math.Exp(-Math.Pow((hour - centre) / width, 2) / 2);

static double Shape(string software, double hour) => software switch
{
    "apache" or "bind" => 0.15 + Bump(hour, 11, 1.5) + 1.2 * Bump(hour, 14.5, 2) + 0.4 * Bump(hour, 21, 1.5),
    "pop" => 0.15 + Bump(hour, 9, 1) + Bump(hour, 13, 1.5) + 0.8 * Bump(hour, 17, 1.5),
    "sendmail" or "InterScan" => 0.2 + 1.2 * Bump(hour, 9.5, 1.5) + Bump(hour, 17.5, 2),
    "radius" => 0.1 + Bump(hour, 8.8, 0.7) + 0.6 * Bump(hour, 12.8, 0.7) + 0.5 * Bump(hour, 16.3, 0.7),
    _ => 1.0,
};

static double Gaussian(Random random)
{
    var u1 = 1.0 - random.NextDouble();
    var u2 = random.NextDouble();
    return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
}
