namespace GanWatch.Engine.Features;

/// <summary>The feature values of one event, in schema order, before encoding.</summary>
/// <param name="Numbers">One finite value per numeric field of the schema, in order.</param>
/// <param name="Categories">One value per categorical field of the schema, in order.</param>
public sealed record FeatureRow(double[] Numbers, string[] Categories);
