using GanWatch.Streaming.Events;

namespace GanWatch.Streaming.Scoring;

/// <summary>
/// A model that scores single events: each event is encoded into one vector of <see cref="IWindowModel.Channels"/>
/// values, and <see cref="IWindowModel.WindowLength"/> is 1.
/// </summary>
/// <remarks>
/// For an event model, <see cref="IWindowModel.Score"/> returns in <see cref="WindowScore.ChannelResiduals"/> one residual
/// per entry of <see cref="FeatureFields"/>, not per encoded column, so alerts can name the fields that contributed most.
/// </remarks>
public interface IEventModel : IWindowModel
{
    /// <summary>The numeric fields the model was trained on, in order.</summary>
    IReadOnlyList<string> NumericFields { get; }

    /// <summary>The categorical fields the model was trained on, in order.</summary>
    IReadOnlyList<string> CategoricalFields { get; }

    /// <summary>The numeric and categorical fields in the model's order, the order of the residuals that scoring returns.</summary>
    IReadOnlyList<string> FeatureFields { get; }

    /// <summary>
    /// Encodes <paramref name="record"/> into <paramref name="destination"/> (<see cref="IWindowModel.Channels"/> values).
    /// Called on the consumer thread; implementations must be thread-safe.
    /// </summary>
    /// <param name="record">An event whose numbers and categories follow <see cref="NumericFields"/> and <see cref="CategoricalFields"/>.</param>
    /// <param name="destination">Receives the encoded vector.</param>
    /// <param name="unseenFields">Receives the name of each categorical field whose value the model has not seen in training.</param>
    /// <param name="invalidField">On failure, the numeric field whose scaled value does not fit a 32-bit float.</param>
    /// <returns>False when a number is too large to encode.</returns>
    bool TryEncode(EventRecord record, Span<float> destination, ICollection<string> unseenFields, out string? invalidField);
}
