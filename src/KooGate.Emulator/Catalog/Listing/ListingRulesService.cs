using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Protocol.Messages;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Catalog.Listing;

/// <summary>
/// The seller center's 商品配置 for one product, shared by the REST API and the page: each call changes one rule,
/// saves, and answers the product's rules as they now stand.
/// </summary>
public sealed class ListingRulesService(EmulatorDb db, VirtualClock clock)
{
    /// <summary>SaaS类商品试用配置 allows 3 to 180 trial days (如何发布SaaS类商品试用规格).</summary>
    public const int MinTrialDays = 3;

    public const int MaxTrialDays = 180;

    public async Task<ListingRulesView> GetAsync(string productId, CancellationToken ct) =>
        ListingRulesView.Of(await ProductAsync(productId, ct), await RulesAsync(productId, ct));

    /// <summary>下架 is final on KooGallery: a delisted product cannot be listed again (publish a new one).</summary>
    public Task<ListingRulesView> DelistAsync(string productId, string? reason, CancellationToken ct) => ChangeAsync(productId, ct, (_, rules) =>
    {
        if (rules.Status == ListingStatus.Delisted)
        {
            throw ApiException.Conflict($"product {productId} is already delisted; a delisted product cannot be listed again");
        }

        rules.Status = ListingStatus.Delisted;
        rules.DelistReason = string.IsNullOrWhiteSpace(reason) ? "delisted by the seller" : reason.Trim();
        rules.DelistedAt = clock.GetUtcNow();
    });

    public Task<ListingRulesView> SetSalesTargetsAsync(string productId, SalesTargetsRequest request, CancellationToken ct) => ChangeAsync(productId, ct, (_, rules) =>
    {
        rules.SalesTargetsOnly = request.Restricted;
        Replace(rules, AccountListKind.SalesTarget, request.Accounts);
    });

    public Task<ListingRulesView> SetPurchaseLimitAsync(string productId, PurchaseLimitRequest request, CancellationToken ct) => ChangeAsync(productId, ct, (_, rules) =>
        rules.PurchaseLimit = request.PerAccount is null or > 0
            ? request.PerAccount
            : throw ApiException.BadRequest("perAccount must be at least 1, or null for no limit"));

    public Task<ListingRulesView> SetStockAsync(string productId, StockRequest request, CancellationToken ct) => ChangeAsync(productId, ct, (_, rules) =>
        rules.Stock = request.Stock is null or >= 0 ? request.Stock : throw ApiException.BadRequest("stock must not be negative (null: unlimited)"));

    public Task<ListingRulesView> SetCreditAsync(string productId, CreditRequest request, CancellationToken ct) => ChangeAsync(productId, ct, (_, rules) =>
    {
        if (!Enum.IsDefined(request.Mode))
        {
            throw ApiException.BadRequest("mode must be None, AllUsers or CustomUsers");
        }

        rules.Credit = request.Mode;
        Replace(rules, AccountListKind.Credit, request.Mode == CreditControl.CustomUsers ? request.Accounts ?? [] : []);
    });

    public Task<ListingRulesView> SetTrialAsync(string productId, TrialRequest request, CancellationToken ct) => ChangeAsync(productId, ct, (product, rules) =>
    {
        if (request.Days is { } days && days != product.TrialDays)
        {
            if (days != 0 && (days < MinTrialDays || days > MaxTrialDays))
            {
                throw ApiException.BadRequest($"days must be {MinTrialDays} to {MaxTrialDays} (0 withdraws the trial)");
            }

            if (days != 0 && (product.ChargingMode != ChargingModes.Period || product.InterfaceVersion is not (InterfaceVersion.SaasV2 or InterfaceVersion.SaasV1)))
            {
                throw ApiException.BadRequest("trials are offered by periodic SaaS products only");
            }

            product.TrialDays = days;
        }

        rules.TrialToFormal = request.ToFormal ?? rules.TrialToFormal;
        rules.TrialWhitelistOnly = request.Whitelist is not null;
        Replace(rules, AccountListKind.TrialWhitelist, request.Whitelist ?? []);
    });

    /// <summary>Every product's rules (products without any included), for the page.</summary>
    public async Task<IReadOnlyList<ListingRulesView>> AllAsync(CancellationToken ct)
    {
        var rules = await db.ListingRules.AsNoTracking().Include(r => r.Accounts).ToDictionaryAsync(r => r.ProductId, ct);
        return [.. (await db.Products.AsNoTracking().OrderBy(p => p.ProductId).ToListAsync(ct)).Select(p => ListingRulesView.Of(p, rules.GetValueOrDefault(p.ProductId)))];
    }

    /// <summary>Loads (or starts) the product's rules, applies <paramref name="change"/> and saves.</summary>
    private async Task<ListingRulesView> ChangeAsync(string productId, CancellationToken ct, Action<Product, ListingRules> change)
    {
        var product = await ProductAsync(productId, ct);
        var rules = await RulesAsync(productId, ct);
        if (rules is null)
        {
            rules = new ListingRules { ProductId = productId };
            db.ListingRules.Add(rules);
        }

        change(product, rules);
        await db.SaveChangesAsync(ct);
        return ListingRulesView.Of(product, rules);
    }

    private static void Replace(ListingRules rules, AccountListKind list, IReadOnlyList<AccountEntry>? accounts)
    {
        var entries = (accounts ?? []).Select(a => string.IsNullOrWhiteSpace(a.CustomerId)
                ? throw ApiException.BadRequest("every account needs a customerId (the account id)")
                : new ListedAccount { ProductId = rules.ProductId, List = list, CustomerId = a.CustomerId.Trim(), AccountName = a.AccountName?.Trim() })
            .ToList();
        if (entries.GroupBy(e => e.CustomerId, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            throw ApiException.BadRequest("an account is listed twice");
        }

        rules.Accounts.RemoveAll(a => a.List == list);
        rules.Accounts.AddRange(entries);
    }

    private Task<ListingRules?> RulesAsync(string productId, CancellationToken ct) =>
        db.ListingRules.Include(r => r.Accounts).SingleOrDefaultAsync(r => r.ProductId == productId, ct);

    private async Task<Product> ProductAsync(string productId, CancellationToken ct) =>
        await db.Products.SingleOrDefaultAsync(p => p.ProductId == productId, ct) ?? throw ApiException.NotFound($"product {productId}");
}
