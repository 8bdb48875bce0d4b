namespace GanWatch.Engine.FineTuning;

/// <summary>How a fine-tuning run ended.</summary>
public enum FineTuneOutcome
{
    /// <summary>The candidate passed the validation gate and may replace the live model.</summary>
    Accepted,

    /// <summary>The candidate failed the validation gate and was discarded.</summary>
    Rejected,

    /// <summary>Too few windows were buffered, so nothing was trained.</summary>
    Skipped,
}
