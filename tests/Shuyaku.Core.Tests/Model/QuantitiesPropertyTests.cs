using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Tests.Model;

public sealed class QuantitiesPropertyTests
{
    /// <summary>Every unit the estate format documents, with its value in the base unit of its kind.</summary>
    private static readonly (QuantityKind Kind, string Unit, double Factor)[] Units =
    [
        (QuantityKind.Size, "KiB", 1.0 / 1024), (QuantityKind.Size, "MiB", 1), (QuantityKind.Size, "GiB", 1024), (QuantityKind.Size, "TiB", 1024 * 1024),
        (QuantityKind.Size, "KB", 1e3 / (1024 * 1024)), (QuantityKind.Size, "MB", 1e6 / (1024 * 1024)), (QuantityKind.Size, "GB", 1e9 / (1024 * 1024)),
        (QuantityKind.Size, "TB", 1e12 / (1024 * 1024)), (QuantityKind.Frequency, "GHz", 1), (QuantityKind.Frequency, "MHz", 1e-3),
        (QuantityKind.Bandwidth, "Kbps", 1e-3), (QuantityKind.Bandwidth, "Mbps", 1), (QuantityKind.Bandwidth, "Gbps", 1e3),
        (QuantityKind.Percent, "%", 0.01), (QuantityKind.Power, "W", 1), (QuantityKind.Power, "kW", 1e3),
    ];

    /// <summary>Pieces that texts are made of: numbers, signs, points, spaces, units in the right and the wrong case, noise.</summary>
    private static readonly string[] Pieces = ["0", "7", "42", "1.5", ".", "-", "+", " ", "\t", "GiB", "gib", "MB", "GHz", "mhz", "Mbps", "%", "W", "kW", "e3", "x", "µ", "'"];

    [Property(MaxTest = 100, Replay = "(20260511,2026057)")]
    public Property A_written_quantity_parses_back_to_its_value_in_the_base_unit() =>
        Prop.ForAll(
            Arb.From(
                from whole in Gen.Choose(0, 1_000_000)
                from thousandths in Gen.Choose(0, 999)
                from unit in Gen.Elements(Units)
                from space in Gen.Elements("", " ")
                select (Text: string.Create(CultureInfo.InvariantCulture, $"{whole}.{thousandths:000}{space}{unit.Unit}"), unit.Kind, Expected: (whole + (thousandths / 1000.0)) * unit.Factor)),
            q =>
            {
                var parsed = Quantities.TryParse(q.Text, q.Kind, out var value, out var error);
                return (parsed && error.Length == 0 && Math.Abs(value - q.Expected) <= Math.Abs(q.Expected) * 1e-12).Label($"{q.Text} as {q.Kind}: {value}, '{error}'");
            });

    [Property(MaxTest = 100, Replay = "(20260512,2026059)")]
    public Property Any_text_parses_to_zero_or_more_or_yields_an_error_that_quotes_it_and_never_throws() =>
        Prop.ForAll(
            Arb.From(
                from pieces in Gen.ArrayOf(Gen.Elements(Pieces))
                from kind in Gen.Elements(Enum.GetValues<QuantityKind>())
                select (Text: string.Concat(pieces), Kind: kind)),
            q =>
            {
                var parsed = Quantities.TryParse(q.Text, q.Kind, out var value, out var error);
                var consistent = parsed ? value >= 0 && error.Length == 0 : value == 0 && error.StartsWith($"'{q.Text}' ", StringComparison.Ordinal);
                return consistent.Label($"'{q.Text}' as {q.Kind}: {parsed}, {value}, '{error}'");
            });
}
