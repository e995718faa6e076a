namespace Tahaluf.Storage.PostgreSql.Tests;

/// <summary>Waits for a condition that another process makes true (server sessions, background loops).</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what}: not reached within {timeout.TotalSeconds} s");
            await Task.Delay(20);
        }
    }
}
