using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tahaluf.Hub.Errors;
using Tahaluf.Server.Problems;

namespace Tahaluf.Server.Api;

/// <summary>Shared plumbing for endpoints: JSON bodies in, pre-serialized JSON out.</summary>
internal static class JsonResults
{
    /// <summary>Largest nesting accepted in request bodies.</summary>
    public const int MaxDepth = 64;

    /// <summary>A 200 (or other status) response with a JSON body already serialized by the hub's writers.</summary>
    public static IResult Json(string json, int status = StatusCodes.Status200OK) =>
        Results.Content(json, "application/json", System.Text.Encoding.UTF8, status);

    /// <summary>Reads the request body as one JSON document, or explains why it cannot.</summary>
    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            return (null, ProblemResults.Create(400, HubErrorCodes.MalformedBody, "The request needs a JSON body."));
        }

        try
        {
            var doc = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = MaxDepth }, cancellationToken).ConfigureAwait(false);
            return (doc, null);
        }
        catch (JsonException e)
        {
            return (null, ProblemResults.Create(400, HubErrorCodes.MalformedBody, "The body is not valid JSON: " + e.Message));
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ProblemResults.Create(413, "request.too_large", "The body is larger than the server accepts."));
        }
    }

    /// <summary>A JSON object of an error-free result or the problem for an error.</summary>
    public static IResult OrProblem<T>(HubResult<T> result, Func<T, IResult> ok) =>
        result.Success ? ok(result.Value!) : ProblemResults.From(result.Error);
}
