using System.Diagnostics;

namespace Tahaluf.Cli.Tests;

/// <summary>Runs the real <c>tahaluf</c> executable (the built tahaluf.dll beside the tests) as a child process.</summary>
internal static class CliProcess
{
    public static (int Code, string Output, string Error) Run(string stdin, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "tahaluf.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("tahaluf did not exit within 2 minutes");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
