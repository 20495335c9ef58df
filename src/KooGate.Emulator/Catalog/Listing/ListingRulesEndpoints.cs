namespace KooGate.Emulator.Catalog.Listing;

/// <summary>
/// <c>GET /api/products/{id}/rules</c>, one <c>PUT /api/products/{id}/rules/…</c> per rule and
/// <c>POST /api/products/{id}/delist</c>; each answers the product's rules as they now stand.
/// </summary>
public static class ListingRulesEndpoints
{
    public static void MapListingRules(this IEndpointRouteBuilder app)
    {
        var product = app.MapGroup("/api/products/{id}");
        product.MapGet("/rules", (string id, ListingRulesService rules, CancellationToken ct) => rules.GetAsync(id, ct));
        product.MapPost("/delist", (string id, DelistRequest request, ListingRulesService rules, CancellationToken ct) =>
            rules.DelistAsync(id, request.Reason, ct));
        product.MapPut("/rules/sales-targets", (string id, SalesTargetsRequest request, ListingRulesService rules, CancellationToken ct) =>
            rules.SetSalesTargetsAsync(id, request, ct));
        product.MapPut("/rules/purchase-limit", (string id, PurchaseLimitRequest request, ListingRulesService rules, CancellationToken ct) =>
            rules.SetPurchaseLimitAsync(id, request, ct));
        product.MapPut("/rules/trial", (string id, TrialRequest request, ListingRulesService rules, CancellationToken ct) =>
            rules.SetTrialAsync(id, request, ct));
        product.MapPut("/rules/stock", (string id, StockRequest request, ListingRulesService rules, CancellationToken ct) =>
            rules.SetStockAsync(id, request, ct));
        product.MapPut("/rules/credit", (string id, CreditRequest request, ListingRulesService rules, CancellationToken ct) =>
            rules.SetCreditAsync(id, request, ct));
    }
}
