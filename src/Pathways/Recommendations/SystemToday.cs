namespace Pathways;

/// <summary>
/// Today's date in Denmark on the system clock, for assessments without a date, at the cost of one field read. A
/// clock read costs more than a whole fast-path recommendation on some machines, and Denmark's date can only change
/// on a whole UTC hour (its midnight and its summer-time changes fall on them), so a timer keeps the date: it wakes a
/// minute before each UTC hour, from then until a second after the hour every call reads the clock, and then the
/// new date is kept again. Should the timer run late, calls keep reading the clock; the date is never guessed.
/// </summary>
internal static class SystemToday
{
    private static readonly TimeSpan Before = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(1);
    private static readonly object Gate = new();
    private static long _dateTicks;
    private static volatile bool _kept;
    private static Timer? _timer;
    private static int _calls;

    public static DateTime Today()
    {
        if (_kept) return new DateTime(Volatile.Read(ref _dateTicks));

        // The timer starts on the second call: a process that asks once (a one-shot command) reads the clock once and
        // does not pay for starting the timer machinery, a tenth of what its recommendation costs.
        if (_timer is null && Interlocked.Increment(ref _calls) > 1) Start();
        return AssessmentDates.DanishDate(DateTime.UtcNow);
    }

    private static void Start()
    {
        lock (Gate)
        {
            if (_timer is not null) return;
            _timer = new Timer(_ => Schedule(), null, Timeout.Infinite, Timeout.Infinite);
            Schedule();
        }
    }

    private static void Schedule()
    {
        lock (Gate)
        {
            var now = DateTime.UtcNow;
            var nextHour = new DateTime(((now.Ticks / TimeSpan.TicksPerHour) + 1) * TimeSpan.TicksPerHour, DateTimeKind.Utc);
            var left = nextHour - now;
            TimeSpan due;
            if (left > Before + After)
            {
                Volatile.Write(ref _dateTicks, AssessmentDates.DanishDate(now).Ticks);
                _kept = true;
                due = left - Before;
            }
            else
            {
                _kept = false;
                due = left + After;
            }

            _timer!.Change(due, Timeout.InfiniteTimeSpan);
        }
    }
}
