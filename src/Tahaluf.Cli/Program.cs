using System.CommandLine;

namespace Tahaluf.Cli;

/// <summary>The <c>tahaluf</c> executable.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>The process exit code.</returns>
    public static int Main(string[] args)
    {
        var root = new RootCommand("Tahaluf: coalition air-operations information exchange and deconfliction hub.");
        return root.Parse(args).Invoke();
    }
}
