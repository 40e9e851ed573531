using Shuyaku.Core.Model;

namespace Shuyaku.Core.Tests.Model;

public sealed class QuantitiesTests
{
    [Theory]
    [InlineData("4GiB", QuantityKind.Size, 4096)]
    [InlineData("512MiB", QuantityKind.Size, 512)]
    [InlineData("1TiB", QuantityKind.Size, 1048576)]
    [InlineData("1GB", QuantityKind.Size, 953.67431640625)]
    [InlineData("2.4GHz", QuantityKind.Frequency, 2.4)]
    [InlineData("800MHz", QuantityKind.Frequency, 0.8)]
    [InlineData("300Mbps", QuantityKind.Bandwidth, 300)]
    [InlineData("1Gbps", QuantityKind.Bandwidth, 1000)]
    [InlineData("35%", QuantityKind.Percent, 0.35)]
    [InlineData(" 180 W ", QuantityKind.Power, 180)]
    [InlineData("48 GB", QuantityKind.Size, 45776.3671875)]
    [InlineData("2.8 GHz", QuantityKind.Frequency, 2.8)]
    [InlineData("900000000TiB", QuantityKind.Size, 943718400000000)]
    public void Quantities_with_a_known_unit_parse_to_the_base_unit(string text, QuantityKind kind, double expected)
    {
        Quantities.TryParse(text, kind, out var value, out var error).ShouldBeTrue(error);
        value.ShouldBe(expected, 1e-9);
    }

    [Theory]
    [InlineData("4Gib", QuantityKind.Size, "'4Gib' has an unknown unit 'Gib': units are case-sensitive, did you mean '4GiB'?")]
    [InlineData("4", QuantityKind.Size, "'4' has no unit: write a size with one of KiB, MiB, GiB, TiB, KB, MB, GB, TB, for example '4GiB' or '512MiB'")]
    [InlineData("4XB", QuantityKind.Size, "'4XB' has an unknown unit 'XB': a size takes one of KiB, MiB, GiB, TiB, KB, MB, GB, TB")]
    [InlineData("GiB", QuantityKind.Size, "'GiB' is not a size: write a number followed by a unit, for example '4GiB' or '512MiB'")]
    [InlineData("-2GHz", QuantityKind.Frequency, "'-2GHz' is negative: a frequency must be zero or more")]
    [InlineData("30 percent", QuantityKind.Percent, "'30 percent' has an unknown unit 'percent': a percentage takes one of %")]
    [InlineData("1e308GiB", QuantityKind.Size, "'1e308GiB' is written with an exponent: write the number in plain digits before the unit, for example '4GiB' or '512MiB'")]
    [InlineData("2.4E-3GHz", QuantityKind.Frequency, "'2.4E-3GHz' is written with an exponent: write the number in plain digits before the unit, for example '2.4GHz'")]
    [InlineData("1e3 %", QuantityKind.Percent, "'1e3 %' is written with an exponent: write the number in plain digits before the unit, for example '35%'")]
    [InlineData("99999999999999999999GiB", QuantityKind.Size, "'99999999999999999999GiB' is too large: a size must be at most 10^15 MiB; check the number and the unit")]
    [InlineData("2000000000TiB", QuantityKind.Size, "'2000000000TiB' is too large: a size must be at most 10^15 MiB; check the number and the unit")]
    [InlineData("99999999999999999999%", QuantityKind.Percent, "'99999999999999999999%' is too large: a percentage must be at most 10^17%; check the number and the unit")]
    [InlineData("99999999999999999999kW", QuantityKind.Power, "'99999999999999999999kW' is too large: a power must be at most 10^15 W; check the number and the unit")]
    public void Malformed_quantities_are_rejected_with_a_sentence_saying_what_to_write(string text, QuantityKind kind, string message)
    {
        Quantities.TryParse(text, kind, out _, out var error).ShouldBeFalse();
        error.ShouldBe(message);
    }

    [Fact]
    public void A_number_too_long_for_a_double_is_too_large_not_infinite()
    {
        var text = "1" + new string('0', 400) + "MiB";

        Quantities.TryParse(text, QuantityKind.Size, out var value, out var error).ShouldBeFalse();

        value.ShouldBe(0);
        error.ShouldBe($"'{text}' is too large: a size must be at most 10^15 MiB; check the number and the unit");
    }
}
