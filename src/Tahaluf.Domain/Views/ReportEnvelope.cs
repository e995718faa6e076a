using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Domain.Views;

/// <summary>The envelope-level part of a report: that it exists, and where and when it applies.</summary>
/// <param name="Version">The item version.</param>
/// <param name="Geometry">The volume the report is about, or null.</param>
public sealed record ReportEnvelope(long Version, Volume4D? Geometry);
