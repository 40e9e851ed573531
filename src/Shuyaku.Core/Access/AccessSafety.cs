using System.Net;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Access;

/// <summary>
/// Re-checks an access layer before anything is generated from it (it may be built in code rather than read): every
/// name in the safe alphabet, every address parseable, every number in range. Returns the problems, each naming its element.
/// </summary>
public static class AccessSafety
{
    /// <summary>The problems that would make a configuration unsafe or invalid; empty when it may be generated.</summary>
    public static IReadOnlyList<string> Problems(AccessLayer access)
    {
        var problems = new List<string>();
        if (access.Balancers.Count != 2)
        {
            problems.Add($"the access layer has {access.Balancers.Count} balancers: exactly two are needed");
        }

        foreach (var b in access.Balancers)
        {
            Id(b.Id, "a balancer", problems);
            Addr(b.Address, $"balancer '{b.Id}'", problems);
            Range(b.Priority, 1, 254, $"balancer '{b.Id}''s priority", problems);
        }

        Range(access.Vrrp.RouterId, 1, 255, "the vrrp routerId", problems);
        if (access.Vrrp.Interface.Length is 0 or > 15 || !access.Vrrp.Interface.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            problems.Add("the vrrp interface is not an interface name");
        }

        Range(access.Vrrp.AdvertIntervalMs, 10, 40_950, "the vrrp advertInterval (ms)", problems);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in access.Services)
        {
            Id(s.Id, "a service", problems);
            if (!ids.Add(s.Id))
            {
                problems.Add($"service '{s.Id}' is given twice");
            }

            var what = $"service '{s.Id}'";
            if (access.Services.FirstOrDefault(o => o.Id != s.Id && Emit.Ident(o.Id) == Emit.Ident(s.Id)) is { } twin && string.CompareOrdinal(twin.Id, s.Id) < 0)
            {
                problems.Add($"services '{twin.Id}' and '{s.Id}' differ only in '.', '-' and '_', which nginx, dnsdist and nftables names cannot tell apart: rename one");
            }

            if (s.Address is null && s.Address6 is null)
            {
                problems.Add($"{what} has no virtual address");
            }

            foreach (var vip in Emit.Vips(s))
            {
                Addr(vip, what, problems);
            }

            if (s.Ports.Count == 0)
            {
                problems.Add($"{what} has no port");
            }

            foreach (var p in s.Ports)
            {
                Range(p, 1, 65535, $"{what}'s port", problems);
            }

            if (!s.Members.Any(m => !m.Backup))
            {
                problems.Add($"{what} has no member that is not a backup");
            }

            foreach (var m in s.Members)
            {
                if (m.Workload is { } w && !IsName(w))
                {
                    problems.Add($"{what} has a member workload '{Shown(w)}' outside the safe alphabet (letters, digits, '.', '_', '-')");
                }

                Addr(m.Address, $"{what}'s member", problems);
                Range(m.Port, 1, 65535, $"{what}'s member port", problems);
                Range(m.Weight, 1, 256, $"{what}'s member weight", problems);
            }

            var c = s.Check;
            if (c.Path.Length == 0 || c.Path[0] != '/' || !c.Path.All(ch => char.IsAsciiLetterOrDigit(ch) || "/._~-?=&%+".Contains(ch, StringComparison.Ordinal)))
            {
                problems.Add($"{what}'s check path is outside the safe alphabet");
            }

            if (c.Name.Length == 0 || !c.Name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-'))
            {
                problems.Add($"{what}'s check name is not a DNS name");
            }

            if (c.Type is not ("A" or "AAAA" or "NS" or "SOA" or "MX" or "TXT" or "PTR" or "CNAME"))
            {
                problems.Add($"{what}'s check type is not a known record type");
            }

            Range(c.IntervalMs, 100, 86_400_000, $"{what}'s check interval (ms)", problems);
            Range(c.TimeoutMs, 10, 86_400_000, $"{what}'s check timeout (ms)", problems);
            Range(c.Rise, 1, 100, $"{what}'s check rise", problems);
            Range(c.Fall, 1, 100, $"{what}'s check fall", problems);
            Range(c.Status, 100, 599, $"{what}'s check status", problems);
            if (s.Abuse is { } a)
            {
                Range(a.BanMs, 1000, 86_400_000, $"{what}'s ban (ms)", problems);
                foreach (var r in new[] { a.ConnectionRate, a.RequestRate }.OfType<Rate>())
                {
                    Range(r.Count, 1, 1_000_000, $"{what}'s rate count", problems);
                    Range(r.PeriodMs, 1, 86_400_000, $"{what}'s rate period (ms)", problems);
                }
            }
        }

        return problems;
    }

    /// <summary>Whether a member's workload id may be written as a daemon's server name.</summary>
    public static bool IsName(string name) =>
        name.Length is > 0 and <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static void Id(string id, string what, List<string> problems)
    {
        if (!(id.Length is > 0 and <= 63 && (char.IsAsciiLetterLower(id[0]) || char.IsAsciiDigit(id[0]))
              && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-')))
        {
            problems.Add($"{what} id '{Shown(id)}' is outside [a-z0-9][a-z0-9._-]* (at most 63 characters)");
        }
    }

    private static void Addr(string text, string what, List<string> problems)
    {
        var ok = IPAddress.TryParse(text, out var a) && !text.Contains('%', StringComparison.Ordinal)
                 && (a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? text.Contains(':', StringComparison.Ordinal) : a.ToString() == text);
        if (!ok)
        {
            problems.Add($"{what}'s address '{Shown(text)}' is not an IP address in its usual text");
        }
    }

    private static void Range(int value, int min, int max, string what, List<string> problems)
    {
        if (value < min || value > max)
        {
            problems.Add($"{what} is {value}: it must be {min}–{max}");
        }
    }

    private static string Shown(string text) => string.Concat(text.Take(60).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
