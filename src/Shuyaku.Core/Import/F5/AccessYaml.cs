using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Shuyaku.Core.Import.F5;

/// <summary>
/// Writes translated services as the estate's <c>access:</c> section (docs/import-f5.md, contract of the access
/// section): one block mapping per service, members and check as flow mappings, a comment naming the F5 object each
/// service came from. Scalars outside a safe plain alphabet are double-quoted; durations use the estate's units.
/// </summary>
internal static partial class AccessYaml
{
    /// <summary>A self IP of the device: its address without the prefix length, whether it floats, and where it was read.</summary>
    internal sealed record SelfIp(string Address, bool Floating, string Source);

    /// <summary>The YAML text of the section.</summary>
    public static string Write(IReadOnlyList<ImportedService> services, int virtualServers, IReadOnlyList<SelfIp>? selfIps = null)
    {
        var y = new StringBuilder();
        y.Append(CultureInfo.InvariantCulture, $"# Translated by 'shuyaku import f5': {services.Count} service{(services.Count == 1 ? "" : "s")} from {virtualServers} virtual server{(virtualServers == 1 ? "" : "s")}.\n");
        y.Append("# The balancer pair (balancers, vrrp) is not part of a BIG-IP configuration: add it before use.\n");
        var own = (selfIps ?? []).Where(s => !s.Floating).ToList();
        if (own.Count > 0)
        {
            // One device's configuration holds its own self IPs and the floating ones, never its peer's: a template only.
            y.Append("# This device's self IPs suggest the pair; give the site and the peer's address, then remove the '# ':\n");
            y.Append("#  balancers:\n");
            y.Append(CultureInfo.InvariantCulture, $"#    - {{ id: bigip-1, site: SITE, address: {Comment(own[0].Address)}, priority: 150 }}   # {Comment(own[0].Source)}\n");
            y.Append("#    - { id: bigip-2, site: SITE, address: PEER-ADDRESS, priority: 100 }\n");
            y.Append("#  vrrp: { routerId: 51 }\n");
        }

        foreach (var f in (selfIps ?? []).Where(s => s.Floating))
        {
            y.Append(CultureInfo.InvariantCulture, $"# Floating self IP {Comment(f.Address)} ({Comment(f.Source)}) moved with the active device: keepalived's VRRP moves the virtual addresses the same way; add {Comment(f.Address)} to the pair's addresses if members route through it.\n");
        }

        y.Append("access:\n  services:\n");
        foreach (var s in services)
        {
            y.Append("    # ").Append(Comment(s.Source)).Append('\n');
            y.Append("    - id: ").Append(s.Id).Append('\n');
            if (s.Address is not null)
            {
                y.Append("      address: ").Append(Scalar(s.Address)).Append('\n');
            }

            if (s.Address6 is not null)
            {
                y.Append("      address6: ").Append(Scalar(s.Address6)).Append('\n');
            }

            y.Append(CultureInfo.InvariantCulture, $"      ports: [{s.Port}]\n");
            y.Append("      protocol: ").Append(s.Protocol).Append('\n');
            y.Append("      method: ").Append(s.Method).Append('\n');
            if (s.PersistenceKind is not null)
            {
                y.Append("      persistence: { kind: ").Append(s.PersistenceKind)
                    .Append(s.PersistenceSeconds is { } t ? ", timeout: " + Duration(t) : "").Append(" }\n");
            }

            y.Append("      members:\n");
            foreach (var m in s.Members)
            {
                y.Append("        - { ").Append(m.Workload is not null ? "workload: " + Scalar(m.Workload) : "address: " + Scalar(m.Address!))
                    .Append(CultureInfo.InvariantCulture, $", weight: {m.Weight}, port: {m.Port}")
                    .Append(m.Backup ? ", backup: true" : "").Append(" }\n");
            }

            if (s.Check is { } c)
            {
                y.Append("      check: ").Append(Check(c)).Append('\n');
            }

            if (s.MaxConnections is { } max)
            {
                y.Append(CultureInfo.InvariantCulture, $"      maxConnections: {max}\n");
            }
        }

        return y.ToString();
    }

    private static string Check(ImportedCheck c)
    {
        var parts = new List<string> { "kind: " + c.Kind };
        if (c.Path is not null)
        {
            parts.Add("path: " + Scalar(c.Path));
        }

        if (c.Status is { } status)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"status: {status}"));
        }

        if (c.Name is not null)
        {
            parts.Add("name: " + Scalar(c.Name));
        }

        if (c.Type is not null)
        {
            parts.Add("type: " + c.Type);
        }

        if (c.Interval > 0)
        {
            parts.Add("interval: " + Duration(c.Interval));
            parts.Add("timeout: " + Duration(c.Timeout));
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"rise: {c.Rise}"));
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"fall: {c.Fall}"));
        }

        return "{ " + string.Join(", ", parts) + " }";
    }

    /// <summary>Seconds in the estate's units: whole hours as h, whole minutes as min, else s.</summary>
    public static string Duration(int seconds) =>
        seconds % 3600 == 0 ? $"{seconds / 3600}h" : seconds % 60 == 0 ? $"{seconds / 60}min" : $"{seconds}s";

    /// <summary>A plain scalar when it is safe in flow and block context, else a double-quoted one.</summary>
    public static string Scalar(string text)
    {
        if (Plain().IsMatch(text) && text is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off" or "~"))
        {
            return text;
        }

        var quoted = new StringBuilder("\"");
        foreach (var ch in text)
        {
            quoted.Append(ch switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or '\u007f' => $"\\x{(int)ch:X2}",
                _ => ch.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>Comment text on one line, control characters shown as '?'.</summary>
    private static string Comment(string text) => new([.. text.Select(c => char.IsControl(c) ? '?' : c)]);

    [GeneratedRegex(@"^[A-Za-z0-9/][A-Za-z0-9._/~-]*$")]
    private static partial Regex Plain();
}
