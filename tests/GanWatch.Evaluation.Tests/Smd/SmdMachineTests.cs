using GanWatch.Evaluation.Data;
using GanWatch.Evaluation.Smd;

namespace GanWatch.Evaluation.Tests.Smd;

public sealed class SmdMachineTests
{
    private static void WriteMachine(TempFolder folder, string labels, string interpretation)
    {
        folder.Write("train/m.txt", "0.1,0.2,0.3\n0.2,0.3,0.4\n");
        folder.Write("test/m.txt", "0.1,0.2,0.3\n0.9,0.3,0.4\n0.9,0.3,0.9\n0.1,0.2,0.3\n");
        folder.Write("test_label/m.txt", labels);
        folder.Write("interpretation_label/m.txt", interpretation);
    }

    [Fact]
    public void LoadReadsAllFourFiles()
    {
        using var folder = new TempFolder();
        WriteMachine(folder, "0\n1\n1\n0\n", "1-3:3,1\n");

        var machine = SmdMachine.Load(folder.Path, "m");

        Assert.Equal("m", machine.Name);
        Assert.Equal(2, machine.Train.RowCount);
        Assert.Equal(3, machine.Test.ChannelCount);
        Assert.Equal([false, true, true, false], machine.Labels);
        var segment = Assert.Single(machine.Segments);
        Assert.Equal(1, segment.StartRow);
        Assert.Equal(3, segment.EndRow);
        Assert.Equal([0, 2], segment.Channels);
    }

    [Fact]
    public void LabelCountMismatchFails()
    {
        using var folder = new TempFolder();
        WriteMachine(folder, "0\n1\n1\n", "1-3:1\n");

        var error = Assert.Throws<DataFormatException>(() => SmdMachine.Load(folder.Path, "m"));

        Assert.Contains("test_label", error.Message);
    }

    [Theory]
    [InlineData("1-3:4\n")]
    [InlineData("1-9:1\n")]
    [InlineData("3-1:1\n")]
    [InlineData("1-3\n")]
    [InlineData("a-3:1\n")]
    public void BadInterpretationLabelFails(string interpretation)
    {
        using var folder = new TempFolder();
        WriteMachine(folder, "0\n1\n1\n0\n", interpretation);

        var error = Assert.Throws<DataFormatException>(() => SmdMachine.Load(folder.Path, "m"));

        Assert.Equal(1, error.LineNumber);
        Assert.Contains("interpretation_label", error.Message);
    }

    [Fact]
    public void NonBinaryLabelFails()
    {
        using var folder = new TempFolder();
        WriteMachine(folder, "0\n1\n2\n0\n", "1-3:1\n");

        var error = Assert.Throws<DataFormatException>(() => SmdMachine.Load(folder.Path, "m"));

        Assert.Equal(3, error.LineNumber);
    }

    [Fact]
    public void SharedMachineSegmentsMatchLabels()
    {
        var root = SharedData.RequireFolder("smd");

        var machine = SmdMachine.Load(root, "machine-1-2");

        Assert.Equal(38, machine.Test.ChannelCount);
        Assert.Equal(machine.Test.RowCount, machine.Labels.Length);
        Assert.Equal(10, machine.Segments.Count);
        var segmentRows = new bool[machine.Labels.Length];
        foreach (var segment in machine.Segments)
        {
            Array.Fill(segmentRows, true, segment.StartRow, segment.RowCount);
        }

        Assert.Equal(machine.Labels, segmentRows);
    }
}
