namespace MuZero.Cli.Progress;

/// <summary>
/// The rate of a growing count over the last <c>window</c> seconds, from samples of (time, count): smooth enough to
/// read, recent enough to follow a run that speeds up or slows down. Samples live in a fixed ring: no allocation
/// after construction.
/// </summary>
internal sealed class SlidingRate
{
    private readonly double _window;
    private readonly double _minimumSpan;
    private readonly (double Seconds, long Count)[] _samples;
    private int _start;
    private int _count;

    /// <summary>
    /// Averages over <paramref name="windowSeconds"/>; reports no rate until the samples span
    /// <paramref name="minimumSpanSeconds"/>; keeps at most <paramref name="capacity"/> samples (older ones go first).
    /// </summary>
    public SlidingRate(double windowSeconds, double minimumSpanSeconds, int capacity)
    {
        _window = windowSeconds;
        _minimumSpan = minimumSpanSeconds;
        _samples = new (double, long)[capacity];
    }

    /// <summary>Adds the count at <paramref name="seconds"/> and returns the rate per second over the window; NaN while the samples span too little time.</summary>
    public double Add(double seconds, long count)
    {
        if (_count == _samples.Length) Drop();
        _samples[(_start + _count) % _samples.Length] = (seconds, count);
        _count++;
        // Keep the newest sample at or beyond the window's start, so the rate covers the whole window.
        while (_count > 2 && seconds - _samples[(_start + 1) % _samples.Length].Seconds >= _window) Drop();
        var (firstSeconds, firstCount) = _samples[_start];
        double span = seconds - firstSeconds;
        return span >= _minimumSpan ? (count - firstCount) / span : double.NaN;
    }

    /// <summary>Forgets every sample (the rate restarts, e.g. after a pause that is not part of the rate).</summary>
    public void Clear() => (_start, _count) = (0, 0);

    private void Drop()
    {
        _start = (_start + 1) % _samples.Length;
        _count--;
    }
}
