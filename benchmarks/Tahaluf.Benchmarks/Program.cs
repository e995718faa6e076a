using BenchmarkDotNet.Running;
using Tahaluf.Benchmarks.Geometry;

namespace Tahaluf.Benchmarks;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Runners that need an external service or a one-shot measurement come before BenchmarkDotNet's switcher.
        switch (args.FirstOrDefault())
        {
            case "postgis":
                return await PostGisBaseline.RunAsync(args);
            case "volume-memory":
                VolumeMemoryReport.Run(args);
                return 0;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
