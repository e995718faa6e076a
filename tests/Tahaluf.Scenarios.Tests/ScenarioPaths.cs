using Tahaluf.Testing;

namespace Tahaluf.Scenarios.Tests;

/// <summary>Where the scenario files are in the repository.</summary>
internal static class ScenarioPaths
{
    public static string Syria => Path.Combine(RepoPaths.RepositoryRoot, "scenarios", "syria-2015", "scenario.json");

    public static string Borders => Path.Combine(RepoPaths.RepositoryRoot, "scenarios", "data", "countries-10m.json");
}
