using System.Text.Json;

namespace Tahaluf.Server.Tests;

/// <summary>Reads server-sent events from the live feed until a condition holds or a timeout passes.</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<SseReader> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>Reads events until <paramref name="until"/> returns true for one; returns all read. Fails after the timeout.</summary>
    public async Task<List<(string Id, string Type, JsonElement Data)>> ReadUntilAsync(Func<string, JsonElement, bool> until, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        var events = new List<(string, string, JsonElement)>();
        string id = "", type = "message", data = "";
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("The feed ended.");
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    var element = JsonDocument.Parse(data).RootElement.Clone();
                    events.Add((id, type, element));
                    if (until(type, element))
                    {
                        return events;
                    }
                }

                type = "message";
                data = "";
                continue;
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data += line[6..];
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
