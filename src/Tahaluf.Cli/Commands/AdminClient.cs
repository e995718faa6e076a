using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Tahaluf.Cli.Commands;

/// <summary>Options and HTTP plumbing shared by the admin commands (<c>partner</c>, <c>agreement</c>).</summary>
internal static class AdminClient
{
    public static Option<string> Hub { get; } = new("--hub") { Description = "Hub address.", DefaultValueFactory = _ => ServeCommand.DefaultUrls, Recursive = true };

    public static Option<string?> Token { get; } = new("--admin-token") { Description = "Admin credential (default: $TAHALUF_ADMIN_TOKEN, else DATA_DIR/admin.token).", Recursive = true };

    public static Option<string> DataDir { get; } = new("--data-dir") { Description = "Where to find admin.token when no token is given.", DefaultValueFactory = _ => ".tahaluf", Recursive = true };

    public static async Task<(int Code, JsonDocument? Body)> PutAsync(ParseResult parse, string path, string json, CancellationToken ct)
    {
        var token = parse.GetValue(Token) ?? Environment.GetEnvironmentVariable("TAHALUF_ADMIN_TOKEN");
        if (token is null)
        {
            var file = Path.Combine(parse.GetValue(DataDir)!, "admin.token");
            if (!File.Exists(file))
            {
                await Console.Error.WriteLineAsync($"tahaluf: no admin token: pass --admin-token, set TAHALUF_ADMIN_TOKEN, or run from where {file} exists").ConfigureAwait(false);
                return (2, null);
            }

            token = (await File.ReadAllTextAsync(file, ct).ConfigureAwait(false)).Trim();
        }

        using var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(Hub)!), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await http.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"tahaluf: cannot reach the hub at {http.BaseAddress}: {e.Message}").ConfigureAwait(false);
            return (1, null);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var detail = text;
                try
                {
                    using var problem = JsonDocument.Parse(text);
                    detail = $"{problem.RootElement.GetProperty("code").GetString()}: {problem.RootElement.GetProperty("detail").GetString()}";
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
                {
                }

                await Console.Error.WriteLineAsync($"tahaluf: the hub refused ({(int)response.StatusCode}): {detail}").ConfigureAwait(false);
                return (1, null);
            }

            return (0, JsonDocument.Parse(text));
        }
    }
}
