using System.Text;

namespace Shuyaku.Core.Tests.Support;

/// <summary>
/// Turns a small valid input into a damaged one, reproducibly from a seed: truncations, byte flips, inserted, deleted
/// and repeated lines, numbers replaced by extreme ones, deep nesting, empty files and binary garbage. For fuzz tests
/// of the readers, which must answer every case with a value or diagnostics, never an exception.
/// </summary>
internal sealed class SeededMutator(int seed)
{
    /// <summary>Numbers a reader must refuse or take without overflowing.</summary>
    public static readonly string[] Extremes =
        ["1e308", "-1e308", "NaN", "Infinity", "-Infinity", "99999999999999999999", "-99999999999999999999", "1e-320", "-0", "4e38", "9223372036854775807", "-9223372036854775808", "253402300800", ""];

    private readonly Random _random = new(seed);

    /// <summary>One damaged copy of <paramref name="text"/>, with a few words saying what was done.</summary>
    public (byte[] Bytes, string What) Mutate(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = text.Split('\n').ToList();
        switch (_random.Next(12))
        {
            case 0:
                var cut = _random.Next(bytes.Length + 1);
                return (bytes[..cut], $"truncated at byte {cut}");
            case 1:
                var flips = 1 + _random.Next(4);
                var flipped = (byte[])bytes.Clone();
                for (var i = 0; i < flips && flipped.Length > 0; i++)
                {
                    flipped[_random.Next(flipped.Length)] ^= (byte)(1 << _random.Next(8));
                }

                return (flipped, $"{flips} bits flipped");
            case 2:
                var at = _random.Next(lines.Count + 1);
                lines.Insert(at, Pick(lines) + Pick(Extremes));
                return (Join(lines), $"line inserted at {at}");
            case 3:
                var gone = _random.Next(lines.Count);
                lines.RemoveAt(gone);
                return (Join(lines), $"line {gone} deleted");
            case 4:
                var copy = _random.Next(lines.Count);
                lines.Insert(copy, lines[copy]);
                return (Join(lines), $"line {copy} repeated");
            case 5:
            case 6:
                var extreme = Pick(Extremes);
                return (Encoding.UTF8.GetBytes(ReplaceNumber(text, extreme)), $"a number replaced by '{extreme}'");
            case 7:
                return ([], "empty");
            case 8:
                var garbage = new byte[1 + _random.Next(512)];
                _random.NextBytes(garbage);
                return (garbage, "binary garbage");
            case 9:
                var depth = 1 + _random.Next(10_000);
                return (Encoding.UTF8.GetBytes(new string('[', depth) + text + new string(']', _random.Next(depth + 1))), $"{depth} '[' in front");
            case 10:
                var long1 = _random.Next(lines.Count);
                lines[long1] += new string('9', 1 + _random.Next(400));
                return (Join(lines), $"line {long1} lengthened with nines");
            default:
                var a = _random.Next(bytes.Length + 1);
                var b = _random.Next(bytes.Length + 1);
                var (from, to) = (Math.Min(a, b), Math.Max(a, b));
                return ([.. bytes[..from], .. bytes[to..]], $"bytes {from}..{to} deleted");
        }
    }

    private string ReplaceNumber(string text, string extreme)
    {
        var starts = new List<(int Start, int Length)>();
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]) && (i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1])))
            {
                var end = i;
                while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
                {
                    end++;
                }

                starts.Add((i, end - i));
                i = end;
            }
        }

        if (starts.Count == 0)
        {
            return text + extreme;
        }

        var (start, length) = starts[_random.Next(starts.Count)];
        return text[..start] + extreme + text[(start + length)..];
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static byte[] Join(List<string> lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines));
}
