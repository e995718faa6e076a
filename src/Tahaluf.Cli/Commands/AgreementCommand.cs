using System.CommandLine;
using System.Text.Json;

namespace Tahaluf.Cli.Commands;

/// <summary><c>tahaluf agreement set OWNER RECIPIENT KIND LEVEL</c>.</summary>
public static class AgreementCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var owner = new Argument<string>("OWNER") { Description = "Partner that releases." };
        var recipient = new Argument<string>("RECIPIENT") { Description = "Partner that receives." };
        var kind = new Argument<string>("KIND") { Description = "operation, zone, track or report." };
        kind.AcceptOnlyFromAmong("operation", "zone", "track", "report");
        var level = new Argument<string>("LEVEL") { Description = "none, safety, envelope or full." };
        level.AcceptOnlyFromAmong("none", "safety", "envelope", "full");
        var set = new Command("set", "Set the level at which OWNER releases items of KIND to RECIPIENT.") { owner, recipient, kind, level };
        set.SetAction(async (parse, ct) =>
        {
            var path = $"/api/v1/admin/agreements/{Uri.EscapeDataString(parse.GetValue(owner)!)}/{Uri.EscapeDataString(parse.GetValue(recipient)!)}";
            var body = JsonSerializer.Serialize(new Dictionary<string, string> { [parse.GetValue(kind)!] = parse.GetValue(level)! });
            var (code, response) = await AdminClient.PutAsync(parse, path, body, ct).ConfigureAwait(false);
            using (response)
            {
                if (response is not null)
                {
                    Console.WriteLine($"{parse.GetValue(owner)} -> {parse.GetValue(recipient)} {parse.GetValue(kind)}: {parse.GetValue(level)}");
                }
            }

            return code;
        });
        var command = new Command("agreement", "Manage release agreements of a running hub (admin).") { set };
        command.Options.Add(AdminClient.Hub);
        command.Options.Add(AdminClient.Token);
        command.Options.Add(AdminClient.DataDir);
        return command;
    }
}
