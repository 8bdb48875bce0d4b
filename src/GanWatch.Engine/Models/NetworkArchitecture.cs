namespace GanWatch.Engine.Models;

/// <summary>The family of networks a model uses for G, D and E.</summary>
public enum NetworkArchitecture
{
    /// <summary>1-D convolutions over windows of a series (DCGAN-style); needs a window of at least <see cref="GanOptions.MinWindowLength"/> steps.</summary>
    Convolutional,

    /// <summary>Fully connected layers over one encoded feature vector per event; needs a window length of 1.</summary>
    Dense,
}
