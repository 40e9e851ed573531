namespace Shuyaku.Core.Move;

/// <summary>
/// The "split-prefix" option of a split subnet (docs/move-format.md): the subnet is cut at one aligned block P inside
/// it, longer than the subnet and at most /30, and either P or the rest of the subnet is routed to the data centre.
/// A server on the wrong side (staying but routed to the data centre, or moving but left behind) is misplaced and
/// changes its address. The block minimises misplaced servers; ties: the longer block, then the lower address, then P
/// (rather than the rest) routed to the data centre.
/// </summary>
internal static class PrefixCover
{
    /// <summary>The longest block a split may cut: four addresses.</summary>
    public const int LongestBlock = 30;

    /// <summary>The block found: P, whether P (true) or the rest (false) goes to the data centre, and the misplaced count.</summary>
    /// <param name="Block">P.</param>
    /// <param name="BlockMoves">True when P is routed to the data centre, false when the rest of the subnet is.</param>
    /// <param name="Misplaced">Servers on the wrong side.</param>
    public sealed record Cut(V4Prefix Block, bool BlockMoves, int Misplaced)
    {
        /// <summary>The prefixes routed to the data centre: P, or the siblings on the path from P up to the subnet, shortest first.</summary>
        public IReadOnlyList<V4Prefix> ToDataCenter(V4Prefix subnet)
        {
            if (BlockMoves)
            {
                return [Block];
            }

            var rest = new List<V4Prefix>();
            for (var b = Block; b.Length > subnet.Length; b = V4Prefix.Block(b.Base, b.Length - 1))
            {
                rest.Add(b.Sibling);
            }

            rest.Reverse();
            return rest;
        }

        /// <summary>Whether an address ends up routed to the data centre.</summary>
        public bool RoutedToDataCenter(uint address) => Block.Contains(address) == BlockMoves;
    }

    /// <summary>
    /// The best cut of <paramref name="subnet"/> between the <paramref name="moving"/> and <paramref name="staying"/>
    /// addresses (all inside it), or null when the subnet is /30 or longer. Only blocks holding an address are
    /// enumerated, plus the lowest empty block of each length, which stand for every empty block: O(n · 30 · log n).
    /// </summary>
    public static Cut? Best(V4Prefix subnet, IReadOnlyList<uint> moving, IReadOnlyList<uint> staying)
    {
        if (subnet.Length >= LongestBlock)
        {
            return null;
        }

        var m = moving.Order().ToArray();
        var s = staying.Order().ToArray();
        var all = m.Concat(s).Order().ToArray();
        Cut? best = null;
        for (var length = LongestBlock; length > subnet.Length; length--)
        {
            var occupied = new List<V4Prefix>();
            foreach (var a in all)
            {
                var block = V4Prefix.Block(a, length);
                if (occupied.Count == 0 || occupied[^1] != block)
                {
                    occupied.Add(block);
                }
            }

            foreach (var block in occupied)
            {
                Consider(ref best, block, Count(m, block), Count(s, block), m.Length, s.Length);
            }

            if (LowestEmpty(subnet, length, occupied) is { } empty)
            {
                Consider(ref best, empty, 0, 0, m.Length, s.Length);
            }
        }

        return best;
    }

    private static void Consider(ref Cut? best, V4Prefix block, int movingIn, int stayingIn, int moving, int staying)
    {
        // P to the data centre: staying servers inside P and moving servers outside it are misplaced; the rest: the reverse.
        var toDc = stayingIn + (moving - movingIn);
        var rest = movingIn + (staying - stayingIn);
        var cut = toDc <= rest ? new Cut(block, true, toDc) : new Cut(block, false, rest);
        if (best is null || cut.Misplaced < best.Misplaced
            || (cut.Misplaced == best.Misplaced && (cut.Block.Length > best.Block.Length
                || (cut.Block.Length == best.Block.Length && cut.Block.Base < best.Block.Base))))
        {
            best = cut;
        }
    }

    /// <summary>Addresses of the sorted <paramref name="sorted"/> inside <paramref name="block"/>, by binary search.</summary>
    private static int Count(uint[] sorted, V4Prefix block) => LowerBound(sorted, (ulong)block.Last + 1) - LowerBound(sorted, block.Base);

    private static int LowerBound(uint[] sorted, ulong value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The lowest block of <paramref name="length"/> inside <paramref name="subnet"/> that holds no address, or null.</summary>
    private static V4Prefix? LowestEmpty(V4Prefix subnet, int length, List<V4Prefix> occupied)
    {
        var step = 1UL << (32 - length);
        ulong candidate = subnet.Base;
        foreach (var block in occupied)
        {
            if (block.Base != candidate)
            {
                break;
            }

            candidate += step;
        }

        return candidate <= subnet.Last ? new V4Prefix((uint)candidate, length) : null;
    }
}
