using Tahaluf.Hub.Webhooks;

namespace Tahaluf.Server.Tests.Webhooks;

public sealed class WebhookUrlTests
{
    private static readonly WebhookOptions Strict = new();
    private static readonly WebhookOptions Loopback = new() { AllowLoopbackHttp = true };

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://[::1]:9000/hook")]
    public void Validate_LoopbackHttp_AcceptedOnlyWhenAllowed(string url)
    {
        Assert.Equal(WebhookErrorCodes.HttpsRequired, WebhookUrl.Validate(url, Strict).Error?.Code);
        Assert.True(WebhookUrl.Validate(url, Loopback).Success);
    }

    [Theory]
    [InlineData("http://127.0.0.1.example.com/hook")]
    [InlineData("http://192.0.2.10/hook")]
    public void Validate_NonLoopbackHttp_RefusedEvenWhenLoopbackAllowed(string url) =>
        Assert.Equal(WebhookErrorCodes.HttpsRequired, WebhookUrl.Validate(url, Loopback).Error?.Code);

    [Fact]
    public void Validate_Https_AcceptedAndNormalised()
    {
        var result = WebhookUrl.Validate("https://Partner.Example:8443/hooks/tahaluf?x=1", Strict);

        Assert.True(result.Success);
        Assert.Equal("https://partner.example:8443/hooks/tahaluf?x=1", result.Value!.AbsoluteUri);
    }

    [Fact]
    public void Validate_LongerThanTheLimit_Refused()
    {
        var url = "https://partner.example/" + new string('a', 100);

        Assert.Equal(WebhookErrorCodes.InvalidUrl, WebhookUrl.Validate(url, Strict with { MaxUrlLength = 100 }).Error?.Code);
        Assert.True(WebhookUrl.Validate(url, Strict with { MaxUrlLength = url.Length }).Success);
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://172.20.0.5:8443/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost/hook")]
    public void Validate_PrivateLoopbackOrLinkLocalAddress_RefusedUnlessItsNetworkIsAllowed(string url)
    {
        Assert.Equal(WebhookErrorCodes.AddressNotAllowed, WebhookUrl.Validate(url, Strict).Error?.Code);
        var allowed = Strict with { AllowedNetworks = [System.Net.IPNetwork.Parse("0.0.0.0/0"), System.Net.IPNetwork.Parse("::/0")], AllowLoopbackHttp = true };
        Assert.True(WebhookUrl.Validate(url, allowed).Success);
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("10.20.30.40", false)]
    [InlineData("172.15.255.255", true)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("100.63.255.255", true)]
    [InlineData("100.127.255.255", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::1", false)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("64:ff9b::808:808", true)]
    public void IsPublicUnicast_Table(string address, bool expected) =>
        Assert.Equal(expected, WebhookAddresses.IsPublicUnicast(System.Net.IPAddress.Parse(address)));

    [Fact]
    public void Allows_AnOperatorListedNetwork_ButNotItsNeighbours()
    {
        var options = Strict with { AllowedNetworks = [System.Net.IPNetwork.Parse("10.20.0.0/16")] };
        Assert.True(WebhookAddresses.Allows(System.Net.IPAddress.Parse("10.20.7.1"), options));
        Assert.False(WebhookAddresses.Allows(System.Net.IPAddress.Parse("10.21.0.1"), options));
        Assert.False(WebhookAddresses.Allows(System.Net.IPAddress.Parse("169.254.169.254"), options));
    }

    [Fact]
    public async Task Connect_ToANameThatResolvesToLoopback_IsRefusedBeforeAnyConnection_UnlessLoopbackIsAllowed()
    {
        // The delivery path's connect callback resolves the name and checks every address (DNS rebinding):
        // "localhost" passes registration only when loopback is allowed, but the callback is the last word.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        HttpClient Client(WebhookOptions options) => new(new SocketsHttpHandler
        {
            ConnectCallback = (context, token) => WebhookAddresses.ConnectAsync(context, options, token),
        });

        using (var strict = Client(Strict))
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => strict.GetAsync($"http://localhost:{port}/hook"));
            Assert.Contains("resolves to no address the hub may call", refused.ToString(), StringComparison.Ordinal);
            Assert.False(listener.Pending(), "nothing may reach the listener");
        }

        using var loopback = Client(Loopback);
        var call = loopback.GetAsync($"http://localhost:{port}/hook");
        using var accepted = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(accepted.Connected);
    }
}
