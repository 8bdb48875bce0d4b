namespace GanWatch.Engine.Training;

/// <summary>
/// A wait between training steps, so that training on a device shared with scoring leaves the device to the scorer for
/// a while after every step. The default value does not wait.
/// </summary>
/// <remarks>
/// The wait is in real time (a wait on the cancellation token's handle), not on a <see cref="TimeProvider"/>, because its
/// purpose is to give the CPU to other threads; a fake clock in tests would otherwise block training forever.
/// </remarks>
/// <param name="Duration">The wait after each step except the last of a phase; zero or less means no wait.</param>
internal readonly record struct StepPause(TimeSpan Duration)
{
    /// <summary>Waits <see cref="Duration"/> after step <paramref name="step"/> of <paramref name="totalSteps"/>, unless it was the last.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled during the wait.</exception>
    public void AfterStep(int step, int totalSteps, CancellationToken cancellationToken)
    {
        if (Duration <= TimeSpan.Zero || step >= totalSteps)
        {
            return;
        }

        cancellationToken.WaitHandle.WaitOne(Duration);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
