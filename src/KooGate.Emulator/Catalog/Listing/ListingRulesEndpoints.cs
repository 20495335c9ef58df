using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Protocol.Messages;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Catalog.Listing;

/// <summary>
/// The seller center's 商品配置 for one product: <c>GET /api/products/{id}/rules</c>, one <c>PUT</c> per rule and
/// <c>POST …/delist</c>. Every call answers the product's rules as they now stand.
/// </summary>
public static class ListingRulesEndpoints
{
    /// <summary>SaaS类商品试用配置 allows 3 to 180 trial days (如何发布SaaS类商品试用规格).</summary>
    public const int MinTrialDays = 3;

    public const int MaxTrialDays = 180;

    public static void MapListingRules(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/products/{id}");
        rules.MapGet("/rules", async (string id, EmulatorDb db, CancellationToken ct) =>
        {
            var product = await ProductAsync(db, id, ct);
            return ListingRulesView.Of(product, await db.ListingRules.Include(r => r.Accounts).SingleOrDefaultAsync(r => r.ProductId == id, ct));
        });
        rules.MapPost("/delist", (string id, DelistRequest request, EmulatorDb db, VirtualClock clock, CancellationToken ct) =>
            ChangeAsync(db, id, ct, (_, r) => Delist(r, request.Reason, clock.GetUtcNow())));
        rules.MapPut("/rules/sales-targets", (string id, SalesTargetsRequest request, EmulatorDb db, CancellationToken ct) =>
            ChangeAsync(db, id, ct, (_, r) =>
            {
                r.SalesTargetsOnly = request.Restricted;
                Replace(r, AccountListKind.SalesTarget, request.Accounts);
            }));
        rules.MapPut("/rules/purchase-limit", (string id, PurchaseLimitRequest request, EmulatorDb db, CancellationToken ct) =>
            ChangeAsync(db, id, ct, (_, r) =>
                r.PurchaseLimit = request.PerAccount is null or > 0 ? request.PerAccount : throw ApiException.BadRequest("perAccount must be at least 1, or null for no limit")));
        rules.MapPut("/rules/trial", (string id, TrialRequest request, EmulatorDb db, CancellationToken ct) =>
            ChangeAsync(db, id, ct, (p, r) => ConfigureTrial(p, r, request)));
        rules.MapPut("/rules/stock", (string id, StockRequest request, EmulatorDb db, CancellationToken ct) =>
            ChangeAsync(db, id, ct, (_, r) =>
                r.Stock = request.Stock is null or >= 0 ? request.Stock : throw ApiException.BadRequest("stock must not be negative (null: unlimited)")));
        rules.MapPut("/rules/credit", (string id, CreditRequest request, EmulatorDb db, CancellationToken ct) =>
            ChangeAsync(db, id, ct, (_, r) =>
            {
                if (!Enum.IsDefined(request.Mode))
                {
                    throw ApiException.BadRequest("mode must be None, AllUsers or CustomUsers");
                }

                r.Credit = request.Mode;
                Replace(r, AccountListKind.Credit, request.Mode == CreditControl.CustomUsers ? request.Accounts ?? [] : []);
            }));
    }

    /// <summary>Loads (or starts) the product's rules, applies <paramref name="change"/>, saves and answers the rules.</summary>
    private static async Task<ListingRulesView> ChangeAsync(EmulatorDb db, string id, CancellationToken ct, Action<Product, ListingRules> change)
    {
        var product = await ProductAsync(db, id, ct);
        var rules = await db.ListingRules.Include(r => r.Accounts).SingleOrDefaultAsync(r => r.ProductId == id, ct);
        if (rules is null)
        {
            rules = new ListingRules { ProductId = id };
            db.ListingRules.Add(rules);
        }

        change(product, rules);
        await db.SaveChangesAsync(ct);
        return ListingRulesView.Of(product, rules);
    }

    /// <summary>下架 is final on KooGallery: a delisted product cannot be listed again (publish a new one).</summary>
    private static void Delist(ListingRules rules, string? reason, DateTimeOffset now)
    {
        if (rules.Status == ListingStatus.Delisted)
        {
            throw ApiException.Conflict($"product {rules.ProductId} is already delisted; a delisted product cannot be listed again");
        }

        rules.Status = ListingStatus.Delisted;
        rules.DelistReason = string.IsNullOrWhiteSpace(reason) ? "delisted by the seller" : reason.Trim();
        rules.DelistedAt = now;
    }

    private static void ConfigureTrial(Product product, ListingRules rules, TrialRequest request)
    {
        if (request.Days is { } days)
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

    private static async Task<Product> ProductAsync(EmulatorDb db, string id, CancellationToken ct) =>
        await db.Products.SingleOrDefaultAsync(p => p.ProductId == id, ct) ?? throw ApiException.NotFound($"product {id}");
}
