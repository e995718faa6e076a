namespace Tahaluf.Ledger.Tests;

/// <summary>Locates /work/shared/data from the test binaries: the folder beside the one holding Tahaluf.slnx.</summary>
internal static class SharedData
{
    public static string MerkleDirectory { get; } = Path.Combine(FindRepositoryRoot(), "..", "shared", "data", "merkle");

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Tahaluf.slnx")))
            {
                return directory.FullName;
            }

            directory = directory.Parent;
        }

        throw new DirectoryNotFoundException("No folder above the test binaries holds Tahaluf.slnx.");
    }
}
