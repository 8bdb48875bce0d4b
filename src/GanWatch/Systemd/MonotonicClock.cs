using System.Runtime.InteropServices;

namespace GanWatch.Systemd;

/// <summary>Reads CLOCK_MONOTONIC, the clock systemd expects in <c>MONOTONIC_USEC=</c>.</summary>
internal static class MonotonicClock
{
    private const int ClockMonotonic = 1;

    /// <summary>Returns CLOCK_MONOTONIC in microseconds.</summary>
    /// <exception cref="InvalidOperationException">clock_gettime(2) failed.</exception>
    public static long NowMicroseconds()
    {
        if (ClockGetTime(ClockMonotonic, out TimeSpec now) != 0)
        {
            throw new InvalidOperationException($"clock_gettime(CLOCK_MONOTONIC) failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        return (now.Seconds * 1_000_000) + (now.Nanoseconds / 1_000);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
