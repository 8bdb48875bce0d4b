namespace GanWatch.Engine.Training;

/// <summary>The adversarial loss used to train the generator and critic.</summary>
public enum GanObjective
{
    /// <summary>Wasserstein GAN with gradient penalty (Gulrajani et al. 2017).</summary>
    WganGp,

    /// <summary>Non-saturating min-max GAN with binary cross-entropy on the critic's logits (Goodfellow et al. 2014).</summary>
    Gan,
}
