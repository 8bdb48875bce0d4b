namespace GanWatch.Engine.FineTuning;

/// <summary>
/// The outcome of one <see cref="FineTuner.Run"/>: the candidate when it was accepted, the gate's numbers and the reason.
/// Owns the candidate until <see cref="TakeCandidate"/> is called; <see cref="Dispose"/> disposes a candidate not taken.
/// </summary>
public sealed class FineTuneResult : IDisposable
{
    private GanModel? candidate;
    private bool candidateTaken;

    internal FineTuneResult(
        FineTuneOutcome outcome,
        GanModel? candidate,
        ValidationReport? validation,
        string reason,
        TimeSpan duration,
        double wassersteinEstimate,
        int trainingWindows,
        int heldOutWindows)
    {
        Outcome = outcome;
        this.candidate = candidate;
        Validation = validation;
        Reason = reason;
        Duration = duration;
        WassersteinEstimate = wassersteinEstimate;
        TrainingWindows = trainingWindows;
        HeldOutWindows = heldOutWindows;
    }

    /// <summary>Whether the candidate was accepted, rejected, or not trained because too few windows were buffered.</summary>
    public FineTuneOutcome Outcome { get; }

    /// <summary>The fine-tuned model when <see cref="Outcome"/> is Accepted and it has not been taken; otherwise null.</summary>
    public GanModel? Candidate => candidateTaken ? null : candidate;

    /// <summary>The gate's numbers; null when the run was skipped.</summary>
    public ValidationReport? Validation { get; }

    /// <summary>Why the run was accepted, rejected or skipped, with the numbers, in one or two sentences.</summary>
    public string Reason { get; }

    /// <summary>Wall time of the run, training and validation included.</summary>
    public TimeSpan Duration { get; }

    /// <summary>
    /// The critic's last estimate of the Wasserstein distance between the buffered windows and generated ones; NaN for
    /// the plain GAN objective, with no adversarial steps, or when the run was skipped.
    /// </summary>
    public double WassersteinEstimate { get; }

    /// <summary>Windows the candidate was trained on.</summary>
    public int TrainingWindows { get; }

    /// <summary>Windows held out for calibration and validation.</summary>
    public int HeldOutWindows { get; }

    /// <summary>Returns the accepted candidate and hands its ownership to the caller, who must dispose it.</summary>
    /// <exception cref="InvalidOperationException">There is no candidate (the run was not accepted), or it was taken already.</exception>
    public GanModel TakeCandidate()
    {
        if (candidate is null)
        {
            throw new InvalidOperationException($"The fine-tuning run was {Outcome}, so it has no candidate to take: {Reason}");
        }

        if (candidateTaken)
        {
            throw new InvalidOperationException("The candidate of this fine-tuning run was taken already; take it once and keep the reference.");
        }

        candidateTaken = true;
        return candidate;
    }

    /// <summary>Disposes the candidate unless it was taken.</summary>
    public void Dispose()
    {
        if (!candidateTaken)
        {
            candidate?.Dispose();
            candidate = null;
        }
    }
}
