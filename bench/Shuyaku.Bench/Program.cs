using BenchmarkDotNet.Running;
using Shuyaku.Bench;

if (args.Length > 0 && args[0] == "scale")
{
    return ScaleBenchmark.Run(args[1..], Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(PlacementBenchmarks).Assembly).Run(args);
return 0;
