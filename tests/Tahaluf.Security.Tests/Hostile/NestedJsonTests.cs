using System.Net;

namespace Tahaluf.Security.Tests.Hostile;

/// <summary>Deeply nested JSON (10,000 levels) is 400 <c>request.malformed_body</c> on every body-reading endpoint, without a stack overflow.</summary>
public sealed class NestedJsonTests : IAsyncLifetime
{
    private HostileHub _hub = null!;

    public async Task InitializeAsync() => _hub = await HostileHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    public static TheoryData<string, string> Bodies() => new()
    {
        { "arrays", new string('[', 10_000) + new string(']', 10_000) },
        { "objects", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000) },
        { "in-volumes", "{\"state\":\"active\",\"volumes\":" + new string('[', 10_000) + new string(']', 10_000) + "}" },
        { "unclosed", new string('[', 100_000) },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task DeeplyNested_OnEveryJsonEndpoint_Is400MalformedBody(string name, string json)
    {
        Assert.NotNull(name);
        var before = _hub.Footprint();
        await HostileHub.AssertProblemAsync(await _hub.A.PutAsync("/api/v1/operations/nested", HostileHub.Json(json)), HttpStatusCode.BadRequest, "request.malformed_body");
        await HostileHub.AssertProblemAsync(await _hub.A.PutAsync("/api/v1/zones/nested", HostileHub.Json(json)), HttpStatusCode.BadRequest, "request.malformed_body");
        await HostileHub.AssertProblemAsync(await _hub.A.PostAsync("/api/v1/tracks", HostileHub.Json(json)), HttpStatusCode.BadRequest, "request.malformed_body");
        await HostileHub.AssertProblemAsync(await _hub.Admin.PutAsync("/api/v1/admin/partners/NESTED", HostileHub.Json(json)), HttpStatusCode.BadRequest, "request.malformed_body");
        Assert.Equal(before, _hub.Footprint());
        await _hub.AssertServesWellBehavedPartnerAsync();
    }
}
