using System.Diagnostics;
using System.Globalization;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Benchmarks.Access;

/// <summary>The traffic of <see cref="SlbBenchmark"/>: fixed-rate requests around a kill, and an abusive source beside others.</summary>
internal static class SlbTraffic
{
    internal sealed record FailoverRun(int BaselineSent, int BaselineLost, double? FailoverMs, int Sent, int Lost);

    internal sealed record BanRun(int? Limit, double? BanMs, int? RefusedAt, int OthersSent, int OthersServed, Phrase? Note);

    /// <summary>The source of the n-th fixed-rate request: 200 addresses in turn (127.0.1.1–200), each far under any per-source limit.</summary>
    private static string Source(int n) => string.Create(CultureInfo.InvariantCulture, $"127.0.1.{1 + (n % 200)}");

    /// <summary>
    /// A baseline of <see cref="SlbBenchmark.BaselineMs"/>, then the member that answered the last baseline request is killed and
    /// traffic goes on until the member is seen down (the daemon logs <paramref name="marker"/>) plus <see cref="SlbBenchmark.AfterMs"/>,
    /// or, without a marker, for <see cref="SlbBenchmark.ClientWindowMs"/>; at most <see cref="SlbBenchmark.FailoverLimitMs"/>.
    /// </summary>
    internal static FailoverRun Failover(Func<string, string?> probe, Daemon daemon, string? marker, Func<string, bool> kill)
    {
        var n = 0;
        var baselineLost = 0;
        string? last = null;
        var clock = Stopwatch.StartNew();
        var next = 0.0;
        while (SlbBenchmark.Ms(clock) < SlbBenchmark.BaselineMs)
        {
            Pace(clock, ref next);
            var who = probe(Source(n++));
            baselineLost += who is null ? 1 : 0;
            last = who ?? last;
        }

        var baselineSent = n;
        if (last is null || !kill(last))
        {
            return new FailoverRun(baselineSent, baselineLost, null, 0, 0);
        }

        var logFrom = daemon.Output.Length;
        clock.Restart();
        next = 0;
        double? down = null;
        double? lastBad = null;
        var sent = 0;
        var lost = 0;
        while (SlbBenchmark.Ms(clock) < SlbBenchmark.FailoverLimitMs)
        {
            if (marker is not null && down is null && daemon.Output.IndexOf(marker, logFrom, StringComparison.Ordinal) >= 0)
            {
                down = SlbBenchmark.Ms(clock);
            }

            var end = marker is null ? SlbBenchmark.ClientWindowMs : down + SlbBenchmark.AfterMs;
            if (SlbBenchmark.Ms(clock) >= end)
            {
                break;
            }

            Pace(clock, ref next);
            var at = SlbBenchmark.Ms(clock);
            var who = probe(Source(n++));
            sent++;
            if (who is null || who == last)
            {
                lost += who is null ? 1 : 0;
                lastBad = at;
            }
        }

        return new FailoverRun(baselineSent, baselineLost, marker is null ? lastBad ?? 0 : down, sent, lost);
    }

    /// <summary>
    /// 127.0.0.2 sends as fast as answers come until its first refusal (at most three times the limit plus 100 requests, and
    /// <see cref="SlbBenchmark.BanLimitMs"/>), while other sources (127.0.2.1–50 in turn) send ten requests a second.
    /// </summary>
    internal static BanRun Ban(VirtualService service, Func<string, string?> probe, bool tcp)
    {
        var abuse = service.Abuse;
        var counts = new[] { abuse?.ConnectionRate?.Count, abuse?.RequestRate?.Count }
            .Where(c => c is not null).Select(c => c!.Value).ToList();
        if (abuse is null || counts.Count == 0)
        {
            return new BanRun(null, null, null, 0, 0, Texts.Phrase("bench.slb.ban.no-limit"));
        }

        if (!tcp && service.Protocol != ServiceProtocol.Dns)
        {
            return new BanRun(counts.Min(), null, null, 0, 0, Texts.Phrase("bench.slb.ban.nftables"));
        }

        var limit = counts.Min();
        var stop = false;
        var othersSent = 0;
        var othersServed = 0;
        var others = new Thread(() =>
        {
            var clock = Stopwatch.StartNew();
            var i = 0;
            while (!Volatile.Read(ref stop) && clock.ElapsedMilliseconds < SlbBenchmark.BanLimitMs + 5000 && i < 1000)
            {
                var who = probe(string.Create(CultureInfo.InvariantCulture, $"127.0.2.{1 + (i % 50)}"));
                i++;
                Interlocked.Increment(ref othersSent);
                if (who is not null)
                {
                    Interlocked.Increment(ref othersServed);
                }

                Thread.Sleep(100);
            }
        }) { IsBackground = true };
        others.Start();
        double? over = null;
        double? refused = null;
        int? refusedAt = null;
        var abuser = Stopwatch.StartNew();
        try
        {
            for (var i = 1; i <= (3 * limit) + 100 && abuser.ElapsedMilliseconds < SlbBenchmark.BanLimitMs; i++)
            {
                if (i == limit + 1)
                {
                    over = SlbBenchmark.Ms(abuser);
                }

                var at = SlbBenchmark.Ms(abuser);
                if (probe("127.0.0.2") is null)
                {
                    refused = at;
                    refusedAt = i;
                    break;
                }
            }

            // The other sources keep on a second after the refusal, to see the ban leave them alone.
            Thread.Sleep(1000);
        }
        finally
        {
            Volatile.Write(ref stop, true);
            others.Join(5000);
        }

        return refused is null
            ? new BanRun(limit, null, null, othersSent, othersServed, Texts.Phrase("bench.slb.ban.never-refused"))
            : new BanRun(limit, refused - (over ?? refused), refusedAt, othersSent, othersServed, null);
    }

    private static void Pace(Stopwatch clock, ref double next)
    {
        var wait = next - SlbBenchmark.Ms(clock);
        if (wait > 0)
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(wait));
        }

        next = Math.Max(next + SlbBenchmark.IntervalMs, SlbBenchmark.Ms(clock));
    }
}
