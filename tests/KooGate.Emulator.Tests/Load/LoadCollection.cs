namespace KooGate.Emulator.Tests.Load;

/// <summary>The load tests saturate the thread pool on purpose: they run one after another, not beside each other.</summary>
[CollectionDefinition(Name)]
public sealed class LoadCollection
{
    public const string Name = "load";
}
