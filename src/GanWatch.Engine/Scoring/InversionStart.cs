namespace GanWatch.Engine.Scoring;

/// <summary>Where the latent search for a window starts.</summary>
public enum InversionStart
{
    /// <summary>z = E(x), the encoder's estimate.</summary>
    Encoder,

    /// <summary>z drawn from a standard normal distribution (seeded by <see cref="ScoringOptions.Seed"/>).</summary>
    Random,
}
