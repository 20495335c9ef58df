using KooGate.Emulator.Data;
using KooGate.Protocol.Messages;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Catalog.Listing;

/// <summary>
/// Applies a product's listing rules when an order is placed, before anything is paid or called: a refused order is
/// never created and the buyer is told why (a 409 with a <c>reason</c>). Admitting a purchase takes one unit of stock.
/// </summary>
public sealed class ListingGuard(EmulatorDb db)
{
    /// <summary>A NEW or TRIAL order of <paramref name="product"/> by <paramref name="buyer"/>.</summary>
    public async Task AdmitPurchaseAsync(Product product, Buyer buyer, bool trial, PaymentMethod payment, CancellationToken cancellationToken)
    {
        var rules = await RulesAsync(product.ProductId, cancellationToken);
        RequireListed(product, rules);
        await RequireTradingAsync(product, cancellationToken);
        if (rules is { SalesTargetsOnly: true } && !Lists(rules, AccountListKind.SalesTarget, buyer))
        {
            throw Refuse("not-a-sales-target",
                $"product {product.ProductId} is sold only to the accounts the seller named (指定用户); {buyer.CustomerId} is not one: ask the seller for access");
        }

        if (trial)
        {
            await RequireTrialAsync(product, buyer, rules, cancellationToken);
        }
        else if (rules?.PurchaseLimit is { } limit && await PurchasesAsync(product, buyer, cancellationToken) >= limit)
        {
            throw Refuse("purchase-limit", $"{buyer.CustomerId} has reached the purchase limit of {limit} for product {product.ProductId} (限购)");
        }

        RequireCredit(product, buyer, rules, payment);
        if (rules?.Stock is { } stock)
        {
            if (stock <= 0)
            {
                throw Refuse("sold-out", $"product {product.ProductId} is sold out (售罄): no stock left");
            }

            rules.Stock = stock - 1;
        }
    }

    /// <summary>
    /// A RENEW, TRIAL_TO_FORMAL or CHANGE order that puts <paramref name="resource"/> on <paramref name="target"/>. A
    /// delisted product still renews its existing instances; moving onto it (another SKU or period type, a
    /// trial-to-formal purchase) is a sale of it and is refused.
    /// </summary>
    public async Task AdmitChangeAsync(Product target, Resource resource, Buyer buyer, bool trialToFormal, PaymentMethod payment, CancellationToken cancellationToken)
    {
        var rules = await RulesAsync(target.ProductId, cancellationToken);
        if (trialToFormal || target.ProductId != resource.ProductId)
        {
            RequireListed(target, rules);
        }

        await RequireTradingAsync(target, cancellationToken);

        if (trialToFormal && rules is { TrialToFormal: false })
        {
            throw Refuse("trial-to-formal-not-allowed", $"product {target.ProductId} does not allow a trial to be bought formally (试用转正式); buy it with a new order");
        }

        RequireCredit(target, buyer, rules, payment);
    }

    /// <summary>A purchase that failed or was refunded without a reason gives its unit back.</summary>
    public async Task ReturnStockAsync(Order order, CancellationToken cancellationToken)
    {
        if (order.OrderType is not (OrderTypes.New or OrderTypes.Trial))
        {
            return;
        }

        if (await db.ListingRules.SingleOrDefaultAsync(r => r.ProductId == order.ProductId, cancellationToken) is { Stock: { } stock } rules)
        {
            rules.Stock = stock + 1;
        }
    }

    public Task<ListingRules?> RulesAsync(string productId, CancellationToken cancellationToken) =>
        db.ListingRules.Include(r => r.Accounts).SingleOrDefaultAsync(r => r.ProductId == productId, cancellationToken);

    private static void RequireListed(Product product, ListingRules? rules)
    {
        if (rules is { Status: ListingStatus.Delisted })
        {
            throw Refuse("delisted", $"product {product.ProductId} is delisted (已停售){(rules.DelistReason is { } reason ? ": " + reason : string.Empty)}");
        }
    }

    /// <summary>交易冻结: after 5 days of failing probes the marketplace takes no order for the product, renewals included.</summary>
    private async Task RequireTradingAsync(Product product, CancellationToken cancellationToken)
    {
        if (await db.ProductHealth.AnyAsync(h => h.ProductId == product.ProductId && h.TradingFrozenAt != null, cancellationToken))
        {
            throw Refuse("trading-frozen",
                $"trading of product {product.ProductId} is frozen (交易冻结): its production interface failed the marketplace's probes (拨测) {Probes.HealthRules.FailingDaysToFreeze} days running");
        }
    }

    /// <summary>SaaS类商品试用配置: the whitelist if the seller set one, and one trial per account and SKU.</summary>
    private async Task RequireTrialAsync(Product product, Buyer buyer, ListingRules? rules, CancellationToken cancellationToken)
    {
        if (rules is { TrialWhitelistOnly: true } && !Lists(rules, AccountListKind.TrialWhitelist, buyer))
        {
            throw Refuse("trial-not-allowed", $"the trial of product {product.ProductId} is offered only to the accounts the seller named; {buyer.CustomerId} is not one");
        }

        var trials = await db.Orders
            .Where(o => o.CustomerId == buyer.CustomerId && o.OrderType == OrderTypes.Trial && o.Status != OrderStatus.Failed)
            .Join(db.OrderLines.Where(l => l.SkuCode == product.SkuCode), o => o.OrderId, l => l.OrderId, (o, _) => o.OrderId)
            .AnyAsync(cancellationToken);
        if (trials)
        {
            throw Refuse("trial-used", $"{buyer.CustomerId} has already had a trial of SKU {product.SkuCode} (one trial per account)");
        }
    }

    private static void RequireCredit(Product product, Buyer buyer, ListingRules? rules, PaymentMethod payment)
    {
        if (payment != PaymentMethod.Credit)
        {
            return;
        }

        var allowed = rules?.Credit switch
        {
            CreditControl.AllUsers => true,
            CreditControl.CustomUsers => Lists(rules, AccountListKind.Credit, buyer),
            _ => false,
        };
        if (!allowed)
        {
            throw Refuse("credit-not-allowed", $"product {product.ProductId} cannot be paid with credit (信控设置){(rules?.Credit == CreditControl.CustomUsers ? $" by {buyer.CustomerId}" : string.Empty)}: pay from the balance");
        }
    }

    /// <summary>Purchases that count against 限购: NEW orders still delivering or delivered (failed and refunded ones do not).</summary>
    private Task<int> PurchasesAsync(Product product, Buyer buyer, CancellationToken cancellationToken) =>
        db.Orders.CountAsync(
            o => o.CustomerId == buyer.CustomerId && o.ProductId == product.ProductId && o.OrderType == OrderTypes.New
                && (o.Status == OrderStatus.Delivering || o.Status == OrderStatus.Completed),
            cancellationToken);

    private static bool Lists(ListingRules rules, AccountListKind list, Buyer buyer) =>
        rules.Accounts.Any(a => a.List == list && a.CustomerId == buyer.CustomerId);

    private static ApiException Refuse(string reason, string message) => new(409, message) { Reason = reason };
}
