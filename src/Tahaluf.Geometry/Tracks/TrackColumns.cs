namespace Tahaluf.Geometry.Tracks;

/// <summary>
/// A batch of tracks at one instant as columns (struct of arrays) in the frame of <see cref="TrackProjection"/>,
/// the input of <see cref="ClosestApproachBatch"/>. All columns have <see cref="Length"/> elements.
/// </summary>
public readonly ref struct TrackColumns
{
    /// <summary>Wraps eight columns of equal length.</summary>
    /// <param name="x">ECEF X of the surface points, metres.</param>
    /// <param name="y">ECEF Y, metres.</param>
    /// <param name="z">ECEF Z, metres.</param>
    /// <param name="velocityX">ECEF X of the horizontal velocities, metres per second.</param>
    /// <param name="velocityY">ECEF Y, metres per second.</param>
    /// <param name="velocityZ">ECEF Z, metres per second.</param>
    /// <param name="altitudeM">Altitudes above the WGS84 ellipsoid, metres.</param>
    /// <param name="verticalRateMps">Vertical rates, metres per second.</param>
    /// <exception cref="ArgumentException">The columns differ in length.</exception>
    public TrackColumns(
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> y,
        ReadOnlySpan<double> z,
        ReadOnlySpan<double> velocityX,
        ReadOnlySpan<double> velocityY,
        ReadOnlySpan<double> velocityZ,
        ReadOnlySpan<double> altitudeM,
        ReadOnlySpan<double> verticalRateMps)
    {
        var n = x.Length;
        if (y.Length != n || z.Length != n || velocityX.Length != n || velocityY.Length != n || velocityZ.Length != n
            || altitudeM.Length != n || verticalRateMps.Length != n)
        {
            throw new ArgumentException("All columns must have the same length.", nameof(x));
        }

        X = x;
        Y = y;
        Z = z;
        VelocityX = velocityX;
        VelocityY = velocityY;
        VelocityZ = velocityZ;
        AltitudeM = altitudeM;
        VerticalRateMps = verticalRateMps;
    }

    /// <summary>Number of tracks.</summary>
    public int Length => X.Length;

    /// <summary>ECEF X, metres.</summary>
    public ReadOnlySpan<double> X { get; }

    /// <summary>ECEF Y, metres.</summary>
    public ReadOnlySpan<double> Y { get; }

    /// <summary>ECEF Z, metres.</summary>
    public ReadOnlySpan<double> Z { get; }

    /// <summary>ECEF X velocity, metres per second.</summary>
    public ReadOnlySpan<double> VelocityX { get; }

    /// <summary>ECEF Y velocity, metres per second.</summary>
    public ReadOnlySpan<double> VelocityY { get; }

    /// <summary>ECEF Z velocity, metres per second.</summary>
    public ReadOnlySpan<double> VelocityZ { get; }

    /// <summary>Altitudes, metres.</summary>
    public ReadOnlySpan<double> AltitudeM { get; }

    /// <summary>Vertical rates, metres per second.</summary>
    public ReadOnlySpan<double> VerticalRateMps { get; }

    /// <summary>The state of element <paramref name="index"/>.</summary>
    /// <param name="index">Index in [0, <see cref="Length"/>).</param>
    /// <returns>The state.</returns>
    public TrackState this[int index] => new(X[index], Y[index], Z[index], VelocityX[index], VelocityY[index], VelocityZ[index], AltitudeM[index], VerticalRateMps[index]);
}
