using System.Text;
using System.Text.RegularExpressions;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Import.F5;

/// <summary>An F5 object that was not translated, and why.</summary>
/// <param name="Object">The object as tmsh names it: <c>ltm virtual /Common/vs_fwd</c>.</param>
/// <param name="Line">Its line in the configuration.</param>
/// <param name="Reason">Why it was not translated.</param>
public sealed record F5Skipped(string Object, int Line, string Reason);

/// <summary>What <see cref="F5Importer"/> made of a BIG-IP configuration.</summary>
public sealed record F5Import
{
    /// <summary>The <c>access:</c> section in YAML, or null when no virtual server could be translated.</summary>
    public string? Yaml { get; init; }

    /// <summary>Virtual servers (<c>ltm virtual</c>) in the configuration.</summary>
    public int VirtualServers { get; init; }

    /// <summary>Virtual servers translated (two merged into one DNS service count as two).</summary>
    public int Translated { get; init; }

    /// <summary>Services written (fewer than <see cref="Translated"/> when DNS over UDP and TCP were merged).</summary>
    public int Services { get; init; }

    /// <summary>Virtual servers, iRules and GTM objects not translated, with the reason, in file order.</summary>
    public IReadOnlyList<F5Skipped> Skipped { get; init; } = [];

    /// <summary>Objects not read at all (system, network, authentication...), counted by kind.</summary>
    public IReadOnlyDictionary<string, int> NotRead { get; init; } = new Dictionary<string, int>();

    /// <summary>Every translation decision that loses something, at the F5 object's line.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];
}

/// <summary>
/// Reads a BIG-IP configuration (bigip.conf, tmsh syntax) and translates its virtual servers into the estate's
/// <c>access:</c> section, matching pool members to the workloads of an estate by address when one is given.
/// A syntax error (unbalanced brace, unterminated string) is the one error of a failed result; everything the
/// translation loses is a warning (docs/import-f5.md).
/// </summary>
public static partial class F5Importer
{
    /// <summary>Most characters of an access id.</summary>
    private const int MaxId = 63;

    /// <summary>
    /// Translates the file at <paramref name="path"/>, naming it <paramref name="shownAs"/> (default the path) in
    /// diagnostics; a missing or unreadable file is the one error of a failed result.
    /// </summary>
    public static ReadResult<F5Import> ImportFile(string path, Estate? estate = null, string? shownAs = null)
    {
        var file = shownAs ?? path;
        if (Directory.Exists(path))
        {
            return ReadResult<F5Import>.Failed([new Diagnostic(file, 0, 0, Texts.Get("import.f5.folder"))], []);
        }

        if (!File.Exists(path))
        {
            return ReadResult<F5Import>.Failed([new Diagnostic(file, 0, 0, Texts.Get("import.f5.missing"))], []);
        }

        try
        {
            return Import(file, File.ReadAllBytes(path), estate);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult<F5Import>.Failed([new Diagnostic(file, 0, 0, Texts.Format("import.f5.unreadable", e.Message))], []);
        }
    }

    /// <summary>Translates <paramref name="bytes"/>, read from <paramref name="file"/>; members become workloads of <paramref name="estate"/> where their address matches.</summary>
    public static ReadResult<F5Import> Import(string file, byte[] bytes, Estate? estate = null)
    {
        var (objects, error, parseWarnings) = TmshParser.Parse(file, bytes);
        if (error is not null)
        {
            return ReadResult<F5Import>.Failed([error], parseWarnings);
        }

        var config = BigIpConfig.From(objects);
        var warnings = new List<Diagnostic>(parseWarnings);
        var pools = new PoolMapper(file, config, new WorkloadIndex(estate), warnings);
        var virtuals = new VirtualMapper(file, config, pools, new CheckMapper(file, config, warnings), warnings);
        var skipped = new List<F5Skipped>();
        var services = new List<ImportedService>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var translated = 0;
        foreach (var v in config.Virtuals)
        {
            var (service, reason) = virtuals.Map(v);
            if (service is null)
            {
                skipped.Add(new F5Skipped(v.Title, v.Source.Line, reason!));
                continue;
            }

            translated++;
            var twin = service.Protocol == "dns"
                ? services.FindIndex(s => s.Protocol == "dns" && s.Address == service.Address && s.Address6 == service.Address6 && s.Port == service.Port && s.Pool == service.Pool)
                : -1;
            if (twin >= 0)
            {
                // DNS over UDP and TCP on one address and port is one DNS service, whatever the F5 needed two virtuals for.
                services[twin] = services[twin] with { Source = services[twin].Source + " and " + service.Source };
                continue;
            }

            services.Add(service with { Id = UniqueId(v.Name, ids) });
        }

        foreach (var rule in config.Rules)
        {
            skipped.Add(new F5Skipped(rule.Title, rule.Line, Texts.Get("import.f5.skip.irule")));
        }

        foreach (var gtm in config.Gtm)
        {
            skipped.Add(new F5Skipped(gtm.Title, gtm.Line, Texts.Get("import.f5.skip.gtm")));
        }

        if (config.Virtuals.Count == 0)
        {
            warnings.Add(new Diagnostic(file, 1, 1, Texts.Get("import.f5.no-virtual")));
        }

        skipped.Sort((a, b) => a.Line.CompareTo(b.Line));
        return ReadResult<F5Import>.Ok(new F5Import
        {
            Yaml = services.Count == 0 ? null : AccessYaml.Write(services, config.Virtuals.Count, SelfIps(config)),
            VirtualServers = config.Virtuals.Count,
            Translated = translated,
            Services = services.Count,
            Skipped = skipped,
            NotRead = config.NotRead,
            Warnings = [.. warnings.OrderBy(w => w.Line).ThenBy(w => w.Column)],
        }, []);
    }

    /// <summary>
    /// The device's self IPs: <c>address A/len</c> with the length dropped (and a route domain's <c>%N</c>); floating when the
    /// traffic group is not <c>traffic-group-local-only</c>. Self IPs without an address are left out.
    /// </summary>
    private static List<AccessYaml.SelfIp> SelfIps(BigIpConfig config) =>
        config.SelfIps
            .Select(o => (Object: o, Address: o.Text("address")))
            .Where(x => x.Address is { Length: > 0 })
            .Select(x => new AccessYaml.SelfIp(
                x.Address!.Split('/')[0].Split('%')[0],
                x.Object.Text("traffic-group") is { } tg && !tg.EndsWith("traffic-group-local-only", StringComparison.Ordinal),
                $"{x.Object.Title} (line {x.Object.Source.Line})"))
            .ToList();

    /// <summary>
    /// An id in the access alphabet <c>[a-z0-9][a-z0-9._-]*</c> of at most 63 characters from an F5 name: the /Common
    /// partition dropped, other partitions and folders joined by '-', letters lowercased, other characters '-';
    /// "-2", "-3"... added to a name already taken.
    /// </summary>
    internal static string UniqueId(string name, HashSet<string> taken)
    {
        var path = name.StartsWith("/Common/", StringComparison.Ordinal) ? name["/Common/".Length..] : name.TrimStart('/');
        var id = new StringBuilder();
        foreach (var c in path.ToLowerInvariant())
        {
            id.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-' ? c : '-');
        }

        var text = Dashes().Replace(id.ToString(), "-").TrimStart('.', '-');
        text = text.Length == 0 ? "service" : text;
        text = text[..Math.Min(text.Length, MaxId)].TrimEnd('.', '-');
        var unique = text;
        for (var n = 2; !taken.Add(unique); n++)
        {
            var suffix = $"-{n}";
            unique = text[..Math.Min(text.Length, MaxId - suffix.Length)] + suffix;
        }

        return unique;
    }

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();
}
