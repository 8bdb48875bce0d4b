namespace GanWatch.Streaming.Scoring;

/// <summary>Chooses the model for a series. Implementations must be thread-safe and return quickly.</summary>
public interface IModelRouter
{
    /// <summary>Returns the model that scores <paramref name="seriesId"/>.</summary>
    IWindowModel Resolve(string seriesId);
}
