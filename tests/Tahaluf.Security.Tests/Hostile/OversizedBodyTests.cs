using System.Net;
using System.Text;

namespace Tahaluf.Security.Tests.Hostile;

/// <summary>Bodies over <c>MaxRequestBodyBytes</c> (16 KiB here): 413 <c>request.too_large</c>, with or without Content-Length.</summary>
public sealed class OversizedBodyTests : IAsyncLifetime
{
    private const int Limit = 16 * 1024;
    private HostileHub _hub = null!;

    public async Task InitializeAsync() => _hub = await HostileHub.StartAsync(s => s with { MaxRequestBodyBytes = Limit });

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private static byte[] Oversized() =>
        Encoding.UTF8.GetBytes("{\"state\":\"active\",\"remarks\":\"" + new string('x', 4 * Limit) + "\",\"volumes\":[]}");

    [Theory]
    [InlineData("/api/v1/operations/too-big", "PUT")]
    [InlineData("/api/v1/tracks", "POST")]
    public async Task Body_WithContentLengthOverLimit_Is413TooLarge(string path, string method)
    {
        var before = _hub.Footprint();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(Oversized()) };
        request.Content.Headers.ContentType = new("application/json");
        await HostileHub.AssertProblemAsync(await _hub.A.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        Assert.Equal(before, _hub.Footprint());
        await _hub.AssertServesWellBehavedPartnerAsync();
    }

    [Theory]
    [InlineData("/api/v1/operations/too-big-chunked", "PUT")]
    [InlineData("/api/v1/tracks", "POST")]
    public async Task Body_ChunkedOverLimit_Is413TooLarge(string path, string method)
    {
        var before = _hub.Footprint();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StreamContent(new UnknownLengthStream(Oversized())) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        Assert.Null(request.Content.Headers.ContentLength);
        await HostileHub.AssertProblemAsync(await _hub.A.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        Assert.Equal(before, _hub.Footprint());
        await _hub.AssertServesWellBehavedPartnerAsync();
    }

    [Fact]
    public async Task AdminBody_OverLimit_Is413TooLarge()
    {
        var body = "{\"names\":{\"en\":\"" + new string('n', 2 * Limit) + "\"},\"role\":\"member\"}";
        await HostileHub.AssertProblemAsync(await _hub.Admin.PutAsync("/api/v1/admin/partners/HUGE", HostileHub.Json(body)), HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Admin.GetAsync("/api/v1/admin/partners/HUGE")).StatusCode);
    }

    /// <summary>A stream that does not know its length, so HttpClient must send it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
