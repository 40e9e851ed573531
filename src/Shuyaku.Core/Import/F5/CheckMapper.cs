using System.Globalization;
using System.Text.RegularExpressions;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Import.F5;

/// <summary>
/// Translates a pool's monitor expression into one health check for the service's protocol: the richest monitor
/// that fits (HTTP path and status, SMTP/POP3/IMAP banner, DNS query, TCP connect), its timing as interval, timeout,
/// rise and fall. UDP services other than DNS get passive detection. Everything not carried is a warning.
/// </summary>
internal sealed partial class CheckMapper(string file, BigIpConfig config, List<Diagnostic> warnings)
{
    /// <summary>BIG-IP's defaults for a monitor that sets no timing.</summary>
    private const int DefaultInterval = 5, DefaultTimeout = 16;

    /// <summary>Protocols checked passively: an active F5 monitor on them is not carried.</summary>
    private static readonly HashSet<string> Passive = new(StringComparer.Ordinal) { "ntp", "radius", "udp" };

    /// <summary>The built-in monitors of /Common by name, as their type.</summary>
    private static readonly Dictionary<string, string> BuiltIn = new(StringComparer.Ordinal)
    {
        ["/Common/http"] = "http", ["/Common/http_head_f5"] = "http", ["/Common/https"] = "https", ["/Common/https_443"] = "https",
        ["/Common/https_head_f5"] = "https", ["/Common/tcp"] = "tcp", ["/Common/tcp_half_open"] = "tcp-half-open",
        ["/Common/tcp_echo"] = "tcp-echo", ["/Common/udp"] = "udp", ["/Common/smtp"] = "smtp", ["/Common/pop3"] = "pop3",
        ["/Common/imap"] = "imap", ["/Common/dns"] = "dns", ["/Common/gateway_icmp"] = "gateway-icmp", ["/Common/icmp"] = "icmp",
        ["/Common/inband"] = "inband", ["/Common/radius"] = "radius", ["/Common/radius_accounting"] = "radius-accounting",
        ["/Common/external"] = "external",
    };

    /// <summary>The check for <paramref name="protocol"/> from <paramref name="pool"/>'s monitors; null leaves the protocol's default.</summary>
    public ImportedCheck? Map(F5Object pool, string protocol)
    {
        var property = pool.Get("monitor");
        var at = property?.Key ?? pool.Source.Header[0];
        var names = property is null ? [] : MonitorNames(pool, property);
        if (Passive.Contains(protocol))
        {
            foreach (var n in names.Where(n => Type(n) is not ("gateway-icmp" or "icmp")))
            {
                Warn(at, Texts.Format("import.f5.check.passive", pool.Title, n, protocol));
            }

            return new ImportedCheck("none");
        }

        if (names.Count == 0)
        {
            Warn(at, Texts.Format("import.f5.check.no-monitor", pool.Title, protocol));
            return null;
        }

        var candidates = new List<(string Name, string Kind, int Rank, string? Note)>();
        foreach (var n in names)
        {
            var type = Type(n);
            var (kind, rank, note) = Kind(type, protocol);
            note = note is null ? null : Texts.Format("import.f5.check.monitor-note", pool.Title, n, type ?? Texts.Get("import.f5.check.type-undefined"), note);
            if (kind is not null)
            {
                candidates.Add((n, kind, rank, note));
            }
            else
            {
                Warn(at, note!);
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        // A richer check subsumes a TCP connect or a ping, so those are dropped without a word.
        var best = candidates.MaxBy(c => c.Rank);
        if (best.Note is not null)
        {
            Warn(at, best.Note);
        }

        foreach (var other in candidates.Where(c => c != best && c.Rank >= best.Rank))
        {
            Warn(at, Texts.Format("import.f5.check.one-check", pool.Title, other.Name, best.Name));
        }

        var monitor = config.Monitors.GetValueOrDefault(best.Name);
        var check = best.Kind == "dns" && Type(best.Name) != "dns" ? new ImportedCheck("dns") : Details(best.Kind, best.Name, at, pool);
        return Timed(check, best.Name, monitor, at, pool);
    }

    /// <summary>The monitor names of <c>a and b</c> or <c>min N of { a b }</c>; a partial <c>min</c> is a warning.</summary>
    private List<string> MonitorNames(F5Object pool, TmshProperty property)
    {
        var words = property.Values;
        if (words is [TmshWord { Text: "min" }, TmshWord n, TmshWord { Text: "of" }, TmshBlock list, ..])
        {
            var listed = TmshBlocks.Names(list).Select(x => BigIpConfig.FullName(x.Name.Text)).ToList();
            if (n.Text != listed.Count.ToString(CultureInfo.InvariantCulture))
            {
                Warn(property.Key, Texts.Format("import.f5.check.min-of", pool.Title, n.Text, listed.Count));
            }

            return listed;
        }

        return [.. words.OfType<TmshWord>().Where(w => w.Text is not ("and" or "none" or "default")).Select(w => BigIpConfig.FullName(w.Text))];
    }

    /// <summary>A monitor's type: from its definition, else a built-in name; null when unknown.</summary>
    private string? Type(string name) => config.Monitors.TryGetValue(name, out var m) ? m.Type : BuiltIn.GetValueOrDefault(name);

    /// <summary>The check kind a monitor type gives on a protocol, its rank, and what is lost (or null).</summary>
    private static (string? Kind, int Rank, string? Note) Kind(string? type, string protocol) => type switch
    {
        "http" when protocol is "http" or "tcp" => ("http", 3, null),
        "http" => ("tcp", 2, Texts.Format("import.f5.check.note.http-on", protocol)),
        "https" => ("tcp", 2, Texts.Get("import.f5.check.note.https")),
        "tcp" or "tcp-half-open" or "tcp-echo" => (protocol == "dns" ? "dns" : "tcp", protocol == "dns" ? 1 : 2, protocol == "dns" ? Texts.Get("import.f5.check.note.dns-query") : null),
        "smtp" or "pop3" or "imap" when protocol == type || protocol == "tcp" => (type, 3, null),
        "dns" when protocol == "dns" => ("dns", 3, null),
        "smtp" or "pop3" or "imap" or "dns" => ("tcp", 2, Texts.Format("import.f5.check.note.misfit", protocol)),
        "gateway-icmp" or "icmp" => (protocol == "dns" ? "dns" : "tcp", 1, Texts.Get(protocol == "dns" ? "import.f5.check.note.reach-dns" : "import.f5.check.note.reach-tcp")),
        null => (null, 0, Texts.Get("import.f5.check.note.unknown")),
        _ => (null, 0, Texts.Get("import.f5.check.note.none")),
    };

    /// <summary>HTTP path and status from send and recv; DNS name and type from qname and qtype.</summary>
    private ImportedCheck Details(string kind, string name, TmshNode at, F5Object pool)
    {
        var check = new ImportedCheck(kind);
        if (kind == "dns")
        {
            var qname = Inherited(name, "qname");
            var qtype = Inherited(name, "qtype")?.ToUpperInvariant() ?? "A";
            if (qtype is not ("A" or "AAAA"))
            {
                Warn(at, Texts.Format("import.f5.check.qtype", pool.Title, name, qtype));
                qtype = "A";
            }

            return check with { Name = qname is not null && DnsName().IsMatch(qname) ? qname : null, Type = qtype };
        }

        if (kind != "http")
        {
            return check;
        }

        var send = Inherited(name, "send") ?? (name == "/Common/http_head_f5" ? "HEAD / HTTP/1.0\\r\\n\\r\\n" : "GET /\\r\\n");
        var request = Request().Match(send);
        var path = "/";
        if (!request.Success)
        {
            Warn(at, Texts.Format("import.f5.check.not-request", pool.Title, name, Clip(send)));
        }
        else
        {
            if (request.Groups[1].Value != "GET")
            {
                Warn(at, Texts.Format("import.f5.check.method", pool.Title, name, request.Groups[1].Value));
            }

            if (SafePath().IsMatch(request.Groups[2].Value))
            {
                path = request.Groups[2].Value;
            }
            else
            {
                Warn(at, Texts.Format("import.f5.check.not-path", pool.Title, name, Clip(request.Groups[2].Value)));
            }
        }

        if (send.Contains("Host:", StringComparison.OrdinalIgnoreCase))
        {
            Warn(at, Texts.Format("import.f5.check.headers", pool.Title, name));
        }

        var recv = Inherited(name, "recv");
        var status = recv is null or "" or "none" ? null : Status().Match(recv);
        if (status is { Success: true })
        {
            return check with { Path = path, Status = int.Parse(status.Groups[1].Value, CultureInfo.InvariantCulture) };
        }

        Warn(at, recv is null or "" or "none"
            ? Texts.Format("import.f5.check.any-response", pool.Title, name)
            : Texts.Format("import.f5.check.not-status", pool.Title, name, Clip(recv)));
        return check with { Path = path, Status = 200 };
    }

    /// <summary>Interval, timeout, rise and fall from the monitor's interval, timeout and time-until-up (inherited, else BIG-IP's defaults).</summary>
    private ImportedCheck Timed(ImportedCheck check, string name, F5Object? monitor, TmshNode at, F5Object pool)
    {
        var interval = Seconds(name, "interval") ?? DefaultInterval;
        var timeout = Seconds(name, "timeout") ?? DefaultTimeout;
        var up = Seconds(name, "time-until-up") ?? 0;
        if (interval is < 1 or > 3600 || timeout < 1)
        {
            Warn(monitor?.Source.Header[0] ?? at, Texts.Format("import.f5.check.timing", pool.Title, name, interval, timeout));
            (interval, timeout) = (DefaultInterval, DefaultTimeout);
        }

        var rise = up == 0 ? 1 : 1 + (int)Math.Ceiling(up / (double)interval);
        var fall = Math.Max(1, timeout / interval);
        return check with { Interval = interval, Timeout = Math.Min(interval, timeout), Rise = Math.Min(rise, 100), Fall = Math.Min(fall, 100) };
    }

    private int? Seconds(string name, string key) =>
        int.TryParse(Inherited(name, key), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;

    /// <summary>A monitor property, looked up along its defaults-from chain (at most 16 steps, so a loop ends).</summary>
    private string? Inherited(string name, string key)
    {
        for (var (n, steps) = (name, 0); steps < 16 && config.Monitors.TryGetValue(n, out var m); steps++)
        {
            if (m.Text(key) is { } value)
            {
                return value;
            }

            if (m.Text("defaults-from") is not { } parent)
            {
                break;
            }

            n = BigIpConfig.FullName(parent);
        }

        return null;
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private void Warn(TmshNode at, string message) => warnings.Add(new Diagnostic(file, at.Line, at.Column, message));

    [GeneratedRegex(@"^\s*([A-Z]+)\s+([^\s\\]+)")]
    private static partial Regex Request();

    [GeneratedRegex(@"^/[A-Za-z0-9/._~%!$&'()*+,;=:@?-]*$")]
    private static partial Regex SafePath();

    /// <summary>A status with optional "HTTP/1.x " before it (regex-escaped or not) and an optional reason phrase after.</summary>
    [GeneratedRegex(@"^\^?(?:HTTP/[0-9.\\\[\]|()]*\s+)?([1-5][0-9][0-9])(?:\s+[A-Za-z ]*)?$")]
    private static partial Regex Status();

    [GeneratedRegex(@"^([A-Za-z0-9-]+\.)*[A-Za-z0-9-]+\.?$|^\.$")]
    private static partial Regex DnsName();
}
