namespace KooGate.Emulator.Probes;

/// <summary>
/// What KooGallery does to a product whose interface keeps failing (saas-v2.md §1.6 and §5, license-order-openapi.md
/// §B.1): "5 consecutive days" of failing probes freeze trading and hide the product, continued failure delists it, and
/// "more than 5 orders a month" that fail because of the interface delist it. How long "continued" is the docs do not
/// say: the emulator delists after <see cref="FailingDaysToDelist"/> consecutive failing days.
/// </summary>
public static class HealthRules
{
    public const int FailingDaysToFreeze = 5;

    public const int FailingDaysToDelist = 10;

    /// <summary>More failed orders than this in a calendar month delist the product.</summary>
    public const int FailedOrdersPerMonth = 5;
}
