using GanWatch.Tests.Support;

// Most tests start daemon processes that each load TorchSharp and a model. Tests run one at a time, so the processes
// under test get the machine's cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: AssemblyFixture(typeof(TrainedModelFixture))]
