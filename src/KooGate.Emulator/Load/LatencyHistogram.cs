using System.Numerics;

namespace KooGate.Emulator.Load;

/// <summary>
/// Log-linear latency histogram in microseconds: exact below 64 µs, then 32 buckets per power of two (under 3.2 %
/// error). One per connection, so recording takes no lock; <see cref="Add(LatencyHistogram)"/> merges them at the end.
/// </summary>
public sealed class LatencyHistogram
{
    private const int Linear = 64;
    private const int PerOctave = 32;
    private const int OctaveBits = 5;
    private readonly long[] _counts = new long[Linear + (64 * PerOctave)];

    public long Count { get; private set; }

    public long MaxMicroseconds { get; private set; }

    public long TotalMicroseconds { get; private set; }

    public double MeanMicroseconds => Count == 0 ? 0 : (double)TotalMicroseconds / Count;

    public void Record(long microseconds)
    {
        // 2^40 µs is 12 days: far beyond any timeout, and it keeps the bucket bounds from overflowing.
        var value = Math.Clamp(microseconds, 0, 1L << 40);
        _counts[IndexOf(value)]++;
        Count++;
        TotalMicroseconds += value;
        MaxMicroseconds = Math.Max(MaxMicroseconds, value);
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        TotalMicroseconds += other.TotalMicroseconds;
        MaxMicroseconds = Math.Max(MaxMicroseconds, other.MaxMicroseconds);
    }

    /// <summary>The smallest recorded bucket value at or below which <paramref name="percent"/> % of the values lie (never above the max).</summary>
    public long Percentile(double percent)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percent / 100 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperBound(i), MaxMicroseconds);
            }
        }

        return MaxMicroseconds;
    }

    internal static int IndexOf(long value)
    {
        if (value < Linear)
        {
            return (int)value;
        }

        var shift = 63 - BitOperations.LeadingZeroCount((ulong)value) - OctaveBits;
        return Linear + ((shift - 1) * PerOctave) + (int)((value >> shift) - PerOctave);
    }

    internal static long UpperBound(int index)
    {
        if (index < Linear)
        {
            return index;
        }

        var shift = ((index - Linear) / PerOctave) + 1;
        var mantissa = ((index - Linear) % PerOctave) + PerOctave;
        return ((mantissa + 1L) << shift) - 1;
    }
}
