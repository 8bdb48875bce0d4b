using GanWatch.Engine.FineTuning;
using GanWatch.Engine.Training;

namespace GanWatch.Engine.Tests.FineTuning;

public class FineTuneOptionsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        var options = new FineTuneOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(2048, options.BufferCapacity);
        Assert.Equal(0.8, options.AdmissionRatio);
        Assert.Equal(256, options.ShiftAdmissionWindows);
        Assert.Equal(GanObjective.WganGp, options.Training.Objective);
        Assert.Equal(1, options.Training.Threads);
        Assert.Equal(TimeSpan.Zero, options.PauseBetweenSteps);
    }

    [Fact]
    public void Validate_ListsEveryProblem()
    {
        var options = new FineTuneOptions
        {
            BufferCapacity = 100,
            AdmissionRatio = 1.5,
            ShiftAdmissionWindows = -1,
            HeldOutFraction = 1,
            MinWindows = 4,
            Training = new TrainingOptions { BatchSize = 1 },
            MaxScoreRise = double.NaN,
            MaxAucDrop = 2,
            ReferenceAnomaliesPerKind = 0,
            PauseBetweenSteps = TimeSpan.FromSeconds(-1),
        };

        var problems = options.Validate();
        var error = Assert.Throws<ArgumentException>(options.ThrowIfInvalid);

        Assert.Equal(9, problems.Count);
        Assert.Contains(problems, problem => problem.StartsWith("AdmissionRatio is 1.5"));
        Assert.Contains(problems, problem => problem.StartsWith("ShiftAdmissionWindows is -1"));
        Assert.Contains(problems, problem => problem.StartsWith("HeldOutFraction is 1"));
        Assert.Contains(problems, problem => problem.StartsWith("MinWindows is 4"));
        Assert.Contains(problems, problem => problem.StartsWith("Training.BatchSize is 1"));
        Assert.Contains(problems, problem => problem.StartsWith("MaxScoreRise is NaN"));
        Assert.Contains(problems, problem => problem.StartsWith("MaxAucDrop is 2"));
        Assert.Contains(problems, problem => problem.StartsWith("ReferenceAnomaliesPerKind is 0"));
        Assert.Contains(problems, problem => problem.StartsWith("PauseBetweenSteps is -00:00:01"));
        Assert.Contains("Invalid fine-tuning options", error.Message);
    }

    [Fact]
    public void Validate_CapacityBelowMinWindows()
    {
        var options = new FineTuneOptions { BufferCapacity = 100, MinWindows = 200 };

        var problem = Assert.Single(options.Validate());

        Assert.StartsWith("BufferCapacity is 100; it must be at least MinWindows (200)", problem);
    }

    [Fact]
    public void Clone_CopiesTraining()
    {
        var options = new FineTuneOptions { Seed = 7 };

        var copy = options.Clone();
        copy.Training.Steps = 5;

        Assert.Equal(7, copy.Seed);
        Assert.Equal(200, options.Training.Steps);
    }
}
