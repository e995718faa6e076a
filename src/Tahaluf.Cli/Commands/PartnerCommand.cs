using System.CommandLine;
using System.Text.Json;

namespace Tahaluf.Cli.Commands;

/// <summary><c>tahaluf partner add</c>: registers a partner with a running hub and prints its token once.</summary>
public static class PartnerCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "Partner id: 2 to 16 upper-case letters or digits, e.g. RU, TR, CIV." };
        var names = new Option<string[]>("--name") { Description = "Display name per language, LANG=NAME (repeatable), e.g. --name en=Turkey --name ar=تركيا; default en=ID.", AllowMultipleArgumentsPerToken = false };
        var role = new Option<string>("--role") { Description = "member (declares and reads) or observer (reads only).", DefaultValueFactory = _ => "member" };
        role.AcceptOnlyFromAmong("member", "observer");
        var key = new Option<string?>("--public-key") { Description = "Base64 Ed25519 public key used to verify the partner's signed declarations and acks." };
        var add = new Command("add", "Register a partner with a running hub; prints its bearer token once.") { id, names, role, key };
        add.SetAction(async (parse, ct) =>
        {
            var body = new Dictionary<string, object?> { ["role"] = parse.GetValue(role) };
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(names) ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    await Console.Error.WriteLineAsync($"tahaluf partner add: --name '{pair}' must be LANG=NAME").ConfigureAwait(false);
                    return 2;
                }

                map[pair[..eq]] = pair[(eq + 1)..];
            }

            if (map.Count == 0)
            {
                map["en"] = parse.GetValue(id)!;
            }

            body["names"] = map;
            if (parse.GetValue(key) is { } k)
            {
                body["public_key"] = k;
            }

            var (code, response) = await AdminClient.PutAsync(parse, "/api/v1/admin/partners/" + Uri.EscapeDataString(parse.GetValue(id)!), JsonSerializer.Serialize(body), ct).ConfigureAwait(false);
            using (response)
            {
                if (response is not null)
                {
                    Console.WriteLine(response.RootElement.GetProperty("token").GetString());
                    await Console.Error.WriteLineAsync("tahaluf: this token is shown once; give it to the partner over a trusted channel.").ConfigureAwait(false);
                }
            }

            return code;
        });
        var command = new Command("partner", "Manage partners of a running hub (admin).") { add };
        command.Options.Add(AdminClient.Hub);
        command.Options.Add(AdminClient.Token);
        command.Options.Add(AdminClient.DataDir);
        return command;
    }
}
