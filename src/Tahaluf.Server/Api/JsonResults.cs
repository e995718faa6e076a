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
    public static IResult Json(string json, int status = StatusCodes.Status200OK) => new Utf8JsonResult(json, null, status);

    /// <summary>A response whose body <paramref name="write"/> serializes straight to UTF-8, with no string in between.</summary>
    public static IResult Json(Action<Utf8JsonWriter> write, int status = StatusCodes.Status200OK) => new Utf8JsonResult(null, Hub.Serialization.ScratchJson.ToUtf8(write), status);

    /// <summary>Reads the request body as one JSON document, or explains why it cannot.</summary>
    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (doc, _, problem) = await ReadBodyBytesAsync(request, cancellationToken).ConfigureAwait(false);
        return (doc, problem);
    }

    /// <summary>Reads the request body's exact bytes and parses them as one JSON document.</summary>
    public static async Task<(JsonDocument? Document, byte[] Raw, IResult? Problem)> ReadBodyBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            return (null, [], ProblemResults.Create(400, HubErrorCodes.MalformedBody, "The request needs a JSON body."));
        }

        try
        {
            var raw = await ReadAllAsync(request, cancellationToken).ConfigureAwait(false);

            // JSON text must be UTF-8 (RFC 8259); the parser only checks string contents when they are read.
            if (!System.Text.Unicode.Utf8.IsValid(raw))
            {
                return (null, [], ProblemResults.Create(400, HubErrorCodes.MalformedBody, "The body is not valid UTF-8."));
            }

            var doc = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return (doc, raw, null);
        }
        catch (JsonException e)
        {
            return (null, [], ProblemResults.Create(400, HubErrorCodes.MalformedBody, "The body is not valid JSON: " + e.Message));
        }
        catch (EndOfStreamException)
        {
            return (null, [], ProblemResults.Create(400, HubErrorCodes.MalformedBody, "The body ended before the length its Content-Length header gave."));
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, [], ProblemResults.Create(413, "request.too_large", "The body is larger than the server accepts."));
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
        {
            // Kestrel's limits (a body slower than the minimum rate, a broken chunked encoding) are the client's fault, not a 500.
            return (null, [], ProblemResults.Create(e.StatusCode, e.StatusCode == StatusCodes.Status408RequestTimeout ? "request.timeout" : HubErrorCodes.MalformedBody, "The body could not be read: " + e.Message));
        }
    }

    // A body whose length the request declares, and no larger than this, is read straight into an array of that size:
    // no growing buffer, no copy. Larger or unannounced ones go through a buffer, and Kestrel's limit stops them.
    private const long ReadIntoExactArrayUpTo = 1 << 20;

    private static async Task<byte[]> ReadAllAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var length = request.ContentLength;
        var limit = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (length is > 0 and <= ReadIntoExactArrayUpTo && (limit is null || length <= limit))
        {
            var raw = new byte[length.Value];
            await request.Body.ReadExactlyAsync(raw, cancellationToken).ConfigureAwait(false);
            return raw;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>The base64 Ed25519 signature in the <c>Tahaluf-Signature</c> header, empty when absent, or a problem when malformed.</summary>
    public static (System.Collections.Immutable.ImmutableArray<byte> Signature, IResult? Problem) ReadSignature(HttpRequest request)
    {
        var header = request.Headers[Tahaluf.Hub.Signing.RequestSignature.Header].ToString();
        if (header.Length == 0)
        {
            return ([], null);
        }

        var bytes = new byte[64];
        return Convert.TryFromBase64String(header.Trim(), bytes, out var written) && written == 64
            ? ([.. bytes], null)
            : ([], ProblemResults.Create(400, HubErrorCodes.InvalidSignature, "Tahaluf-Signature must be a base64 Ed25519 signature (64 bytes).", Tahaluf.Hub.Signing.RequestSignature.Header));
    }

    /// <summary>A JSON object of an error-free result or the problem for an error.</summary>
    public static IResult OrProblem<T>(HubResult<T> result, Func<T, IResult> ok) =>
        result.Success ? ok(result.Value!) : ProblemResults.From(result.Error);

    /// <summary>
    /// Writes a JSON body into the response pipe: text encoded as UTF-8 on the way, or bytes already UTF-8.
    /// <c>Results.Content</c> parses its content type on every response to find the encoding and encodes into a new
    /// array; this type knows both.
    /// </summary>
    private sealed class Utf8JsonResult(string? text, byte[]? utf8, int status) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
    {
        public int? StatusCode => status;

        public string ContentType => "application/json; charset=utf-8";

        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = ContentType;
            if (utf8 is not null)
            {
                response.ContentLength = utf8.Length;
                return response.BodyWriter.WriteAsync(utf8).AsTask();
            }

            response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(text!);
            System.Text.EncodingExtensions.GetBytes(System.Text.Encoding.UTF8, text, response.BodyWriter);
            return response.BodyWriter.FlushAsync().AsTask();
        }
    }
}
