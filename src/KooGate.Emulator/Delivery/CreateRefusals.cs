using KooGate.Emulator.Data;
using KooGate.Protocol.Messages;

namespace KooGate.Emulator.Delivery;

/// <summary>
/// What the marketplace makes of a create (<c>newInstance</c>, <c>getLicense</c>, or <c>queryInstance</c> polled after
/// <c>000004</c>) answered with one of the create codes of saas-v2.md §4. The docs list the codes but not what the
/// marketplace does with them; the emulator's choice: a code that describes the buyer or the product's capacity cannot
/// change by asking again, so it ends the order at once (failed, refunded, the reason shown to the buyer); 000104 (the
/// product's internal error) may heal and keeps the retry schedule, like 000004, 000005 and transport failures.
/// </summary>
public static class CreateRefusals
{
    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        ["000100"] = "the seller has no instance resource available",
        ["000101"] = "the mobile number is missing or already registered with the seller",
        ["000102"] = "the e-mail address is missing or already registered with the seller",
        ["000103"] = "the account has already bought this product, which cannot be bought twice",
        ["000104"] = "the seller's service had an internal error",
        ["000105"] = "the account already has this benefit",
        ["000106"] = "the product's resources are sold out",
        ["000107"] = "the e-mail domain already exists at the seller",
    };

    /// <summary>The codes that fail the order on the first answer.</summary>
    public static IReadOnlySet<string> FinalCodes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "000100", "000101", "000102", "000103", "000105", "000106", "000107",
    };

    /// <summary>Whether this outcome of a purchase's create ends the order now instead of waiting for the next retry.</summary>
    public static bool IsFinal(DeliveryJob delivery, CallOutcome outcome) =>
        delivery.FailsOrder
        && delivery.Activity is Activities.NewInstance or Activities.GetLicense
        && outcome.Verdict == Verdicts.BusinessError
        && outcome.ResultCode is { } code && FinalCodes.Contains(code);

    /// <summary>What the buyer reads on a failed order: the seller's refusal in plain words, or why delivery failed.</summary>
    public static string BuyerReason(CallOutcome? outcome)
    {
        if (outcome is { Verdict: Verdicts.BusinessError, ResultCode: { } code })
        {
            var meaning = Meanings.GetValueOrDefault(code, "the seller refused the purchase");
            var message = outcome.Get("resultMsg") is { Length: > 0 } text ? $": {text}" : string.Empty;
            return $"{meaning} ({code}{message}); the order failed and the payment was refunded";
        }

        return $"the seller's service could not be reached or answered wrongly ({outcome?.Verdict ?? "no answer"}) "
            + "for the whole retry period; the order failed and the payment was refunded";
    }
}
