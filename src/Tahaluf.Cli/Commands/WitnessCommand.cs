using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Tahaluf.Cli.Ledger;
using Tahaluf.Ledger.Notes;

namespace Tahaluf.Cli.Commands;

/// <summary><c>tahaluf witness</c>: fetches the hub's checkpoint, checks it extends the last one seen, cosigns it.</summary>
public static class WitnessCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var hub = new Option<string>("--hub") { Description = "Hub address.", Required = true };
        var state = new Option<FileInfo>("--state") { Description = "File holding the last accepted checkpoint (created on first use).", Required = true };
        var hubKey = new Option<string>("--hub-key") { Description = "The hub's verifier key, pinned beforehand.", Required = true };
        var key = new Option<FileInfo>("--key") { Description = "The witness's cosigning key file (created on first use).", DefaultValueFactory = _ => new FileInfo("witness.key") };
        var name = new Option<string>("--name") { Description = "Witness key name, used when creating the key.", DefaultValueFactory = _ => "tahaluf-witness" };
        var token = new Option<string?>("--token") { Description = "A partner bearer token (default: $TAHALUF_TOKEN)." };
        var watch = new Option<int>("--watch") { Description = "Repeat every N seconds (0: once).", DefaultValueFactory = _ => 0 };
        var command = new Command("witness", "Check that the hub's log only grows (consistency with the last checkpoint seen), cosign it, and refuse loudly on a fork.")
        {
            hub, state, hubKey, key, name, token, watch,
        };
        command.SetAction(async (parse, ct) =>
        {
            var verifier = NoteVerifier.Parse(parse.GetValue(hubKey));
            if (!verifier.Success)
            {
                await Console.Error.WriteLineAsync("tahaluf witness: --hub-key is not a C2SP verifier key: " + verifier.Error.Message).ConfigureAwait(false);
                return 2;
            }

            using var signer = await LoadOrCreateKeyAsync(parse.GetValue(key)!, parse.GetValue(name)!, ct).ConfigureAwait(false);
            using var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(hub)!), Timeout = TimeSpan.FromSeconds(30) };
            var bearer = parse.GetValue(token) ?? Environment.GetEnvironmentVariable("TAHALUF_TOKEN");
            if (bearer is not null)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            while (true)
            {
                var code = await StepAsync(http, parse.GetValue(state)!, verifier.Value!, signer, ct).ConfigureAwait(false);
                if (code != 0 || parse.GetValue(watch) <= 0)
                {
                    return code;
                }

                await Task.Delay(TimeSpan.FromSeconds(parse.GetValue(watch)), ct).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<int> StepAsync(HttpClient http, FileInfo state, NoteVerifier hubKey, NoteSigner signer, CancellationToken ct)
    {
        string next;
        try
        {
            next = await http.GetStringAsync("/api/v1/ledger/checkpoint", ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"tahaluf witness: cannot fetch the checkpoint: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        var last = state.Exists ? await File.ReadAllTextAsync(state.FullName, ct).ConfigureAwait(false) : null;
        var refusal = await WitnessCheck.CheckAsync(last, next, hubKey, async (from, to) =>
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(string.Create(CultureInfo.InvariantCulture, $"/api/v1/ledger/proofs/consistency?from={from}&to={to}"), ct).ConfigureAwait(false));
            return [.. doc.RootElement.GetProperty("proof").EnumerateArray().Select(p => p.GetBytesFromBase64())];
        }).ConfigureAwait(false);
        if (refusal is not null)
        {
            await Console.Error.WriteLineAsync("tahaluf witness: REFUSED — the hub's log is not consistent with what this witness saw before: " + refusal).ConfigureAwait(false);
            await Console.Error.WriteLineAsync("tahaluf witness: keep both checkpoints as evidence; the state file was not changed.").ConfigureAwait(false);
            return 3;
        }

        var cosigned = WitnessCheck.Cosign(next, signer, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await File.WriteAllTextAsync(state.FullName, next, ct).ConfigureAwait(false);
        Console.Write(cosigned);
        return 0;
    }

    private static async Task<NoteSigner> LoadOrCreateKeyAsync(FileInfo file, string name, CancellationToken ct)
    {
        if (file.Exists)
        {
            var parsed = NoteSigner.Parse((await File.ReadAllTextAsync(file.FullName, ct).ConfigureAwait(false)).Trim());
            return parsed.Success ? parsed.Value! : throw new InvalidDataException($"{file.FullName}: {parsed.Error.Message}");
        }

        var signer = NoteSigner.Generate(name, NoteKeyType.Ed25519Cosignature);
        await File.WriteAllTextAsync(file.FullName, signer.SignerKey + "\n", ct).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await Console.Error.WriteLineAsync($"tahaluf witness: created key {file.FullName}; verifier key: {signer.Verifier.VerifierKey}").ConfigureAwait(false);
        return signer;
    }
}
