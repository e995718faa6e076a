using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tahaluf.Geometry.Tracks;

/// <summary>
/// The closest-approach kernel for one track against a batch, four pairs at a time with
/// <see cref="Vector256{T}"/> of doubles. It performs the operations of <see cref="ClosestApproach"/> in the
/// same order without fused multiply-adds, so each lane equals the scalar result exactly; branches become lane
/// masks. Without hardware acceleration, and for the last <c>length mod 4</c> elements, it runs the scalar
/// reference. Thread-safe (stateless).
/// </summary>
public static class ClosestApproachBatch
{
    /// <summary>Whether the vector path is in use on this machine.</summary>
    public static bool IsVectorized => Vector256.IsHardwareAccelerated;

    /// <summary>The encounter of each track of <paramref name="batch"/> with <paramref name="one"/>.</summary>
    /// <param name="one">The track compared with the batch.</param>
    /// <param name="batch">The other tracks, at the same instant.</param>
    /// <param name="limits">Minima and look-ahead.</param>
    /// <param name="results">Receives one encounter per batch element; at least <see cref="TrackColumns.Length"/> long.</param>
    /// <exception cref="ArgumentException"><paramref name="results"/> is too short.</exception>
    public static void Compute(in TrackState one, in TrackColumns batch, EncounterLimits limits, Span<Encounter> results)
    {
        if (results.Length < batch.Length)
        {
            throw new ArgumentException("The results span is shorter than the batch.", nameof(results));
        }

        var n = batch.Length;
        var k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var o = new Broadcast(one, limits);
            Span<double> t = stackalloc double[4];
            Span<double> miss = stackalloc double[4];
            Span<double> vsep = stackalloc double[4];
            Span<double> lo = stackalloc double[4];
            Span<double> hi = stackalloc double[4];
            for (; k + 4 <= n; k += 4)
            {
                var mask = Lanes(o, batch, k, out var vt, out var vmiss, out var vvsep, out var vlo, out var vhi);
                vt.CopyTo(t);
                vmiss.CopyTo(miss);
                vvsep.CopyTo(vsep);
                vlo.CopyTo(lo);
                vhi.CopyTo(hi);
                var bits = mask.ExtractMostSignificantBits();
                for (var lane = 0; lane < 4; lane++)
                {
                    var conflicts = (bits & (1u << lane)) != 0;
                    results[k + lane] = conflicts
                        ? new Encounter(true, t[lane], miss[lane], vsep[lane], lo[lane], hi[lane])
                        : new Encounter(false, t[lane], miss[lane], vsep[lane], 0, 0);
                }
            }
        }

        for (; k < n; k++)
        {
            results[k] = ClosestApproach.Compute(one, batch[k], limits);
        }
    }

    /// <summary>The lane mask (all bits set where the pair conflicts) and the encounter values of elements k to k + 3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Lanes(
        in Broadcast one,
        in TrackColumns batch,
        int k,
        out Vector256<double> cpa,
        out Vector256<double> miss,
        out Vector256<double> vsep,
        out Vector256<double> lo,
        out Vector256<double> hi)
    {
        var i = (nuint)k;
        var dx = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(batch.X), i) - one.X;
        var dy = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(batch.Y), i) - one.Y;
        var dz = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(batch.Z), i) - one.Z;
        var dvx = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(batch.VelocityX), i) - one.VelocityX;
        var dvy = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(batch.VelocityY), i) - one.VelocityY;
        var dvz = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(batch.VelocityZ), i) - one.VelocityZ;
        var dh = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(batch.AltitudeM), i) - one.AltitudeM;
        var dvh = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(batch.VerticalRateMps), i) - one.VerticalRateMps;

        var zero = Vector256<double>.Zero;
        var a = (dvx * dvx) + (dvy * dvy) + (dvz * dvz);
        var b = (dx * dvx) + (dy * dvy) + (dz * dvz);
        var c = (dx * dx) + (dy * dy) + (dz * dz) - one.HorizontalSquared;

        var moving = Vector256.GreaterThan(a, zero);
        var disc = (b * b) - (a * c);
        var s = Vector256.Sqrt(Vector256.Max(disc, zero));
        var negB = -b;
        var hLo = Vector256.ConditionalSelect(moving, (negB - s) / a, one.NegativeInfinity);
        var hHi = Vector256.ConditionalSelect(moving, (negB + s) / a, one.PositiveInfinity);
        var horizontal = Vector256.ConditionalSelect(moving, Vector256.GreaterThanOrEqual(disc, zero), Vector256.LessThanOrEqual(c, zero));
        cpa = Vector256.ConditionalSelect(moving, Vector256.Min(Vector256.Max(negB / a, zero), one.Lookahead), zero);

        var climbing = ~Vector256.Equals(dvh, zero);
        var t1 = (one.NegativeVertical - dh) / dvh;
        var t2 = (one.Vertical - dh) / dvh;
        var vLo = Vector256.ConditionalSelect(climbing, Vector256.Min(t1, t2), one.NegativeInfinity);
        var vHi = Vector256.ConditionalSelect(climbing, Vector256.Max(t1, t2), one.PositiveInfinity);
        var vertical = climbing | Vector256.LessThanOrEqual(Vector256.Abs(dh), one.Vertical);

        lo = Vector256.Max(Vector256.Max(hLo, zero), vLo);
        hi = Vector256.Min(Vector256.Min(hHi, one.Lookahead), vHi);
        var conflicts = horizontal & vertical & Vector256.LessThanOrEqual(lo, hi);

        var ex = dx + (dvx * cpa);
        var ey = dy + (dvy * cpa);
        var ez = dz + (dvz * cpa);
        miss = Vector256.Sqrt((ex * ex) + (ey * ey) + (ez * ez));
        vsep = Vector256.Abs(dh + (dvh * cpa));
        return conflicts;
    }

    /// <summary>One track and the limits spread over four lanes.</summary>
    internal readonly struct Broadcast
    {
        public Broadcast(in TrackState one, EncounterLimits limits)
        {
            X = Vector256.Create(one.X);
            Y = Vector256.Create(one.Y);
            Z = Vector256.Create(one.Z);
            VelocityX = Vector256.Create(one.VelocityX);
            VelocityY = Vector256.Create(one.VelocityY);
            VelocityZ = Vector256.Create(one.VelocityZ);
            AltitudeM = Vector256.Create(one.AltitudeM);
            VerticalRateMps = Vector256.Create(one.VerticalRateMps);
            HorizontalSquared = Vector256.Create(limits.HorizontalM * limits.HorizontalM);
            Vertical = Vector256.Create(limits.VerticalM);
            NegativeVertical = Vector256.Create(-limits.VerticalM);
            Lookahead = Vector256.Create(limits.LookaheadS);
            NegativeInfinity = Vector256.Create(double.NegativeInfinity);
            PositiveInfinity = Vector256.Create(double.PositiveInfinity);
        }

        public Vector256<double> X { get; }

        public Vector256<double> Y { get; }

        public Vector256<double> Z { get; }

        public Vector256<double> VelocityX { get; }

        public Vector256<double> VelocityY { get; }

        public Vector256<double> VelocityZ { get; }

        public Vector256<double> AltitudeM { get; }

        public Vector256<double> VerticalRateMps { get; }

        public Vector256<double> HorizontalSquared { get; }

        public Vector256<double> Vertical { get; }

        public Vector256<double> NegativeVertical { get; }

        public Vector256<double> Lookahead { get; }

        public Vector256<double> NegativeInfinity { get; }

        public Vector256<double> PositiveInfinity { get; }
    }
}
