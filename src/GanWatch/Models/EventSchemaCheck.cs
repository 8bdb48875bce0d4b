using GanWatch.Streaming.Events;
using GanWatch.Streaming.Scoring;

namespace GanWatch.Models;

/// <summary>Checks that the loaded models fit the input topic: event models for an event schema, series models without one.</summary>
internal static class EventSchemaCheck
{
    /// <summary>Returns one problem per model that cannot score the records <paramref name="schema"/> describes; empty when all fit.</summary>
    /// <param name="schema">The running <c>Stream:EventSchema</c>, or null when the input topic carries points of series.</param>
    /// <param name="catalog">The loaded models.</param>
    public static List<string> Problems(EventSchemaOptions? schema, ModelCatalog catalog)
    {
        var problems = new List<string>();
        foreach ((ModelSource path, EngineWindowModel model) in catalog.Models)
        {
            if (schema is null)
            {
                if (model is IEventModel)
                {
                    problems.Add($"Models: '{path}' is an event model, but Stream:EventSchema is not set; set the schema it was trained with, or route series to a series model.");
                }

                continue;
            }

            problems.AddRange(schema.Mismatches(model).Select(problem => $"Models: '{path}' does not fit Stream:EventSchema: {problem}"));
        }

        return problems;
    }
}
