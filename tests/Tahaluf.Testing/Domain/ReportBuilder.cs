using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Testing.Domain;

/// <summary>Builds reports; the default is a valid English RU report with the default volume.</summary>
public sealed class ReportBuilder
{
    private string _id = "report-1";
    private string _owner = "RU";
    private long _version = 1;
    private Label _label = Label.Unrestricted;
    private string _text = "Two Su-24M on patrol over northern Latakia, 6,000 m.";
    private string _language = "en";
    private Volume4D? _geometry = TestVolumes.Default;

    public ReportBuilder WithId(string id) { _id = id; return this; }

    public ReportBuilder WithOwner(string owner) { _owner = owner; return this; }

    public ReportBuilder WithVersion(long version) { _version = version; return this; }

    public ReportBuilder WithLabel(Label label) { _label = label; return this; }

    public ReportBuilder WithText(string text, string language = "en") { _text = text; _language = language; return this; }

    public ReportBuilder WithGeometry(Volume4D? geometry) { _geometry = geometry; return this; }

    public Report Build() => new(_id, _owner, _version, _label, _text, _language, _geometry);
}
