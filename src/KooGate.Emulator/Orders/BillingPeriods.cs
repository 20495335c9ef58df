namespace KooGate.Emulator.Orders;

/// <summary>Subscription periods (<c>day</c>, <c>month</c>, <c>year</c>) on the timeline.</summary>
public static class BillingPeriods
{
    /// <summary>Adds whole periods to an instant (a negative count goes back).</summary>
    public static DateTimeOffset Add(DateTimeOffset from, string? periodType, int count) => periodType switch
    {
        "year" => from.AddYears(count),
        "month" => from.AddMonths(count),
        "day" => from.AddDays(count),
        _ => throw new ApiException(400, $"periodType '{periodType}' is not month or year"),
    };

    /// <summary>The number of periods an order asks for: 1 when it names none.</summary>
    public static int Count(int? value) => value switch
    {
        null => 1,
        >= 1 and <= 99 => value.Value,
        _ => throw ApiException.BadRequest("periodNumber must be 1 to 99"),
    };
}
