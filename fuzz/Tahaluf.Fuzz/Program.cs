using SharpFuzz;
using Tahaluf.Fuzz;

// Usage:
//   Tahaluf.Fuzz <target>                 run under afl-fuzz (SharpFuzz out-of-process fork server, input on stdin)
//   Tahaluf.Fuzz replay [-v] <target> <dir>  run every file of <dir> in-process; exit 1 on any crash or hang;
//                                         -v prints each input's outcome (accepted, or the refusal's code)
//   Tahaluf.Fuzz list                     print "name<TAB>what it covers" per target
//   Tahaluf.Fuzz seed <corpus-root>       (re)write the generated binary seeds
if (args.Length == 0)
{
    return Usage();
}

switch (args[0])
{
    case "list":
        foreach (var t in FuzzTargets.All)
        {
            Console.WriteLine($"{t.Name}\t{t.Covers}");
        }

        return 0;
    case "replay" when args.Length == 3:
        return FuzzTargets.Find(args[1]) is { } replayed ? Replay.Run(replayed, args[2], verbose: false) : Usage();
    case "replay" when args.Length == 4 && args[1] == "-v":
        return FuzzTargets.Find(args[2]) is { } shown ? Replay.Run(shown, args[3], verbose: true) : Usage();
    case "seed" when args.Length == 2:
        Seeds.Write(args[1]);
        return 0;
}

if (args.Length != 1 || FuzzTargets.Find(args[0]) is not { } target)
{
    return Usage();
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    _ = target.Run(memory.ToArray());
});
return 0;

static int Usage()
{
    Console.Error.WriteLine("usage: Tahaluf.Fuzz <target> | replay [-v] <target> <dir> | list | seed <corpus-root>");
    Console.Error.WriteLine("targets: " + string.Join(", ", FuzzTargets.All.Select(t => t.Name)));
    return 2;
}
