namespace GanWatch.Engine.Features;

/// <summary>How a numeric field is scaled, with parameters fitted on the training events.</summary>
public enum FeatureScaling
{
    /// <summary>(x - mean) / standard deviation; a field that is constant in training is only centred.</summary>
    Standard,

    /// <summary>(x - min) / (max - min), so training values fall in [0, 1]; later values outside are not clipped. A constant field is only shifted.</summary>
    MinMax,
}
