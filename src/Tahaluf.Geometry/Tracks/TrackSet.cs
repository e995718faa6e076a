using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tracks;

/// <summary>
/// Live tracks as a struct of arrays, in the frame of <see cref="TrackProjection"/>: for track i, an id key, an
/// owner key, the ECEF surface point (metres), the ECEF horizontal velocity (metres per second), altitude above
/// the WGS84 ellipsoid (metres), vertical rate (metres per second, positive up) and the report time (seconds on
/// any epoch the caller keeps consistent, e.g. Unix seconds). Indexes are dense, 0 to <see cref="Count"/> − 1;
/// <see cref="RemoveAt"/> moves the last track into the freed slot. Not thread-safe for writes; concurrent
/// reads (e.g. a prediction cycle) are safe while nobody writes.
/// </summary>
public sealed class TrackSet
{
    private long[] _ids;
    private int[] _owners;
    private double[] _lat;
    private double[] _lng;
    private double[] _x;
    private double[] _y;
    private double[] _z;
    private double[] _vx;
    private double[] _vy;
    private double[] _vz;
    private double[] _alt;
    private double[] _vAlt;
    private double[] _time;

    /// <summary>An empty set.</summary>
    /// <param name="capacity">Initial capacity in tracks, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public TrackSet(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        capacity = Math.Max(capacity, 4);
        _ids = new long[capacity];
        _owners = new int[capacity];
        _lat = new double[capacity];
        _lng = new double[capacity];
        _x = new double[capacity];
        _y = new double[capacity];
        _z = new double[capacity];
        _vx = new double[capacity];
        _vy = new double[capacity];
        _vz = new double[capacity];
        _alt = new double[capacity];
        _vAlt = new double[capacity];
        _time = new double[capacity];
    }

    /// <summary>Number of tracks.</summary>
    public int Count { get; private set; }

    /// <summary>Id keys (caller-assigned, expected unique).</summary>
    public ReadOnlySpan<long> Ids => _ids.AsSpan(0, Count);

    /// <summary>Owner keys; tracks of the same owner never conflict with each other.</summary>
    public ReadOnlySpan<int> Owners => _owners.AsSpan(0, Count);

    /// <summary>Reported latitudes in degrees.</summary>
    public ReadOnlySpan<double> Latitudes => _lat.AsSpan(0, Count);

    /// <summary>Reported longitudes in degrees.</summary>
    public ReadOnlySpan<double> Longitudes => _lng.AsSpan(0, Count);

    /// <summary>ECEF X of the surface point, metres.</summary>
    public ReadOnlySpan<double> X => _x.AsSpan(0, Count);

    /// <summary>ECEF Y of the surface point, metres.</summary>
    public ReadOnlySpan<double> Y => _y.AsSpan(0, Count);

    /// <summary>ECEF Z of the surface point, metres.</summary>
    public ReadOnlySpan<double> Z => _z.AsSpan(0, Count);

    /// <summary>ECEF X of the horizontal velocity, metres per second.</summary>
    public ReadOnlySpan<double> VelocityX => _vx.AsSpan(0, Count);

    /// <summary>ECEF Y of the horizontal velocity, metres per second.</summary>
    public ReadOnlySpan<double> VelocityY => _vy.AsSpan(0, Count);

    /// <summary>ECEF Z of the horizontal velocity, metres per second.</summary>
    public ReadOnlySpan<double> VelocityZ => _vz.AsSpan(0, Count);

    /// <summary>Altitudes above the WGS84 ellipsoid, metres.</summary>
    public ReadOnlySpan<double> AltitudesM => _alt.AsSpan(0, Count);

    /// <summary>Vertical rates, metres per second, positive up.</summary>
    public ReadOnlySpan<double> VerticalRatesMps => _vAlt.AsSpan(0, Count);

    /// <summary>Report times in seconds.</summary>
    public ReadOnlySpan<double> TimesS => _time.AsSpan(0, Count);

    /// <summary>Adds a track and returns its index.</summary>
    /// <param name="id">Id key.</param>
    /// <param name="owner">Owner key.</param>
    /// <param name="position">Latitude in [-90, 90] and longitude in [-180, 180], degrees.</param>
    /// <param name="altitudeM">Altitude above the WGS84 ellipsoid, metres.</param>
    /// <param name="eastMps">East ground speed component, metres per second.</param>
    /// <param name="northMps">North ground speed component, metres per second.</param>
    /// <param name="verticalRateMps">Vertical rate, metres per second, positive up.</param>
    /// <param name="timeS">Report time in seconds.</param>
    /// <returns>The new track's index.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is out of range or a number is not finite.</exception>
    public int Add(long id, int owner, LatLng position, double altitudeM, double eastMps, double northMps, double verticalRateMps, double timeS)
    {
        if (Count == _ids.Length)
        {
            Grow();
        }

        var index = Count++;
        Set(index, id, owner, position, altitudeM, eastMps, northMps, verticalRateMps, timeS);
        return index;
    }

    /// <summary>Replaces the track at an index (a new report).</summary>
    /// <param name="index">Index in [0, <see cref="Count"/>).</param>
    /// <param name="id">Id key.</param>
    /// <param name="owner">Owner key.</param>
    /// <param name="position">Latitude in [-90, 90] and longitude in [-180, 180], degrees.</param>
    /// <param name="altitudeM">Altitude above the WGS84 ellipsoid, metres.</param>
    /// <param name="eastMps">East ground speed component, metres per second.</param>
    /// <param name="northMps">North ground speed component, metres per second.</param>
    /// <param name="verticalRateMps">Vertical rate, metres per second, positive up.</param>
    /// <param name="timeS">Report time in seconds.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index or a coordinate is out of range, or a number is not finite.</exception>
    public void Set(int index, long id, int owner, LatLng position, double altitudeM, double eastMps, double northMps, double verticalRateMps, double timeS)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        if (!(position.Lat >= -90 && position.Lat <= 90))
        {
            throw new ArgumentOutOfRangeException(nameof(position), position.Lat, "Latitude must be in [-90, 90] degrees.");
        }

        if (!(position.Lng >= -180 && position.Lng <= 180))
        {
            throw new ArgumentOutOfRangeException(nameof(position), position.Lng, "Longitude must be in [-180, 180] degrees.");
        }

        if (!double.IsFinite(altitudeM) || !double.IsFinite(eastMps) || !double.IsFinite(northMps) || !double.IsFinite(verticalRateMps) || !double.IsFinite(timeS))
        {
            throw new ArgumentOutOfRangeException(nameof(altitudeM), "Altitude, velocity and time must be finite numbers.");
        }

        var (x, y, z) = TrackProjection.ToSurfaceEcef(position);
        var (vx, vy, vz) = TrackProjection.ToEcefVelocity(position, eastMps, northMps);
        _ids[index] = id;
        _owners[index] = owner;
        _lat[index] = position.Lat;
        _lng[index] = position.Lng;
        _x[index] = x;
        _y[index] = y;
        _z[index] = z;
        _vx[index] = vx;
        _vy[index] = vy;
        _vz[index] = vz;
        _alt[index] = altitudeM;
        _vAlt[index] = verticalRateMps;
        _time[index] = timeS;
    }

    /// <summary>Removes the track at an index by moving the last track into its slot.</summary>
    /// <param name="index">Index in [0, <see cref="Count"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public void RemoveAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var last = --Count;
        if (index == last)
        {
            return;
        }

        _ids[index] = _ids[last];
        _owners[index] = _owners[last];
        _lat[index] = _lat[last];
        _lng[index] = _lng[last];
        _x[index] = _x[last];
        _y[index] = _y[last];
        _z[index] = _z[last];
        _vx[index] = _vx[last];
        _vy[index] = _vy[last];
        _vz[index] = _vz[last];
        _alt[index] = _alt[last];
        _vAlt[index] = _vAlt[last];
        _time[index] = _time[last];
    }

    /// <summary>Removes every track.</summary>
    public void Clear() => Count = 0;

    /// <summary>The state of track <paramref name="index"/> extrapolated at constant velocity to <paramref name="timeS"/>.</summary>
    /// <param name="index">Index in [0, <see cref="Count"/>).</param>
    /// <param name="timeS">Time in seconds, on the same epoch as the report times.</param>
    /// <returns>The extrapolated state.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public TrackState StateAt(int index, double timeS)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var dt = timeS - _time[index];
        return new TrackState(
            _x[index] + (_vx[index] * dt),
            _y[index] + (_vy[index] * dt),
            _z[index] + (_vz[index] * dt),
            _vx[index],
            _vy[index],
            _vz[index],
            _alt[index] + (_vAlt[index] * dt),
            _vAlt[index]);
    }

    private void Grow()
    {
        var size = _ids.Length * 2;
        Array.Resize(ref _ids, size);
        Array.Resize(ref _owners, size);
        Array.Resize(ref _lat, size);
        Array.Resize(ref _lng, size);
        Array.Resize(ref _x, size);
        Array.Resize(ref _y, size);
        Array.Resize(ref _z, size);
        Array.Resize(ref _vx, size);
        Array.Resize(ref _vy, size);
        Array.Resize(ref _vz, size);
        Array.Resize(ref _alt, size);
        Array.Resize(ref _vAlt, size);
        Array.Resize(ref _time, size);
    }
}
