namespace Shuyaku.Core.Move;

/// <summary>Strongly connected components of a graph over units, by Tarjan's algorithm without recursion.</summary>
internal static class UnitComponents
{
    /// <summary>
    /// Each node's component; components are numbered so that every edge leads to the same component or one with a
    /// smaller number (what a node needs comes first).
    /// </summary>
    public static int[] Of(IReadOnlyList<List<int>> edges, out int count)
    {
        var n = edges.Count;
        var index = Enumerable.Repeat(-1, n).ToArray();
        var low = new int[n];
        var component = Enumerable.Repeat(-1, n).ToArray();
        var onStack = new bool[n];
        var stack = new Stack<int>();
        var counter = 0;
        count = 0;
        for (var root = 0; root < n; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            var calls = new Stack<(int Node, int Edge)>();
            calls.Push((root, 0));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack[root] = true;
            while (calls.Count > 0)
            {
                var (v, e) = calls.Pop();
                if (e < edges[v].Count)
                {
                    calls.Push((v, e + 1));
                    var w = edges[v][e];
                    if (index[w] < 0)
                    {
                        index[w] = low[w] = counter++;
                        stack.Push(w);
                        onStack[w] = true;
                        calls.Push((w, 0));
                    }
                    else if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }

                    continue;
                }

                if (low[v] == index[v])
                {
                    int x;
                    do
                    {
                        x = stack.Pop();
                        onStack[x] = false;
                        component[x] = count;
                    }
                    while (x != v);

                    count++;
                }

                if (calls.Count > 0)
                {
                    var parent = calls.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }

        return component;
    }
}
