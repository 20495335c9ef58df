namespace KooGate.Emulator.Clock;

/// <summary>
/// The marketplace's clock: real time (from <paramref name="real"/>) plus an offset that only grows. Advancing it is
/// how days pass in the emulator; scheduled work runs when the scheduler sees the new time, never from a timer.
/// </summary>
public sealed class VirtualClock(TimeProvider real) : TimeProvider
{
    private readonly Lock _gate = new();
    private TimeSpan _offset;

    /// <summary>The wall clock underneath, used for transport timestamps (signatures) and timeouts.</summary>
    public TimeProvider Real => real;

    public TimeSpan Offset
    {
        get
        {
            lock (_gate)
            {
                return _offset;
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => real.GetUtcNow() + Offset;

    /// <summary>
    /// The time signatures carry and are checked against: real time, unless the emulator signs with virtual time
    /// (<see cref="EmulatorOptions.SignWithVirtualClock"/>).
    /// </summary>
    public DateTimeOffset TransportNow(bool virtualSigning) => virtualSigning ? GetUtcNow() : real.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward; a negative amount is refused (time never runs backwards).</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate)
        {
            _offset += by;
        }
    }

    /// <summary>Moves the clock forward to <paramref name="time"/> if that is later than now.</summary>
    public void AdvanceTo(DateTimeOffset time)
    {
        lock (_gate)
        {
            var gap = time - (real.GetUtcNow() + _offset);
            if (gap > TimeSpan.Zero)
            {
                _offset += gap;
            }
        }
    }

    /// <summary>Restores a persisted offset at start-up.</summary>
    public void Restore(TimeSpan offset)
    {
        lock (_gate)
        {
            _offset = offset > _offset ? offset : _offset;
        }
    }
}
