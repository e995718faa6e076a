using System.Globalization;
using System.Text;
using FsCheck.Xunit;
using Tahaluf.Hub.Webhooks;
using Tahaluf.Ledger.Notes;

namespace Tahaluf.Server.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private static readonly NoteSigner Signer = NoteSigner.FromSeed("tahaluf.local/hub", Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly DateTimeOffset Now = new(2015, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Property]
    public bool Sign_AnyBody_VerifiesOverItsExactUtf8Bytes(string? text)
    {
        var body = text ?? "";
        var seconds = Now.ToUnixTimeSeconds();
        var header = WebhookSignature.Sign(Signer, seconds, body);
        return WebhookSignature.Verify(Signer.Verifier, header, seconds.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(body), Now, TimeSpan.FromMinutes(5));
    }

    [Property]
    public bool Verify_OneBodyByteChanged_Fails(byte[] bytes, int position)
    {
        var body = Convert.ToBase64String(bytes ?? []) + "{}";
        var seconds = Now.ToUnixTimeSeconds();
        var header = WebhookSignature.Sign(Signer, seconds, body);
        var sent = Encoding.UTF8.GetBytes(body);
        sent[Math.Abs(position % sent.Length)] ^= 0x20;
        return !WebhookSignature.Verify(Signer.Verifier, header, seconds.ToString(CultureInfo.InvariantCulture), sent, Now, TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void Verify_TimestampChangedOrStale_Fails()
    {
        var seconds = Now.ToUnixTimeSeconds();
        var header = WebhookSignature.Sign(Signer, seconds, "{\"id\":\"n-1\"}");
        var body = Encoding.UTF8.GetBytes("{\"id\":\"n-1\"}");

        Assert.True(WebhookSignature.Verify(Signer.Verifier, header, seconds.ToString(CultureInfo.InvariantCulture), body, Now.AddMinutes(4), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Signer.Verifier, header, (seconds + 1).ToString(CultureInfo.InvariantCulture), body, Now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Signer.Verifier, header, seconds.ToString(CultureInfo.InvariantCulture), body, Now.AddMinutes(6), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Signer.Verifier, header, "not-a-number", body, Now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Signer.Verifier, header, "99999999999999999", body, Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Sign_Header_NamesTheKeyIdAndMatchesTheDocumentedMessage()
    {
        var header = WebhookSignature.Sign(Signer, 1448539200, "{}");

        Assert.StartsWith($"keyid={Signer.KeyId:x8},sig=", header, StringComparison.Ordinal);
        var signature = Convert.FromBase64String(header[(header.IndexOf("sig=", StringComparison.Ordinal) + 4)..]);
        Assert.True(Signer.Verifier.Verify(Encoding.UTF8.GetBytes("tahaluf-webhook/v1\n1448539200\n{}"), signature));
        Assert.False(WebhookSignature.Verify(Signer.Verifier, header.Replace("keyid=", "keyid=0", StringComparison.Ordinal), "1448539200", "{}"u8, DateTimeOffset.FromUnixTimeSeconds(1448539200), TimeSpan.FromMinutes(5)));
    }
}
