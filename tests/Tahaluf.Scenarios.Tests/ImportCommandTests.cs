using System.Collections.Immutable;
using Tahaluf.Cli;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Partners;
using Tahaluf.Server;
using Tahaluf.Testing;

namespace Tahaluf.Scenarios.Tests;

/// <summary><c>tahaluf import</c> against a real hub: the F3548 sample goes in, the ED-269 sample (AGL) is refused.</summary>
public sealed class ImportCommandTests : IAsyncLifetime
{
    private const string Token = "thl_import-test-token-us";
    private string _dir = "";
    private HubServer _server = null!;

    public async Task InitializeAsync()
    {
        _dir = Directory.CreateTempSubdirectory("tahaluf-import-hub-").FullName;
        _server = await HubServer.StartAsync(new ServerSettings { Urls = "http://127.0.0.1:0", DataDir = _dir, AdminToken = "import-admin" }, CancellationToken.None);
        var added = await _server.Hub.AddPartnerAsync(new Partner("US", ImmutableDictionary<string, string>.Empty.Add("en", "United States"), PartnerRole.Member, []), Token);
        Assert.True(added.Success);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Import_F3548Sample_DeclaresOperationsAsTheTokensPartner()
    {
        var code = await Program.BuildRootCommand().Parse(["import", RepoPaths.SharedData("utm/conflicting_flights.json"), "--hub", _server.Urls[0], "--token", Token]).InvokeAsync();
        Assert.Equal(0, code);
        var stored = _server.Hub.Snapshot.Item(ItemKind.Operation, "flight_2_planned_vol_A");
        Assert.NotNull(stored);
        Assert.Equal("US", stored!.Item.Owner);
        Assert.Equal(12, _server.Hub.Snapshot.Items.Keys.Count(k => k.Kind == ItemKind.Operation));
    }

    [Fact]
    public async Task Import_Ed269SampleWithAgl_ExitsNonZeroAndDeclaresNothing()
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        int code;
        try
        {
            code = await Program.BuildRootCommand().Parse(["import", RepoPaths.SharedData("utm/cis_source_sample_ed269.json"), "--hub", _server.Urls[0], "--token", Token]).InvokeAsync();
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Equal(2, code);
        Assert.Contains("zone LSXX", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("AGL limits need terrain elevation", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_server.Hub.Snapshot.Items);
    }
}
