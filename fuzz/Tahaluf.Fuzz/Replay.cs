using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Tahaluf.Fuzz;

/// <summary>
/// Runs a folder of inputs through one target in-process, the way a regression test would: any exception, or a run
/// longer than <see cref="Timeout"/>, fails the replay. A stack overflow or OOM kills the process, which then exits
/// non-zero too; the "replay: file" line printed before each input names the culprit.
/// </summary>
internal static class Replay
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static int Run(FuzzTarget target, string directory, bool verbose)
    {
        EnableTraceMap();
        if (!Directory.Exists(directory))
        {
            Console.WriteLine($"replay {target.Name}: no folder {directory}, nothing to run");
            return 0;
        }

        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith("README", StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var failed = 0;
        var hung = false;
        foreach (var file in files)
        {
            Console.Error.WriteLine($"replay {target.Name}: {file}");
            var data = File.ReadAllBytes(file);
            var clock = Stopwatch.StartNew();
            var run = Task.Run(() => target.Run(data));
            string? outcome = null;
            if (Task.WaitAny([run], Timeout) < 0)
            {
                Console.WriteLine($"replay {target.Name}: HANG {file}: still running after {Timeout.TotalSeconds} s");
                failed++;
                hung = true;
                continue;
            }

            if (run.Exception?.InnerException is { } e)
            {
                failed++;
                Console.WriteLine($"replay {target.Name}: CRASH {file}: {e.GetType().FullName}: {e.Message}");
                foreach (var line in (e.StackTrace ?? string.Empty).Split('\n').Take(8))
                {
                    Console.WriteLine("    " + line.Trim());
                }
            }
            else
            {
                outcome = run.Result;
            }

            if (outcome is not null && clock.Elapsed > Timeout)
            {
                failed++;
                Console.WriteLine($"replay {target.Name}: HANG {file}: took {clock.Elapsed.TotalSeconds:F1} s");
            }
            else if (verbose && outcome is not null)
            {
                Console.WriteLine($"  {Path.GetFileName(file)}: {outcome}");
            }
        }

        Console.WriteLine($"replay {target.Name} {directory}: {files.Count - failed} of {files.Count} inputs clean");
        Console.Out.Flush();
        if (hung)
        {
            // A hung run cannot be stopped; leave without waiting for its thread.
            Environment.Exit(1);
        }

        return failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// Assemblies instrumented by sharpfuzz write coverage into a map that SharpFuzz only sets up under afl-fuzz;
    /// give them one so the replay can run the instrumented build as well as a plain one.
    /// </summary>
    private static unsafe void EnableTraceMap()
    {
        if (SharpFuzz.Common.Trace.SharedMem == null)
        {
            SharpFuzz.Common.Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(1 << 16);
        }
    }
}
