using System.Net.Http.Headers;
using System.Text.Json;

namespace Tahaluf.Cli.Tests.Durability;

/// <summary><c>tahaluf partner add</c> and <c>tahaluf agreement set</c> against a running <c>tahaluf serve</c>.</summary>
public sealed class AdminCommandTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("tahaluf-admin-").FullName;

    [Fact]
    public async Task PartnerAddAndAgreementSet_ChangeTheRunningHub()
    {
        using var serve = await ServeProcess.StartAsync(_dataDir, "cli-admin-token");
        var hub = serve.Address.ToString().TrimEnd('/');

        var (code, token, error) = CliProcess.Run("", "partner", "add", "TR", "--name", "en=Turkey", "--name", "ar=تركيا", "--hub", hub, "--admin-token", "cli-admin-token");
        Assert.True(code == 0, error);
        Assert.StartsWith("thl_", token.Trim(), StringComparison.Ordinal);
        Assert.Contains("shown once", error, StringComparison.Ordinal);
        Assert.Equal(0, CliProcess.Run("", "partner", "add", "RU", "--hub", hub, "--admin-token", "cli-admin-token").Code);

        var (agreeCode, agreeOut, agreeError) = CliProcess.Run("", "agreement", "set", "RU", "TR", "zone", "envelope", "--hub", hub, "--admin-token", "cli-admin-token");
        Assert.True(agreeCode == 0, agreeError);
        Assert.Contains("RU -> TR zone: envelope", agreeOut, StringComparison.Ordinal);

        using var client = new HttpClient { BaseAddress = serve.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        using var me = JsonDocument.Parse(await client.GetStringAsync("/api/v1/me"));
        Assert.Equal("تركيا", me.RootElement.GetProperty("names").GetProperty("ar").GetString());
        Assert.Equal("envelope", me.RootElement.GetProperty("agreements_in")[0].GetProperty("level").GetString());

        var (dupCode, _, dupError) = CliProcess.Run("", "partner", "add", "TR", "--hub", hub, "--admin-token", "cli-admin-token");
        Assert.Equal(1, dupCode);
        Assert.Contains("admin.partner_exists", dupError, StringComparison.Ordinal);
        var (badCode, _, badError) = CliProcess.Run("", "agreement", "set", "RU", "TR", "zone", "envelope", "--hub", hub, "--admin-token", "wrong");
        Assert.Equal(1, badCode);
        Assert.Contains("401", badError, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
