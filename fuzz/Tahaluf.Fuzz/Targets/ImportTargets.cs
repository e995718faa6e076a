using System.Text.Json;
using Tahaluf.Scenarios.Import;

namespace Tahaluf.Fuzz.Targets;

/// <summary>
/// The declaration importer, which reads a path: the input is written to one file per process (in /dev/shm when it
/// exists, so no disk is touched). The importer reports refusals as <c>ScenarioError</c> values, so any exception is
/// a crash; declarations and errors must never both come back.
/// </summary>
internal static class ImportTargets
{
    private static readonly string Path = System.IO.Path.Combine(
        Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath(),
        $"tahaluf-fuzz-{Environment.ProcessId}",
        "import.json");

    public static string Declarations(byte[] data)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        File.WriteAllBytes(Path, data);
        var (declarations, errors) = DeclarationImporter.Read(Path);
        if (declarations.Count > 0 && errors.Count > 0)
        {
            throw new HarnessViolationException("declarations", "both declarations and errors returned");
        }

        foreach (var declaration in declarations)
        {
            if (declaration.Body.ValueKind != JsonValueKind.Object || string.IsNullOrEmpty(declaration.Id))
            {
                throw new HarnessViolationException("declarations", $"declaration '{declaration.Id}' has no id or a body that is not an object");
            }
        }

        return errors.Count == 0
            ? $"accepted {declarations.Count}"
            : $"refused {errors.Count}: {errors[0].Code}: {errors[0].Message}";
    }
}
