using System.Text.RegularExpressions;
using GanWatch.Engine.FineTuning;
using GanWatch.Models;
using GanWatch.Streaming.ModelDistribution;
using GanWatch.Streaming.Processing;
using Microsoft.Extensions.Configuration;

namespace GanWatch.FineTuning;

/// <summary>
/// When and how the daemon fine-tunes its models, and where it shares them with other instances. Bound from the
/// <c>FineTune</c> configuration section, which also contains the fields of the engine's <see cref="FineTuneOptions"/>
/// (buffer, gate and training settings) at the same level.
/// </summary>
public sealed partial class FineTuneServiceOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "FineTune";

    /// <summary>
    /// Whether this instance fine-tunes its models when it owns partition 0 of the input topic. The default is false,
    /// so models change only when an operator requests it. An instance with a <see cref="ModelTopic"/> loads published
    /// versions whatever this setting is.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Normal windows admitted to a model's buffer since its last run that make the next run due; 0 disables this
    /// trigger. The default is 50,000.
    /// </summary>
    public long IntervalWindows { get; set; } = 50_000;

    /// <summary>Time since a model's last run (or since start-up) that makes the next run due; zero disables this trigger. The default is 6 hours.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Versions kept in each model repository and on the model topic; older ones are deleted. The default is 5.</summary>
    public int KeepVersions { get; set; } = 5;

    /// <summary>
    /// Compacted Kafka topic through which the instances of one consumer group share model versions. Empty, the default,
    /// keeps every model local to its host.
    /// </summary>
    public string ModelTopic { get; set; } = "";

    /// <summary>Largest chunk of a published model package, in bytes. The default is 512 KiB.</summary>
    public int ChunkBytes { get; set; } = ModelTopicSettings.DefaultChunkBytes;

    /// <summary>Longest wait for the broker to acknowledge a published model. The default is 60 s.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The engine's buffer, training and gate settings, bound from the same section.</summary>
    public FineTuneOptions Tuning { get; set; } = new();

    /// <summary>Whether instances share models through <see cref="ModelTopic"/>.</summary>
    public bool UsesModelTopic => !string.IsNullOrWhiteSpace(ModelTopic);

    /// <summary>Binds <paramref name="section"/> into a new instance, including <see cref="Tuning"/>.</summary>
    /// <exception cref="InvalidOperationException">A value cannot be converted to its option's type.</exception>
    public static FineTuneServiceOptions Bind(IConfiguration section)
    {
        var options = new FineTuneServiceOptions();
        BindInto(section, options);
        return options;
    }

    /// <summary>Binds <paramref name="section"/> into <paramref name="options"/>, including <see cref="Tuning"/>.</summary>
    /// <exception cref="InvalidOperationException">A value cannot be converted to its option's type.</exception>
    public static void BindInto(IConfiguration section, FineTuneServiceOptions options)
    {
        section.Bind(options);
        section.Bind(options.Tuning);
    }

    /// <summary>Returns every problem with these options; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (IntervalWindows < 0)
        {
            problems.Add($"{SectionName}:IntervalWindows is {IntervalWindows}. Use 0 to disable the window trigger, or a positive count.");
        }

        if (Interval < TimeSpan.Zero || Interval > TimeSpan.FromDays(365))
        {
            problems.Add($"{SectionName}:Interval is {Interval}. Use 00:00:00 to disable the time trigger, or up to 365 days.");
        }

        if (KeepVersions is < 1 or > 1000)
        {
            problems.Add($"{SectionName}:KeepVersions is {KeepVersions}. Keep from 1 to 1000 versions; the default is 5.");
        }

        if (UsesModelTopic && !TopicName().IsMatch(ModelTopic))
        {
            problems.Add($"{SectionName}:ModelTopic is '{ModelTopic}', which is not a Kafka topic name. Use up to 249 letters, digits, '.', '_' or '-'.");
        }

        if (ChunkBytes is < ModelTopicSettings.MinChunkBytes or > ModelTopicSettings.MaxChunkBytes)
        {
            problems.Add($"{SectionName}:ChunkBytes is {ChunkBytes}. Use {ModelTopicSettings.MinChunkBytes} to {ModelTopicSettings.MaxChunkBytes}; the default is {ModelTopicSettings.DefaultChunkBytes}.");
        }

        if (PublishTimeout <= TimeSpan.Zero || PublishTimeout > TimeSpan.FromHours(1))
        {
            problems.Add($"{SectionName}:PublishTimeout is {PublishTimeout}. Use a time above zero and up to one hour.");
        }

        if (Tuning is null)
        {
            problems.Add($"{SectionName}: the fine-tuning settings are missing.");
        }
        else
        {
            problems.AddRange(Tuning.Validate().Select(problem => $"{SectionName}: {problem}"));
        }

        return problems;
    }

    /// <summary>
    /// Returns the problems between these options and the other sections. These are a training thread count that would
    /// change the scoring thread count, and a model topic that is also a stream topic. With a model topic, two unpinned
    /// model directories with the same last segment are a problem too, because they would share one lineage name.
    /// </summary>
    public IReadOnlyList<string> ValidateWith(StreamProcessorOptions stream, ModelOptions models)
    {
        var problems = new List<string>();
        int trainingThreads = Tuning?.Training?.Threads ?? 0;
        if (Enabled && trainingThreads != 0 && trainingThreads != models.Threads)
        {
            problems.Add($"{SectionName}:Training:Threads is {trainingThreads} but Models:Threads is {models.Threads}. Torch's thread count is " +
                         "process-wide, so a fine-tuning run would change the scoring threads too; set it to 0 (keep Models:Threads) or to the same count.");
        }

        if (!UsesModelTopic)
        {
            return problems;
        }

        if (new[] { stream.InputTopic, stream.AlertTopic, stream.DeadLetterTopic }.Contains(ModelTopic, StringComparer.Ordinal))
        {
            problems.Add($"{SectionName}:ModelTopic '{ModelTopic}' is also a Stream topic. Give the model topic a name of its own.");
        }

        foreach (IGrouping<string, ModelSource> clash in models.Sources().Where(source => !source.IsPinned).DistinctBy(source => source.Directory)
                     .GroupBy(source => source.Lineage, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            problems.Add($"{SectionName}:ModelTopic is set, and the model directories {string.Join(", ", clash.Select(source => $"'{source.Directory}'"))} " +
                         $"share the lineage name '{clash.Key}' (the last path segment). Rename one of them.");
        }

        return problems;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,249}$")]
    private static partial Regex TopicName();
}
