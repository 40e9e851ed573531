using System.Diagnostics;
using System.Globalization;
using Shuyaku.Core.Access;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Benchmarks.Access;

/// <summary>
/// <c>bench slb</c>: the access layer's first HTTP (else TCP) service run by HAProxy, its first DNS service by dnsdist and its
/// first UDP service by nginx stream, each on 127.0.0.1 in front of one fake real server per member, with the estate's checks,
/// weights and abuse limits; measures failover (kill one member) and time to ban (one abusive source). See docs/access.md.
/// </summary>
public static class SlbBenchmark
{
    /// <summary>Milliseconds between two requests of the fixed-rate traffic (50 per second).</summary>
    public const int IntervalMs = 20;

    /// <summary>Length of the baseline before the kill, in milliseconds.</summary>
    public const int BaselineMs = 2000;

    /// <summary>The longest a failover is waited for, in milliseconds.</summary>
    public const int FailoverLimitMs = 20_000;

    /// <summary>How long traffic goes on after the member is seen down (or, seen by clients, after the kill), in milliseconds.</summary>
    public const int AfterMs = 1000;

    /// <summary>The window of a failover seen by clients (nginx's passive checks), in milliseconds from the kill.</summary>
    public const int ClientWindowMs = 3000;

    /// <summary>The longest the abusive source sends, in milliseconds.</summary>
    public const int BanLimitMs = 20_000;

    /// <summary>The most connections a service's copy on the loopback accepts (the estate's own limit when lower).</summary>
    public const int MaxConnections = 1000;

    /// <summary>Measures every round; <paramref name="workDir"/> receives the configurations and daemon logs (round-N/service/).</summary>
    public static IReadOnlyList<SlbFigures> Run(AccessLayer access, int rounds, string workDir, Action<string>? progress = null)
    {
        var picks = new (string Daemon, VirtualService? Service)[]
        {
            ("haproxy", access.Services.FirstOrDefault(s => s.Protocol == ServiceProtocol.Http) ?? access.Services.FirstOrDefault(s => s.IsTcp)),
            ("dnsdist", access.Services.FirstOrDefault(s => s.Protocol == ServiceProtocol.Dns)),
            ("nginx", access.Services.FirstOrDefault(s => s.IsUdp)),
        };
        var figures = new List<SlbFigures>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (daemon, service) in picks)
            {
                if (service is null)
                {
                    figures.Add(new SlbFigures { Round = round, Service = "-", Daemon = daemon, SkippedBecause = Texts.Phrase("bench.slb.skip.no-service", daemon) });
                }
                else if (DaemonValidator.Find(daemon) is null)
                {
                    figures.Add(new SlbFigures { Round = round, Service = service.Id, Daemon = daemon, SkippedBecause = Texts.Phrase("bench.slb.skip.not-installed", daemon) });
                }
                else
                {
                    progress?.Invoke(Texts.Format("bench.slb.progress", round, service.Id, daemon));
                    var dir = Directory.CreateDirectory(Path.Combine(workDir, $"round-{round}", service.Id)).FullName;
                    figures.Add(Measure(access, service, daemon, round, dir));
                }
            }
        }

        return figures;
    }

    private static SlbFigures Measure(AccessLayer access, VirtualService service, string daemon, int round, string dir)
    {
        var dns = daemon == "dnsdist";
        var http = daemon == "haproxy";
        var backends = new List<IDisposable>();
        Daemon? running = null;
        try
        {
            var names = new List<string>();
            var members = new List<Member>();
            for (var i = 0; i < service.Members.Count; i++)
            {
                var name = dns ? $"dns{i + 1}" : service.Members[i].Name;
                int port;
                if (http)
                {
                    var b = new HttpBackend(name);
                    backends.Add(b);
                    port = b.Port;
                }
                else
                {
                    var b = new UdpBackend(name, dns);
                    backends.Add(b);
                    port = b.Port;
                }

                names.Add(name);
                members.Add(service.Members[i] with { Address = "127.0.0.1", Port = port });
            }

            var vipPort = http ? FreePort.Tcp() : FreePort.Udp();
            // maxconn is capped: HAProxy asks for two descriptors per connection and a test host's limit may be lower.
            var local = service with
            {
                Address = "127.0.0.1", Address6 = null, Ports = [vipPort], Members = members,
                MaxConnections = service.MaxConnections is { } max ? Math.Min(max, MaxConnections) : null,
            };
            var layer = access with
            {
                Balancers = [new Balancer("slb-1", "bench", "127.0.0.11", 150), new Balancer("slb-2", "bench", "127.0.0.12", 100)],
                Vrrp = access.Vrrp with { Interface = "lo" },
                Services = [local],
            };
            var (files, problems) = SlbExport.Generate(layer);
            if (problems.Count > 0)
            {
                // The CSV keeps the problems in English (Phrase.English asks for them in English); people read them in their language.
                Func<CultureInfo, string> said = culture =>
                {
                    using (Language.Use(Language.FromTag(culture.Name) ?? Language.English))
                    {
                        return string.Join("; ", AccessSafety.Problems(layer));
                    }
                };
                return new SlbFigures { Round = round, Service = service.Id, Daemon = daemon, SkippedBecause = Texts.Phrase("bench.slb.skip.not-exported", said) };
            }

            var fileName = daemon switch { "haproxy" => HaproxyConfig.FileName, "dnsdist" => DnsdistConfig.FileName, _ => NginxStreamConfig.FileName };
            var path = Path.Combine(dir, fileName);
            File.WriteAllText(path, files.Single(f => f.Name == fileName).Text);
            var binary = DaemonValidator.Find(daemon)!;
            running = daemon switch
            {
                "haproxy" => new Daemon(binary, "-db", "-f", path),
                "dnsdist" => new Daemon(binary, "--supervised", "--disable-syslog", "-C", path),
                _ => new Daemon(binary, "-c", path, "-p", dir + "/", "-e", "stderr", "-g", $"daemon off; pid {Path.Combine(dir, "nginx.pid")};"),
            };
            var seq = 0;
            Func<string, string?> probe = daemon switch
            {
                "haproxy" => source => Client.Get(vipPort, source, 500),
                "dnsdist" => source => Client.Dns(vipPort, $"q{Interlocked.Increment(ref seq)}.bench", (ushort)Interlocked.Increment(ref seq), source, 500),
                _ => source => Client.Udp(vipPort, source, 500),
            };
            if (Wait.Until(() => probe("127.0.0.1") is not null, 15_000, 50) is null)
            {
                return new SlbFigures { Round = round, Service = service.Id, Daemon = daemon, SkippedBecause = Texts.Phrase("bench.slb.skip.no-answer", daemon, vipPort.ToString(CultureInfo.InvariantCulture)) };
            }

            var marker = daemon switch { "haproxy" => " is DOWN", "dnsdist" => "as 'down'", _ => null };
            var failover = SlbTraffic.Failover(probe, running, marker, victim =>
            {
                var index = names.IndexOf(victim);
                if (index >= 0)
                {
                    backends[index].Dispose();
                }

                return index >= 0;
            });
            var ban = SlbTraffic.Ban(service, probe, http);
            return new SlbFigures
            {
                Round = round, Service = service.Id, Daemon = daemon, Members = members.Count,
                BaselineSent = failover.BaselineSent, BaselineLost = failover.BaselineLost,
                FailoverMs = failover.FailoverMs, FailoverSeenBy = marker is null ? "clients" : "daemon log",
                FailoverSent = failover.Sent, FailoverLost = failover.Lost,
                BanLimit = ban.Limit, BanMs = ban.BanMs, RefusedAt = ban.RefusedAt, OthersSent = ban.OthersSent, OthersServed = ban.OthersServed,
                BanNoteBecause = ban.Note,
            };
        }
        finally
        {
            if (running is not null)
            {
                running.Dispose();
                File.WriteAllText(Path.Combine(dir, daemon + ".log"), running.Output);
            }

            foreach (var b in backends)
            {
                b.Dispose();
            }
        }
    }

    internal static double Ms(Stopwatch clock) => clock.Elapsed.TotalMilliseconds;
}
