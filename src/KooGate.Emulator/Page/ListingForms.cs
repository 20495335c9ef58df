using KooGate.Emulator.Catalog.Listing;
using KooGate.Emulator.Data;

namespace KooGate.Emulator.Page;

/// <summary>
/// The page's listing-rule forms: <c>/ui/products/{id}/delist</c> and <c>/ui/products/{id}/rules</c>, which sets every
/// rule of the product at once through <see cref="ListingRulesService"/>. Account lists are typed as
/// <c>id</c> or <c>id=account name</c>, separated by commas or new lines.
/// </summary>
public static class ListingForms
{
    public static void MapListingForms(this RouteGroupBuilder page)
    {
        page.MapPost("/ui/products/{id}/delist", (string id, HttpContext context, ListingRulesService rules) =>
            PageEndpoints.ActAsync(context, async form =>
            {
                await rules.DelistAsync(id, form["reason"], context.RequestAborted);
                return $"product {id} delisted";
            }));
        page.MapPost("/ui/products/{id}/rules", (string id, HttpContext context, ListingRulesService rules) =>
            PageEndpoints.ActAsync(context, async form =>
            {
                var ct = context.RequestAborted;
                var mode = Enum.TryParse<CreditControl>(form["credit"], ignoreCase: false, out var parsed)
                    ? parsed
                    : throw ApiException.BadRequest("credit must be None, AllUsers or CustomUsers");
                await rules.SetSalesTargetsAsync(id, new SalesTargetsRequest(form["restricted"] == "on", Accounts(form["salesTargets"])), ct);
                await rules.SetPurchaseLimitAsync(id, new PurchaseLimitRequest(Optional(form["purchaseLimit"], "purchase limit")), ct);
                await rules.SetStockAsync(id, new StockRequest(Optional(form["stock"], "stock", allowZero: true)), ct);
                var whitelist = Accounts(form["trialWhitelist"]);
                await rules.SetTrialAsync(id, new TrialRequest(
                    Optional(form["trialDays"], "trial days", allowZero: true), form["trialToFormal"] == "on", whitelist.Count == 0 ? null : whitelist), ct);
                await rules.SetCreditAsync(id, new CreditRequest(mode, Accounts(form["creditAccounts"])), ct);
                return $"listing rules of {id} saved";
            }));
    }

    /// <summary>The buy form's payment method; balance unless credit is chosen.</summary>
    public static PaymentMethod Payment(string? value) => value == nameof(PaymentMethod.Credit) ? PaymentMethod.Credit : PaymentMethod.Balance;

    /// <summary>Writes an account list back in the form's notation.</summary>
    public static string Format(IEnumerable<AccountEntry> accounts) =>
        string.Join(", ", accounts.Select(a => a.AccountName is { Length: > 0 } name ? $"{a.CustomerId}={name}" : a.CustomerId));

    private static List<AccountEntry> Accounts(string? text) =>
        [.. (text ?? string.Empty).Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split('=', 2, StringSplitOptions.TrimEntries) is [var id, var name] ? new AccountEntry(id, name) : new AccountEntry(entry, null))];

    private static int? Optional(string? value, string name, bool allowZero = false) =>
        string.IsNullOrWhiteSpace(value) ? null
        : allowZero && value.Trim() == "0" ? 0
        : PageEndpoints.Number(value, name);
}
