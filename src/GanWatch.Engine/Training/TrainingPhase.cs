namespace GanWatch.Engine.Training;

/// <summary>The part of training a progress report belongs to.</summary>
public enum TrainingPhase
{
    /// <summary>Generator and critic updates.</summary>
    Adversarial,

    /// <summary>Encoder updates with the generator and critic frozen.</summary>
    Encoder,
}
