using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Web.Storage;

namespace Shuyaku.Web.Pages;

/// <summary>
/// Done plans as read back for their pages and downloads, kept for the next request. A done plan, its estate file and the
/// guests it left out never change, so the estate read and checked, the plan read, the checker's verdict and the page's
/// report sections (per language) are kept for the plans viewed most recently: at most <see cref="MaxPlans"/> plans and
/// <see cref="MaxWorkloads"/> workloads in all; a plan whose estate has more is read anew on every request. An entry is
/// found by the plan's id, its estate's digest and the SHA-256 of the stored plan.json, so rows that differ (a database
/// restored, an id used again) are read anew.
/// </summary>
/// <param name="maxWorkloads">The workloads kept in all at most (<see cref="MaxWorkloads"/> in the console).</param>
internal sealed class PlanViews(int maxWorkloads = PlanViews.MaxWorkloads)
{
    /// <summary>Plans kept at most.</summary>
    public const int MaxPlans = 8;

    /// <summary>Workloads of the kept plans' estates in all at most (a parsed estate of 10,000 workloads holds tens of MB).</summary>
    public const int MaxWorkloads = 50_000;

    private readonly Lock _gate = new();
    private readonly LinkedList<View> _recent = []; // most recently used first
    private int _reads;

    /// <summary>Estates read and checked so far (for tests: a kept plan reads none).</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>
    /// The view of <paramref name="record"/> (done, with its plan.json) on <paramref name="estate"/>: the kept one, or one
    /// made by <paramref name="load"/> (null when the files do not read, which is not kept).
    /// </summary>
    public async Task<View?> GetAsync(PlanRecord record, EstateRecord estate, Func<Task<(Estate Estate, Plan Plan)?>> load)
    {
        var key = new Key(record.Id, estate.Digest, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(record.PlanJson ?? ""))));
        lock (_gate)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key)
                {
                    _recent.Remove(node);
                    _recent.AddFirst(node);
                    return node.Value;
                }
            }
        }

        Interlocked.Increment(ref _reads);
        if (await load() is not { } loaded)
        {
            return null;
        }

        var view = new View(key, loaded.Estate, loaded.Plan);
        if (view.Estate.Workloads.Count <= maxWorkloads)
        {
            lock (_gate)
            {
                if (_recent.All(v => v.Key != key))
                {
                    _recent.AddFirst(view);
                }

                while (_recent.Count > MaxPlans || _recent.Sum(v => v.Estate.Workloads.Count) > maxWorkloads)
                {
                    _recent.RemoveLast();
                }
            }
        }

        return view;
    }

    /// <summary>What finds a kept view.</summary>
    public sealed record Key(long PlanId, string EstateDigest, string PlanDigest);

    /// <summary>One done plan read back, its checker's verdict (after the plan's own failures) and rendered sections, each made once.</summary>
    public sealed class View(Key key, Estate estate, Plan plan)
    {
        private readonly Lazy<CheckReport> _check = new(() => Checker.Check(estate, plan, null, plan.Inputs.Failures));
        private readonly ConcurrentDictionary<string, Lazy<string>> _sections = new(StringComparer.Ordinal);

        public Key Key { get; } = key;

        /// <summary>The estate the plan was made of: without the guests that were retired when it ran.</summary>
        public Estate Estate { get; } = estate;

        public Plan Plan { get; } = plan;

        /// <summary>The checker's verdict on the plan after every set of its own failures, as the planner checked it.</summary>
        public CheckReport Check => _check.Value;

        /// <summary>What <paramref name="render"/> gives in <paramref name="language"/>, rendered once per language.</summary>
        public string Sections(string language, Func<string> render) => _sections.GetOrAdd(language, _ => new Lazy<string>(render)).Value;
    }
}
