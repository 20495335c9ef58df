namespace KooGate.Emulator;

/// <summary>KooGallery in a box: the marketplace emulator (catalog, orders, delivery, open APIs, conformance).</summary>
public static class EmulatorInfo
{
    public const string Name = "KooGate.Emulator";
}
