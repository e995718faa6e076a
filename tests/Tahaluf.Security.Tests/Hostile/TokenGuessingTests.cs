using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Tahaluf.Server.Auth;

namespace Tahaluf.Security.Tests.Hostile;

/// <summary>
/// Token guessing: wrong tokens get 401 until the per-address limit, then 429 for every token-bearing request of
/// that address (even a right token, so a guesser learns nothing), while other addresses are served; the admin
/// credential is compared in constant time; tokens are kept only as SHA-256 at rest.
/// </summary>
public sealed class TokenGuessingTests : IAsyncLifetime
{
    private const int Limit = 5;
    private HostileHub _hub = null!;

    public async Task InitializeAsync() => _hub = await HostileHub.StartAsync(s => s with { FailedAuthenticationLimit = Limit, FailedAuthenticationWindow = TimeSpan.FromMinutes(5) });

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task WrongTokens_Are401ThenRateLimited429_OtherAddressesStillServed()
    {
        var before = _hub.Footprint();
        for (var i = 0; i < Limit; i++)
        {
            using var guesser = _hub.Client("thl_guess" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await HostileHub.AssertProblemAsync(await guesser.PutAsync("/api/v1/operations/guess", HostileHub.Json(Bodies.Operation(Bodies.Square(35, 36)))), HttpStatusCode.Unauthorized, "auth.unauthenticated");
        }

        using var next = _hub.Client("thl_guess-next");
        var limited = await next.GetAsync("/api/v1/me");
        await HostileHub.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, "auth.too_many_failures");
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // Blocked before the token is looked at: the right token from the guessing address is refused too.
        await HostileHub.AssertProblemAsync(await _hub.A.GetAsync("/api/v1/me"), HttpStatusCode.TooManyRequests, "auth.too_many_failures");
        await HostileHub.AssertProblemAsync(await _hub.Admin.GetAsync("/api/v1/admin/partners/PA"), HttpStatusCode.TooManyRequests, "auth.too_many_failures");

        // Unauthenticated public endpoints of that address still answer.
        Assert.Equal(HttpStatusCode.OK, (await _hub.Anonymous.GetAsync("/healthz")).StatusCode);

        // Another address (127.0.0.2 is loopback too) is served.
        using var elsewhere = FromAddress(IPAddress.Parse("127.0.0.2"), _hub.TokenA);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/v1/me")).StatusCode);
        var put = await elsewhere.PutAsync("/api/v1/operations/from-elsewhere", HostileHub.Json(Bodies.Operation(Bodies.Square(35, 36))));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal((before.Ledger + 1, before.Items + 1), (_hub.Footprint().Ledger, _hub.Footprint().Items));
    }

    [Fact]
    public async Task RightTokens_DoNotCountTowardsTheLimit()
    {
        for (var i = 0; i < 3 * Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _hub.A.GetAsync("/api/v1/me")).StatusCode);
        }

        // Requests without a token are not guesses either.
        for (var i = 0; i < 3 * Limit; i++)
        {
            await HostileHub.AssertProblemAsync(await _hub.Anonymous.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "auth.unauthenticated");
        }

        Assert.Equal(HttpStatusCode.OK, (await _hub.A.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public void AdminCredential_ComparesHashesInConstantTime_AndMatchesOnlyTheToken()
    {
        var admin = new AdminCredential("the-admin-token");
        Assert.True(admin.Matches("the-admin-token"));
        Assert.False(admin.Matches("the-admin-token "));
        Assert.False(admin.Matches("the-admin-toke"));
        Assert.False(admin.Matches(""));

        // The comparison is CryptographicOperations.FixedTimeEquals over SHA-256 digests (equal lengths whatever is presented).
        var source = File.ReadAllText(Path.Combine(RepoRoot(), "src/Tahaluf.Server/Auth/AdminCredential.cs"));
        Assert.Contains("CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartnerTokens_AreStoredOnlyAsSha256()
    {
        var token = await _hub.AddPartnerAsync("PC");
        using (var c = _hub.Client(token))
        {
            Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/api/v1/me")).StatusCode);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var files = Directory.GetFiles(_hub.DataDir, "tahaluf.db*");
        var all = files.SelectMany(ReadShared).ToArray();
        Assert.True(all.AsSpan().IndexOf(hash) >= 0 || all.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(hash))) >= 0, "the token's SHA-256 is not in the SQLite files");
        Assert.True(all.AsSpan().IndexOf(Encoding.UTF8.GetBytes(token)) < 0, "the token is in the SQLite files in clear");
        Assert.True(all.AsSpan().IndexOf(Encoding.UTF8.GetBytes(token["thl_".Length..])) < 0, "the token's random part is in the SQLite files");
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private HttpClient FromAddress(IPAddress local, string token)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = _hub.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tahaluf.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Tahaluf.slnx not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Limiter_LooksAddressesUpOnlyOnceAFailureWasSeen_AndThenBlocksAtTheLimit()
    {
        using var limiter = new FailedAuthenticationLimiter(2, TimeSpan.FromMinutes(5));
        Assert.False(limiter.MayBlock);
        Assert.False(limiter.IsBlocked("192.0.2.1"));

        limiter.RecordFailure("192.0.2.1");
        Assert.True(limiter.MayBlock);
        Assert.False(limiter.IsBlocked("192.0.2.1"));
        limiter.RecordFailure("192.0.2.1");
        Assert.True(limiter.MayBlock);
        Assert.True(limiter.IsBlocked("192.0.2.1"));
        Assert.False(limiter.IsBlocked("192.0.2.2"));

        // A window too long for milliseconds to count does not overflow into "nobody can be blocked".
        using var forever = new FailedAuthenticationLimiter(1, TimeSpan.MaxValue / 2);
        forever.RecordFailure("192.0.2.1");
        Assert.True(forever.MayBlock);
    }
}
