using System.CommandLine;
using System.Globalization;
using Tahaluf.Cli.Conflicts;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Cli.Commands;

/// <summary><c>tahaluf conflicts</c>: all conflicting pairs of an NDJSON file of volumes.</summary>
public static class ConflictsCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var input = new Option<string>("--input", "-i")
        {
            Description = "NDJSON file of {\"id\", \"owner\", \"volume4d\"} lines (ASTM F3548 Volume4D); '-' reads standard input.",
            Required = true,
        };
        var horizontal = new Option<double>("--horizontal-separation-m")
        {
            Description = "Horizontal separation minimum in metres (default 9260, 5 NM).",
            DefaultValueFactory = _ => SeparationMinima.Default.HorizontalM,
        };
        var vertical = new Option<double>("--vertical-separation-m")
        {
            Description = "Vertical separation minimum in metres (default 304.8, 1000 ft).",
            DefaultValueFactory = _ => SeparationMinima.Default.VerticalM,
        };
        var time = new Option<double>("--time-separation-s")
        {
            Description = "Time separation minimum in seconds (default 0).",
            DefaultValueFactory = _ => SeparationMinima.Default.TimeS,
        };
        var command = new Command(
            "conflicts",
            "Print every conflicting pair of volumes of different owners as NDJSON {\"a\", \"b\"}, a < b, sorted. "
            + "Exit code 2 and 'line N: CODE: message' on standard error at the first invalid line.")
        {
            input, horizontal, vertical, time,
        };
        command.SetAction(parse =>
        {
            var minima = new SeparationMinima(parse.GetValue(horizontal), parse.GetValue(vertical), parse.GetValue(time));
            if (!IsValidMinimum(minima.HorizontalM) || !IsValidMinimum(minima.VerticalM) || !IsValidMinimum(minima.TimeS))
            {
                Console.Error.WriteLine("tahaluf conflicts: separation minima must be finite and at least 0");
                return 2;
            }

            var path = parse.GetValue(input)!;
            TextReader reader;
            try
            {
                reader = path == "-" ? Console.In : new StreamReader(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tahaluf conflicts: cannot read '{path}': {e.Message}"));
                return 2;
            }

            using (reader)
            {
                using var stdout = Console.OpenStandardOutput();
                return ConflictBatch.Run(reader, stdout, Console.Error, Console.Error, minima);
            }
        });
        return command;
    }

    private static bool IsValidMinimum(double value) => double.IsFinite(value) && value >= 0;
}
