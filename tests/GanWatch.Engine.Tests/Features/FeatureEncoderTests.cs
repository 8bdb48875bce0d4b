using GanWatch.Engine.Features;
using GanWatch.Engine.Tests.Support;

namespace GanWatch.Engine.Tests.Features;

public class FeatureEncoderTests
{
    [Fact]
    public void Fit_StandardScalingCentresAndScales()
    {
        var rows = new List<FeatureRow> { Row(1, "a", 10), Row(3, "a", 10), Row(5, "b", 10) };
        var encoder = FeatureEncoder.Fit(Schema(FeatureScaling.Standard), rows);
        var encoded = new float[encoder.Width];

        encoder.Encode(Row(5, "a", 10), encoded);

        EncodedField size = encoder.Fields[0];
        Assert.Equal(3.0, size.Offset, 9);
        Assert.Equal(Math.Sqrt(8.0 / 3.0), size.Scale, 9);
        Assert.Equal((float)(2 / Math.Sqrt(8.0 / 3.0)), encoded[0], 5);
    }

    [Fact]
    public void Fit_MinMaxScalingMapsTrainingRangeToUnit()
    {
        var rows = new List<FeatureRow> { Row(2, "a", 10), Row(6, "a", 10), Row(4, "b", 10) };
        var encoder = FeatureEncoder.Fit(Schema(FeatureScaling.MinMax), rows);
        var low = new float[encoder.Width];
        var high = new float[encoder.Width];
        var outside = new float[encoder.Width];

        encoder.Encode(Row(2, "a", 10), low);
        encoder.Encode(Row(6, "a", 10), high);
        encoder.Encode(Row(10, "a", 10), outside);

        Assert.Equal(0f, low[0]);
        Assert.Equal(1f, high[0]);
        Assert.Equal(2f, outside[0]);
    }

    [Fact]
    public void Fit_ConstantFieldIsOnlyShifted()
    {
        var rows = new List<FeatureRow> { Row(1, "a", 10), Row(2, "a", 10) };
        var encoder = FeatureEncoder.Fit(Schema(FeatureScaling.Standard), rows);
        var encoded = new float[encoder.Width];

        encoder.Encode(Row(1, "a", 13), encoded);

        Assert.Equal(1.0, encoder.Fields[2].Scale);
        Assert.Equal(3f, encoded[^1]);
    }

    [Fact]
    public void Encode_OneHotWithUnseenColumn()
    {
        var rows = new List<FeatureRow> { Row(1, "b", 0), Row(2, "a", 0), Row(3, "b", 0) };
        var encoder = FeatureEncoder.Fit(Schema(FeatureScaling.Standard), rows);
        var seen = new float[encoder.Width];
        var unseen = new float[encoder.Width];
        var unseenFields = new List<string>();

        int seenCount = encoder.Encode(Row(1, "a", 0), seen);
        int unseenCount = encoder.Encode(Row(1, "zzz", 0), unseen, unseenFields);

        // Columns: size, kind=b, kind=a, kind=<unseen>, weight. The vocabulary is ordered by training frequency.
        Assert.Equal(5, encoder.Width);
        Assert.Equal(["size", "kind=b", "kind=a", "kind=<unseen>", "weight"], encoder.ColumnNames);
        Assert.Equal(0, seenCount);
        Assert.Equal([0f, 1f, 0f], seen[1..4]);
        Assert.Equal(1, unseenCount);
        Assert.Equal([0f, 0f, 1f], unseen[1..4]);
        Assert.Equal(["kind"], unseenFields);
    }

    [Fact]
    public void Fit_RareCategoriesBeyondMaxShareUnseenColumn()
    {
        FeatureSchema schema = Schema(FeatureScaling.Standard);
        schema.Fields[1].MaxCategories = 2;
        var rows = new List<FeatureRow> { Row(1, "a", 0), Row(1, "a", 0), Row(1, "b", 0), Row(1, "b", 0), Row(1, "c", 0) };
        var encoder = FeatureEncoder.Fit(schema, rows);
        var encoded = new float[encoder.Width];

        int unseen = encoder.Encode(Row(1, "c", 0), encoded);

        Assert.Equal(["a", "b"], encoder.Fields[1].Vocabulary!);
        Assert.Equal(1, unseen);
        Assert.Equal(1f, encoded[3]);
    }

    [Fact]
    public void FieldResiduals_SumColumnsPerField()
    {
        var encoder = FeatureEncoder.Fit(Schema(FeatureScaling.Standard), [Row(1, "a", 0), Row(2, "b", 0)]);

        float[] residuals = encoder.FieldResiduals([0.5f, 0.25f, 0.5f, 1f, 2f]);

        Assert.Equal([0.5f, 1.75f, 2f], residuals);
        Assert.Equal(["size", "kind", "weight"], encoder.Fields.Select(f => f.Name));
        Assert.Equal(["note"], encoder.PassThrough);
    }

    [Fact]
    public void Encode_RowOfWrongShapeIsRejected()
    {
        var encoder = FeatureEncoder.Fit(Schema(FeatureScaling.Standard), [Row(1, "a", 0), Row(2, "b", 0)]);
        var encoded = new float[encoder.Width];

        var error = Assert.Throws<ArgumentException>(() => encoder.Encode(new FeatureRow([1.0], ["a"]), encoded));

        Assert.Contains("2 numeric and 1 categorical", error.Message);
    }

    [Fact]
    public void Encode_NonFiniteNumberNamesField()
    {
        var encoder = FeatureEncoder.Fit(Schema(FeatureScaling.Standard), [Row(1, "a", 0), Row(2, "b", 0)]);
        var encoded = new float[encoder.Width];

        var error = Assert.Throws<ArgumentException>(() => encoder.Encode(Row(double.NaN, "a", 0), encoded));

        Assert.Contains("'size'", error.Message);
    }

    [Fact]
    public void Schema_ReportsEveryProblem()
    {
        var schema = new FeatureSchema
        {
            Fields =
            [
                new FeatureField { Name = "a", Kind = FeatureKind.Categorical, MaxCategories = 0 },
                new FeatureField { Name = "a" },
                new FeatureField { Name = " " },
            ],
        };

        IReadOnlyList<string> problems = schema.Validate();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("MaxCategories 0"));
        Assert.Contains(problems, p => p.Contains("listed twice"));
        Assert.Contains(problems, p => p.Contains("Fields[2] has no name"));
    }

    [Fact]
    public void Schema_WithoutFeaturesIsInvalid()
    {
        var schema = new FeatureSchema { Fields = [new FeatureField { Name = "id", Kind = FeatureKind.PassThrough }] };

        Assert.Contains("no Numeric or Categorical field", Assert.Single(schema.Validate()));
    }

    private static FeatureSchema Schema(FeatureScaling scaling) => new()
    {
        Fields =
        [
            new FeatureField { Name = "size", Kind = FeatureKind.Numeric, Scaling = scaling },
            new FeatureField { Name = "kind", Kind = FeatureKind.Categorical },
            new FeatureField { Name = "note", Kind = FeatureKind.PassThrough },
            new FeatureField { Name = "weight", Kind = FeatureKind.Numeric, Scaling = scaling },
        ],
    };

    private static FeatureRow Row(double size, string kind, double weight) => new([size, weight], [kind]);
}
