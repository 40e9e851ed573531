namespace Shuyaku.Core.Placement.Search;

/// <summary>The hash of the tight dimensions outside the table, and the bit-set shifts the tables are built with.</summary>
internal sealed partial class ExactBins
{
    /// <summary>
    /// A unit of demand (<paramref name="wa"/>, <paramref name="wb"/>) added to a table over dimensions a and b (row s: the
    /// sums in b reached with s in a, <paramref name="w"/> words a row): <paramref name="to"/> gets every sum of
    /// <paramref name="from"/> plus the unit. Rows run downwards, so <paramref name="to"/> may be <paramref name="from"/>.
    /// </summary>
    private static void AddToTable(Span<ulong> to, ReadOnlySpan<ulong> from, int rows, int w, int wa, int wb)
    {
        for (var s = rows - 1; s >= wa; s--)
        {
            ShiftOr(to.Slice(s * w, w), from.Slice((s - wa) * w, w), wb);
        }
    }

    /// <summary>
    /// The table over dimensions a and b (b as 0 without it) of the sums the units of <paramref name="rest"/> reach, in
    /// the reused buffer; counted as nodes, one per 256 words of table work. What both forward checks test a unit's room against.
    /// </summary>
    private Span<ulong> ReachTable(IReadOnlyCollection<int> rest)
    {
        var rows = (int)_cap[_a] + 1;
        var w = _words;
        var need = rows * w;
        if (_reachLeft.Length < need)
        {
            _reachLeft = new ulong[need];
        }

        var t = _reachLeft.AsSpan(0, need);
        t.Clear();
        t[0] = 1;
        foreach (var x in rest)
        {
            AddToTable(t, t, rows, w, (int)_dem[(x * _d) + _a], _b < 0 ? 0 : (int)_dem[(x * _d) + _b]);
        }

        _nodes += (rest.Count * need / 256) + 1;
        return t;
    }

    /// <summary>Bits of the hash: the least power of two above the largest capacity (so one dimension is its own hash), from 64 to 4,096.</summary>
    private static int HashBits(long top)
    {
        var bits = 64;
        while (bits <= top && bits < 4096)
        {
            bits *= 2;
        }

        return bits;
    }

    /// <summary>Layer m of the hash table: the (dimension a, hash) pairs the candidates from m on reach.</summary>
    private void BuildHashTable(int[] candidates, int rows)
    {
        var w = _hashWords;
        var layer = (long)rows * w;
        var need = (candidates.Length + 1) * layer;
        if (_hashTable.Length < need)
        {
            _hashTable = new ulong[need];
        }

        var last = candidates.Length * layer;
        _hashTable.AsSpan((int)last, (int)layer).Clear();
        _hashTable[last] = 1;
        for (var m = candidates.Length - 1; m >= 0; m--)
        {
            var from = (m + 1) * layer;
            var to = m * layer;
            Array.Copy(_hashTable, from, _hashTable, to, layer);
            var wa = (int)_dem[(candidates[m] * _d) + _a];
            var h = Hash(candidates[m]);
            for (var s = rows - 1; s >= wa; s--)
            {
                RotateOr(_hashTable.AsSpan((int)(to + ((long)s * w)), w), _hashTable.AsSpan((int)(from + ((long)(s - wa) * w)), w), h);
            }

            _nodes += ((rows - wa) * w / 256) + 1;
        }
    }

    /// <summary>The hash of unit x's demand over the tight dimensions outside the table.</summary>
    private int Hash(int x)
    {
        long h = 0;
        foreach (var k in _others)
        {
            h += _hashWeight[k] * _dem[(x * _d) + k];
        }

        return (int)(h & (_hashBits - 1));
    }

    /// <summary>The hash of a residual, as <see cref="Hash"/>.</summary>
    private int HashOf(long[] residual)
    {
        long h = 0;
        foreach (var k in _others)
        {
            h += _hashWeight[k] * residual[k];
        }

        return (int)(h & (_hashBits - 1));
    }

    /// <summary>Ors <paramref name="from"/> rotated up by <paramref name="shift"/> bits (within its length) into <paramref name="into"/>.</summary>
    private static void RotateOr(Span<ulong> into, ReadOnlySpan<ulong> from, int shift)
    {
        var bits = from.Length * 64;
        ShiftOr(into, from, shift);
        if (shift == 0)
        {
            return;
        }

        // The bits that pass the top come in at the bottom: bit i goes to i + shift − bits.
        var down = bits - shift;
        var wordShift = down >> 6;
        var bitShift = down & 63;
        for (var i = 0; i + wordShift < from.Length; i++)
        {
            var src = i + wordShift;
            var v = from[src] >> bitShift;
            if (bitShift != 0 && src + 1 < from.Length)
            {
                v |= from[src + 1] << (64 - bitShift);
            }

            into[i] |= v;
        }
    }

    private static void ShiftOr(Span<ulong> into, ReadOnlySpan<ulong> from, int shift)
    {
        var wordShift = shift >> 6;
        var bitShift = shift & 63;
        for (var i = into.Length - 1; i >= wordShift; i--)
        {
            var src = i - wordShift;
            var v = from[src] << bitShift;
            if (bitShift != 0 && src > 0)
            {
                v |= from[src - 1] >> (64 - bitShift);
            }

            into[i] |= v;
        }
    }
}
