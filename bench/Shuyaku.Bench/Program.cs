using BenchmarkDotNet.Running;
using Shuyaku.Bench;

// Quality and scale benchmarks are `shuyaku bench …` commands; this runs the BenchmarkDotNet micro-benchmarks.
BenchmarkSwitcher.FromAssembly(typeof(PlacementBenchmarks).Assembly).Run(args);
