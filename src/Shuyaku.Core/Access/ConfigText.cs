using System.Globalization;
using System.Net;
using System.Text;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Access;

/// <summary>One generated configuration file, and which virtual service (or balancer) each of its lines comes from.</summary>
/// <param name="Name">The file name, without folder.</param>
/// <param name="Text">Its content, lines ending in '\n'.</param>
/// <param name="Origins">For line i+1, the id of the estate element that produced it (a service or balancer id), or null.</param>
public sealed record GeneratedFile(string Name, string Text, IReadOnlyList<string?> Origins)
{
    /// <summary>The element that produced line <paramref name="line"/> (counted from 1), or null.</summary>
    public string? OriginOf(int line) => line >= 1 && line <= Origins.Count ? Origins[line - 1] : null;
}

/// <summary>Builds a configuration file line by line, remembering the element each line comes from.</summary>
internal sealed class ConfigText(string name)
{
    private readonly StringBuilder _text = new();
    private readonly List<string?> _origins = [];

    /// <summary>The element the next lines come from; null for lines of no element.</summary>
    public string? Origin { get; set; }

    /// <summary>Appends one line; a line must hold no control character (values are checked before they get here).</summary>
    public ConfigText Line(string line = "")
    {
        if (line.Any(char.IsControl))
        {
            throw new InvalidOperationException($"a generated line holds a control character: {line.Length} characters");
        }

        _text.Append(line).Append('\n');
        _origins.Add(Origin);
        return this;
    }

    /// <summary>The file as built.</summary>
    public GeneratedFile Build() => new(name, _text.ToString(), [.. _origins]);
}

/// <summary>How values are written into daemon configurations: invariant numbers, canonical addresses, explicit units.</summary>
internal static class Emit
{
    /// <summary>A whole number in invariant digits.</summary>
    public static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A number in invariant digits with at most three decimals.</summary>
    public static string D(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A duration in milliseconds with its unit, as HAProxy and nginx read it.</summary>
    public static string Ms(int ms) => N(ms) + "ms";

    /// <summary>The canonical text of an address (checked: it must parse).</summary>
    public static string Address(string text) => IPAddress.Parse(text).ToString();

    /// <summary>Whether the text is an IPv6 address.</summary>
    public static bool IsV6(string text) => IPAddress.Parse(text).AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

    /// <summary>address:port, IPv6 in brackets.</summary>
    public static string Endpoint(string address, int port) =>
        IsV6(address) ? $"[{Address(address)}]:{N(port)}" : $"{Address(address)}:{N(port)}";

    /// <summary>The virtual addresses of a service.</summary>
    public static IEnumerable<string> Vips(VirtualService s) => new[] { s.Address, s.Address6 }.OfType<string>();

    /// <summary>A daemon-safe name: the id itself (checked by <see cref="AccessSafety"/>), '.' turned to '_' where a daemon wants identifiers.</summary>
    public static string Ident(string id) => id.Replace('.', '_').Replace('-', '_');
}
