namespace GanWatch.Engine.Tests;
public class ProbeTests { [Fact] public void Runs() => Assert.Equal("3", Probe.Run()); }
