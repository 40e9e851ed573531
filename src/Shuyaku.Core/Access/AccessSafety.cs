using System.Net;
using Shuyaku.Core.Localization;
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
            problems.Add(F("access.problem.balancers", access.Balancers.Count));
        }

        foreach (var b in access.Balancers)
        {
            Id(b.Id, T("access.what.a-balancer"), problems);
            Addr(b.Address, F("access.what.balancer", b.Id), problems);
            Range(b.Priority, 1, 254, F("access.field.priority", F("access.what.balancer", b.Id)), problems);
        }

        Range(access.Vrrp.RouterId, 1, 255, T("access.what.vrrp-router-id"), problems);
        if (access.Vrrp.Interface.Length is 0 or > 15 || !access.Vrrp.Interface.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            problems.Add(T("access.problem.vrrp-interface"));
        }

        Range(access.Vrrp.AdvertIntervalMs, 10, 40_950, T("access.what.vrrp-advert-interval"), problems);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in access.Services)
        {
            Id(s.Id, T("access.what.a-service"), problems);
            if (!ids.Add(s.Id))
            {
                problems.Add(F("access.problem.service-twice", s.Id));
            }

            var what = F("access.what.service", s.Id);
            if (access.Services.FirstOrDefault(o => o.Id != s.Id && Emit.Ident(o.Id) == Emit.Ident(s.Id)) is { } twin && string.CompareOrdinal(twin.Id, s.Id) < 0)
            {
                problems.Add(F("access.problem.twins", twin.Id, s.Id));
            }

            if (s.Address is null && s.Address6 is null)
            {
                problems.Add(F("access.problem.no-vip", what));
            }

            foreach (var vip in Emit.Vips(s))
            {
                Addr(vip, what, problems);
            }

            if (s.Ports.Count == 0)
            {
                problems.Add(F("access.problem.no-port", what));
            }

            foreach (var p in s.Ports)
            {
                Range(p, 1, 65535, F("access.field.port", what), problems);
            }

            if (!s.Members.Any(m => !m.Backup))
            {
                problems.Add(F("access.problem.no-member", what));
            }

            foreach (var m in s.Members)
            {
                if (m.Workload is { } w && !IsName(w))
                {
                    problems.Add(F("access.problem.member-name", what, Shown(w)));
                }

                Addr(m.Address, F("access.field.member", what), problems);
                Range(m.Port, 1, 65535, F("access.field.member-port", what), problems);
                Range(m.Weight, 1, 256, F("access.field.member-weight", what), problems);
            }

            var c = s.Check;
            if (c.Path.Length == 0 || c.Path[0] != '/' || !c.Path.All(ch => char.IsAsciiLetterOrDigit(ch) || "/._~-?=&%+".Contains(ch, StringComparison.Ordinal)))
            {
                problems.Add(F("access.problem.check-path", what));
            }

            if (c.Name.Length == 0 || !c.Name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-'))
            {
                problems.Add(F("access.problem.check-name", what));
            }

            if (c.Type is not ("A" or "AAAA" or "NS" or "SOA" or "MX" or "TXT" or "PTR" or "CNAME"))
            {
                problems.Add(F("access.problem.check-type", what));
            }

            Range(c.IntervalMs, 100, 86_400_000, F("access.field.check-interval", what), problems);
            Range(c.TimeoutMs, 10, 86_400_000, F("access.field.check-timeout", what), problems);
            Range(c.Rise, 1, 100, F("access.field.check-rise", what), problems);
            Range(c.Fall, 1, 100, F("access.field.check-fall", what), problems);
            Range(c.Status, 100, 599, F("access.field.check-status", what), problems);
            if (s.Abuse is { } a)
            {
                Range(a.BanMs, 1000, 86_400_000, F("access.field.ban", what), problems);
                foreach (var r in new[] { a.ConnectionRate, a.RequestRate }.OfType<Rate>())
                {
                    Range(r.Count, 1, 1_000_000, F("access.field.rate-count", what), problems);
                    Range(r.PeriodMs, 1, 86_400_000, F("access.field.rate-period", what), problems);
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
            problems.Add(F("access.problem.id", what, Shown(id)));
        }
    }

    private static void Addr(string text, string what, List<string> problems)
    {
        var ok = IPAddress.TryParse(text, out var a) && !text.Contains('%', StringComparison.Ordinal)
                 && (a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? text.Contains(':', StringComparison.Ordinal) : a.ToString() == text);
        if (!ok)
        {
            problems.Add(F("access.problem.address", what, Shown(text)));
        }
    }

    private static void Range(int value, int min, int max, string what, List<string> problems)
    {
        if (value < min || value > max)
        {
            problems.Add(F("access.problem.range", what, value, min, max));
        }
    }

    private static string T(string key) => Texts.Get(key);

    private static string F(string key, params object?[] args) => Texts.Format(key, args);

    private static string Shown(string text) => string.Concat(text.Take(60).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
