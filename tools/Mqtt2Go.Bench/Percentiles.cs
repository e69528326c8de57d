namespace Mqtt2Go.Bench;

/// <summary>Order statistics of a sample (nearest-rank percentiles, as most latency reports use).</summary>
internal sealed class Percentiles
{
    private readonly double[] _sorted;

    /// <summary>Sorts a copy of the sample.</summary>
    public Percentiles(IEnumerable<double> values)
    {
        _sorted = values.ToArray();
        Array.Sort(_sorted);
    }

    /// <summary>Number of values.</summary>
    public int Count => _sorted.Length;

    /// <summary>The median.</summary>
    public double Median => At(50);

    /// <summary>The 90th percentile.</summary>
    public double P90 => At(90);

    /// <summary>The 99th percentile.</summary>
    public double P99 => At(99);

    /// <summary>The smallest value.</summary>
    public double Min => _sorted.Length == 0 ? double.NaN : _sorted[0];

    /// <summary>The largest value.</summary>
    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    /// <summary>The arithmetic mean.</summary>
    public double Mean => _sorted.Length == 0 ? double.NaN : _sorted.Average();

    /// <summary>Nearest-rank percentile p (0..100): the smallest value with at least p % of the sample at or below it.</summary>
    public double At(double p)
    {
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }
}
