using KooGate.Emulator.Load;

namespace KooGate.Emulator.Tests.Load;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Every_value_falls_in_a_bucket_whose_bound_is_within_three_percent_above_it()
    {
        var previous = -1;
        foreach (var value in Enumerable.Range(0, 200_000).Select(i => (long)i).Concat([1L << 30, (1L << 40) - 1]))
        {
            var index = LatencyHistogram.IndexOf(value);
            var bound = LatencyHistogram.UpperBound(index);
            Assert.InRange(bound, value, value + Math.Max(0, (long)(value * 0.032)));
            Assert.True(index == 0 || LatencyHistogram.UpperBound(index - 1) < value, $"{value} belongs to an earlier bucket");
            Assert.True(index >= previous || value > 200_000);
            previous = index;
        }
    }

    [Fact]
    public void Percentiles_of_merged_histograms_match_the_sorted_values()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        for (var value = 1; value <= 1000; value++)
        {
            (value % 3 == 0 ? a : b).Record(value * 10);
        }

        a.Add(b);

        Assert.Equal(1000, a.Count);
        Assert.Equal(10_000, a.MaxMicroseconds);
        Assert.Equal(5005.0, a.MeanMicroseconds);
        Assert.InRange(a.Percentile(50), 5000, 5000 * 1.032);
        Assert.InRange(a.Percentile(99), 9900, 9900 * 1.032);
        Assert.Equal(10_000, a.Percentile(100));
        Assert.Equal(10, a.Percentile(0));
        Assert.Equal(0, new LatencyHistogram().Percentile(50));
    }
}
