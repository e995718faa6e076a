using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Testing.Domain;

/// <summary>Builds tracks; the default is a valid RU Su-24M at 6,000 m heading north near the Turkish border.</summary>
public sealed class TrackBuilder
{
    private string _id = "track-su24-1";
    private string _owner = "RU";
    private Label _label = Label.Unrestricted;
    private string? _callsign = "SU24-1";
    private PlatformKind _platform = PlatformKind.FixedWing;
    private LatLng _position = new(35.75, 36.02);
    private double _altitudeM = 6_000;
    private DateTimeOffset _time = new(2015, 11, 24, 7, 22, 0, TimeSpan.Zero);
    private double _groundSpeedMps = 220;
    private double _courseDeg = 10;
    private double _verticalRateMps;

    public TrackBuilder WithId(string id) { _id = id; return this; }

    public TrackBuilder WithOwner(string owner) { _owner = owner; return this; }

    public TrackBuilder WithLabel(Label label) { _label = label; return this; }

    public TrackBuilder WithCallsign(string? callsign) { _callsign = callsign; return this; }

    public TrackBuilder WithPlatform(PlatformKind platform) { _platform = platform; return this; }

    public TrackBuilder At(LatLng position, double altitudeM, DateTimeOffset time) { _position = position; _altitudeM = altitudeM; _time = time; return this; }

    public TrackBuilder Moving(double groundSpeedMps, double courseDeg, double verticalRateMps = 0)
    {
        _groundSpeedMps = groundSpeedMps;
        _courseDeg = courseDeg;
        _verticalRateMps = verticalRateMps;
        return this;
    }

    public Track Build() => new(_id, _owner, _label, _callsign, _platform, _position, _altitudeM, _time, _groundSpeedMps, _courseDeg, _verticalRateMps);
}
