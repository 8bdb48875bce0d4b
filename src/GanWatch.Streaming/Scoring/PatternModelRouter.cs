using System.Text;
using System.Text.RegularExpressions;

namespace GanWatch.Streaming.Scoring;

/// <summary>
/// Routes series ids to models by ordered glob patterns (<c>*</c> matches any run of characters, <c>?</c> one
/// character, matching is case-sensitive and covers the whole id). The first matching pattern wins, else the default.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class PatternModelRouter : IModelRouter
{
    private readonly IWindowModel _defaultModel;
    private readonly (Regex Pattern, IWindowModel Model)[] _routes;

    /// <summary>Creates a router.</summary>
    /// <param name="defaultModel">Model for series that match no pattern.</param>
    /// <param name="routes">Patterns and their models, in priority order.</param>
    /// <exception cref="ArgumentException">A pattern is empty.</exception>
    public PatternModelRouter(IWindowModel defaultModel, IEnumerable<KeyValuePair<string, IWindowModel>>? routes = null)
    {
        ArgumentNullException.ThrowIfNull(defaultModel);
        _defaultModel = defaultModel;
        _routes = (routes ?? []).Select(route => (ToRegex(route.Key), route.Value)).ToArray();
    }

    /// <inheritdoc />
    public IWindowModel Resolve(string seriesId)
    {
        foreach ((Regex pattern, IWindowModel model) in _routes)
        {
            if (pattern.IsMatch(seriesId))
            {
                return model;
            }
        }

        return _defaultModel;
    }

    private static Regex ToRegex(string glob)
    {
        if (string.IsNullOrEmpty(glob))
        {
            throw new ArgumentException("A model route pattern is empty; use '*' to match every series.", nameof(glob));
        }

        var builder = new StringBuilder("^");
        foreach (char c in glob)
        {
            builder.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }

        builder.Append('$');
        return new Regex(builder.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }
}
