using System.CommandLine;
using Tahaluf.Cli.Commands;

namespace Tahaluf.Cli;

/// <summary>The <c>tahaluf</c> executable.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>The process exit code: 0 on success, 2 on invalid input, 1 on other failures.</returns>
    public static int Main(string[] args) => BuildRootCommand().Parse(args).Invoke();

    /// <summary>Builds the command tree; separate from <see cref="Main"/> so tests can run commands in-process.</summary>
    /// <returns>The root command.</returns>
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand(
            "Tahaluf: coalition air-operations information exchange and deconfliction hub. "
            + "Safety of flight only: no targeting, strike planning or weapon control.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ConflictsCommand.Create());
        root.Subcommands.Add(PartnerCommand.Create());
        root.Subcommands.Add(AgreementCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(WitnessCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        return root;
    }
}
