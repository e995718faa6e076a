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
    [InlineData("http://192.168.1.10/hook")]
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
}
