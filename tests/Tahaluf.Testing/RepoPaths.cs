namespace Tahaluf.Testing;

/// <summary>Locates the repository and the team's shared data from a test's output folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding <c>Tahaluf.slnx</c>, found by walking up from <see cref="AppContext.BaseDirectory"/>.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>A path under the shared data folder, <c>../shared/data</c> next to the repository.</summary>
    /// <param name="relative">Path below <c>shared/data</c>, e.g. <c>utm/conflicting_flights.json</c>.</param>
    /// <returns>The full path; throws <see cref="FileNotFoundException"/> when the file or folder is absent.</returns>
    public static string SharedData(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data", relative));
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"Shared test data not found at {path}.", path);
        }

        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tahaluf.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Tahaluf.slnx above {AppContext.BaseDirectory}.");
    }
}
