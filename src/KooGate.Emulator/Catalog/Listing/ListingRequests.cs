using KooGate.Emulator.Data;

namespace KooGate.Emulator.Catalog.Listing;

/// <summary>An account as the seller enters it in the seller center: account id and account name.</summary>
public sealed record AccountEntry(string? CustomerId, string? AccountName);

/// <summary><c>POST /api/products/{id}/delist</c>.</summary>
public sealed record DelistRequest(string? Reason);

/// <summary><c>PUT /api/products/{id}/rules/sales-targets</c>: restrict the product to <c>accounts</c>, or lift it.</summary>
public sealed record SalesTargetsRequest(bool Restricted, IReadOnlyList<AccountEntry>? Accounts);

/// <summary><c>PUT /api/products/{id}/rules/purchase-limit</c>: purchases per account, null for none.</summary>
public sealed record PurchaseLimitRequest(int? PerAccount);

/// <summary>
/// <c>PUT /api/products/{id}/rules/trial</c>: trial length in days (0 withdraws the trial), whether TRIAL_TO_FORMAL is
/// allowed, and the whitelist (null: every account may try).
/// </summary>
public sealed record TrialRequest(int? Days, bool? ToFormal, IReadOnlyList<AccountEntry>? Whitelist);

/// <summary><c>PUT /api/products/{id}/rules/stock</c>: units left, null for unlimited.</summary>
public sealed record StockRequest(int? Stock);

/// <summary><c>PUT /api/products/{id}/rules/credit</c>: who may pay with credit.</summary>
public sealed record CreditRequest(CreditControl Mode, IReadOnlyList<AccountEntry>? Accounts);

/// <summary>The rules as <c>GET /api/products/{id}/rules</c> shows them.</summary>
public sealed record ListingRulesView(
    string ProductId,
    ListingStatus Status,
    string? DelistReason,
    DateTimeOffset? DelistedAt,
    bool SalesTargetsOnly,
    IReadOnlyList<AccountEntry> SalesTargets,
    int? PurchaseLimit,
    int TrialDays,
    bool TrialToFormal,
    bool TrialWhitelistOnly,
    IReadOnlyList<AccountEntry> TrialWhitelist,
    int? Stock,
    CreditControl Credit,
    IReadOnlyList<AccountEntry> CreditAccounts)
{
    public static ListingRulesView Of(Product product, ListingRules? rules)
    {
        rules ??= new ListingRules { ProductId = product.ProductId };
        IReadOnlyList<AccountEntry> On(AccountListKind list) =>
            [.. rules.Accounts.Where(a => a.List == list).OrderBy(a => a.CustomerId, StringComparer.Ordinal).Select(a => new AccountEntry(a.CustomerId, a.AccountName))];
        return new ListingRulesView(
            product.ProductId,
            rules.Status,
            rules.DelistReason,
            rules.DelistedAt,
            rules.SalesTargetsOnly,
            On(AccountListKind.SalesTarget),
            rules.PurchaseLimit,
            product.TrialDays,
            rules.TrialToFormal,
            rules.TrialWhitelistOnly,
            On(AccountListKind.TrialWhitelist),
            rules.Stock,
            rules.Credit,
            On(AccountListKind.Credit));
    }
}
