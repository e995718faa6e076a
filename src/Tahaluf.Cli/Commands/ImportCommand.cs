using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Tahaluf.Domain;
using Tahaluf.Domain.Items;
using Tahaluf.Scenarios.Import;

namespace Tahaluf.Cli.Commands;

/// <summary>
/// <c>tahaluf import FILE --hub URL --token T</c>: declares the items of a GeoJSON, ASTM F3548 or EUROCAE ED-269 file
/// as the token's partner, through the HTTP API. Exit code 0 when all were accepted, 1 when the hub refused some
/// or could not be reached, 2 when the file cannot be imported.
/// </summary>
public static class ImportCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "GeoJSON Feature/FeatureCollection, F3548 intents (InterUSS uss_qualifier) or ED-269 UASZoneList file." };
        var hub = new Option<string>("--hub") { Description = "Hub address.", DefaultValueFactory = _ => ServeCommand.DefaultUrls };
        var token = new Option<string?>("--token") { Description = "The declaring partner's bearer token (default: $TAHALUF_TOKEN)." };
        var asZone = new Option<bool>("--as-zone") { Description = "Declare GeoJSON features as zones (the default for GeoJSON)." };
        var asOperation = new Option<bool>("--as-operation") { Description = "Declare GeoJSON features as operations." };
        var command = new Command("import", "Declare the items of a GeoJSON, F3548 or ED-269 file as your partner.")
        {
            file, hub, token, asZone, asOperation,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(asZone) && parse.GetValue(asOperation))
            {
                await Console.Error.WriteLineAsync("tahaluf import: --as-zone and --as-operation exclude each other").ConfigureAwait(false);
                return 2;
            }

            ItemKind? kind = parse.GetValue(asZone) ? ItemKind.Zone : parse.GetValue(asOperation) ? ItemKind.Operation : null;
            var (declarations, errors) = DeclarationImporter.Read(parse.GetValue(file)!, kind);
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync($"tahaluf import: {error.Message} [{error.Code}]").ConfigureAwait(false);
                }

                return 2;
            }

            var bearer = parse.GetValue(token) ?? Environment.GetEnvironmentVariable("TAHALUF_TOKEN");
            if (string.IsNullOrEmpty(bearer))
            {
                await Console.Error.WriteLineAsync("tahaluf import: no token: pass --token or set TAHALUF_TOKEN").ConfigureAwait(false);
                return 2;
            }

            using var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(hub)!), Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            var failed = 0;
            foreach (var d in declarations)
            {
                var path = $"/api/v1/{WireNames.Of(d.Kind)}s/{Uri.EscapeDataString(d.Id)}";
                try
                {
                    using var content = new StringContent(d.Body.GetRawText(), Encoding.UTF8, "application/json");
                    using var response = await http.PutAsync(path, content, ct).ConfigureAwait(false);
                    var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        Console.WriteLine($"{WireNames.Of(d.Kind)} {d.Id}: {(int)response.StatusCode} ({d.Source})");
                        continue;
                    }

                    failed++;
                    await Console.Error.WriteLineAsync($"tahaluf import: {Path.GetFileName(parse.GetValue(file))}: {WireNames.Of(d.Kind)} {d.Id} ({d.Source}): refused ({(int)response.StatusCode}): {Problem(text)}").ConfigureAwait(false);
                }
                catch (HttpRequestException e)
                {
                    await Console.Error.WriteLineAsync($"tahaluf import: cannot reach the hub at {http.BaseAddress}: {e.Message}").ConfigureAwait(false);
                    return 1;
                }
            }

            Console.WriteLine($"{declarations.Count - failed} of {declarations.Count} declared.");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static string Problem(string text)
    {
        try
        {
            using var problem = JsonDocument.Parse(text);
            var r = problem.RootElement;
            var field = r.TryGetProperty("field", out var f) ? $" field {f}" : "";
            return $"{r.GetProperty("code").GetString()}{field}: {r.GetProperty("detail").GetString()}";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return text;
        }
    }
}
