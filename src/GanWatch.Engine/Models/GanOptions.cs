namespace GanWatch.Engine.Models;

/// <summary>
/// Network shape of a GAN model. Architecture, window length and channels are fixed when a model is trained and are
/// recorded in its model file.
/// </summary>
public sealed class GanOptions
{
    /// <summary>The smallest supported window length, in time steps.</summary>
    public const int MinWindowLength = 8;

    /// <summary>
    /// Network family. Default <see cref="NetworkArchitecture.Convolutional"/>, which is also what a model.json without
    /// this property means. <see cref="NetworkArchitecture.Dense"/> scores encoded events and needs <see cref="WindowLength"/> 1.
    /// </summary>
    public NetworkArchitecture Architecture { get; set; } = NetworkArchitecture.Convolutional;

    /// <summary>Size of the latent vector z. Default 32.</summary>
    public int LatentSize { get; set; } = 32;

    /// <summary>Window length in time steps: at least <see cref="MinWindowLength"/> for convolutional networks, 1 for dense ones. Default 64.</summary>
    public int WindowLength { get; set; } = 64;

    /// <summary>Number of channels (metrics) per window, or the width of the encoded feature vector of a dense model. Default 1.</summary>
    public int Channels { get; set; } = 1;

    /// <summary>Base number of feature maps of the generator; inner layers use up to 8 times this (dense: hidden units, up to 2 times this). Default 64.</summary>
    public int GeneratorWidth { get; set; } = 64;

    /// <summary>Base number of feature maps of the critic (discriminator); inner layers use up to 8 times this (dense: hidden units, up to 2 times this). Default 64.</summary>
    public int CriticWidth { get; set; } = 64;

    /// <summary>Base number of feature maps of the encoder; inner layers use up to 8 times this (dense: hidden units, up to 2 times this). Default 64.</summary>
    public int EncoderWidth { get; set; } = 64;

    /// <summary>Returns every problem with these options; an empty list means they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (LatentSize < 1)
        {
            problems.Add($"LatentSize is {LatentSize}; it must be at least 1 (32 is typical).");
        }

        if (!Enum.IsDefined(Architecture))
        {
            problems.Add($"Architecture is {(int)Architecture}; use Convolutional or Dense.");
        }
        else if (Architecture == NetworkArchitecture.Dense && WindowLength != 1)
        {
            problems.Add($"WindowLength is {WindowLength}; dense networks score one event at a time, so it must be 1.");
        }
        else if (Architecture == NetworkArchitecture.Convolutional && WindowLength < MinWindowLength)
        {
            problems.Add($"WindowLength is {WindowLength}; it must be at least {MinWindowLength} time steps.");
        }

        if (Channels < 1)
        {
            problems.Add($"Channels is {Channels}; it must be at least 1.");
        }

        AddWidthProblem(problems, nameof(GeneratorWidth), GeneratorWidth);
        AddWidthProblem(problems, nameof(CriticWidth), CriticWidth);
        AddWidthProblem(problems, nameof(EncoderWidth), EncoderWidth);
        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when <see cref="Validate"/> finds any.</summary>
    public void ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid GAN options: " + string.Join(" ", problems));
        }
    }

    /// <summary>Returns a copy of these options.</summary>
    public GanOptions Clone() => (GanOptions)MemberwiseClone();

    private static void AddWidthProblem(List<string> problems, string name, int width)
    {
        if (width < 1)
        {
            problems.Add($"{name} is {width}; it must be at least 1 (64 is typical).");
        }
    }
}
