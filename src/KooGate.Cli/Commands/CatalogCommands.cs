using System.CommandLine;

namespace KooGate.Cli.Commands;

/// <summary>
/// <c>koogate catalog …</c>: the listing rules a seller sets in the seller center (商品配置), on a running emulator's
/// product: show, delist, sales targets, purchase limit, trial, stock and credit control. Each prints the product's
/// rules as they now stand; a refusal prints the error and exits 1.
/// </summary>
internal static class CatalogCommands
{
    public static Command Create(CliContext context) => new("catalog", "the emulator's listing rules per product (delisting, sales targets, purchase limit, trial, stock, credit)")
    {
        Rules(context), Delist(context), SalesTargets(context), PurchaseLimit(context), Trial(context), Stock(context), Credit(context),
    };

    private static Command Rules(CliContext context) =>
        Build(context, "rules", Examples.Describe("print a product's listing rules", "koogate catalog rules --product 00301-000001-0--0"), [], (_, product) => (HttpMethod.Get, "rules", null));

    private static Command Delist(CliContext context)
    {
        var reason = new Option<string>("--reason") { Description = "why (shown to buyers who try to order)" };
        return Build(context, "delist", Examples.Describe("delist (下架) a product: no new orders; existing instances keep running and renew. Final.", "koogate catalog delist --product 00301-000001-0--0 --reason \"replaced by a new edition\""), [reason],
            (result, _) => (HttpMethod.Post, "delist", new { reason = result.GetValue(reason) }));
    }

    private static Command SalesTargets(CliContext context)
    {
        var accounts = Accounts("--account", "an account allowed to buy, as id or id=name (repeat)");
        var everyone = new Option<bool>("--everyone") { Description = "lift the restriction: every account may buy" };
        return Build(context, "sales-targets", Examples.Describe("restrict a product to listed accounts (配置商品销售对象 / 指定用户)", "koogate catalog sales-targets --product 00301-000001-0--0 --account acc-1=Acme --account acc-2"), [accounts, everyone],
            (result, _) => (HttpMethod.Put, "rules/sales-targets", new { restricted = !result.GetValue(everyone), accounts = Parse(result.GetValue(accounts)) }));
    }

    private static Command PurchaseLimit(CliContext context)
    {
        var perAccount = new Option<int?>("--per-account") { Description = "purchases one account may make (omit for no limit)" };
        return Build(context, "purchase-limit", Examples.Describe("limit purchases per account (商品限购配置)", "koogate catalog purchase-limit --product 00301-000001-0--0 --per-account 1"), [perAccount],
            (result, _) => (HttpMethod.Put, "rules/purchase-limit", new { perAccount = result.GetValue(perAccount) }));
    }

    private static Command Trial(CliContext context)
    {
        var days = new Option<int?>("--days") { Description = "trial length, 3 to 180 days (0 withdraws the trial)" };
        var toFormal = new Option<bool?>("--to-formal") { Description = "whether a trial may be bought formally (TRIAL_TO_FORMAL)" };
        var whitelist = Accounts("--whitelist", "an account allowed to try, as id or id=name (repeat; none: every account)");
        return Build(context, "trial", Examples.Describe("configure a SaaS product's trial (SaaS类商品试用配置); one trial per account and SKU", "koogate catalog trial --product 00301-000001-0--0 --days 14 --to-formal true"), [days, toFormal, whitelist],
            (result, _) => (HttpMethod.Put, "rules/trial", new
            {
                days = result.GetValue(days),
                toFormal = result.GetValue(toFormal),
                whitelist = result.GetValue(whitelist) is { Length: > 0 } listed ? Parse(listed) : null,
            }));
    }

    private static Command Stock(CliContext context)
    {
        var stock = new Option<int?>("--stock") { Description = "units left for sale (omit for unlimited; 0 is sold out)" };
        return Build(context, "stock", Examples.Describe("set a product's stock (商品库存管理)", "koogate catalog stock --product 00301-000001-0--0 --stock 100"), [stock],
            (result, _) => (HttpMethod.Put, "rules/stock", new { stock = result.GetValue(stock) }));
    }

    private static Command Credit(CliContext context)
    {
        var mode = new Option<string>("--mode") { Description = "None, AllUsers or CustomUsers", Required = true };
        mode.AcceptOnlyFromAmong("None", "AllUsers", "CustomUsers");
        var accounts = Accounts("--account", "with CustomUsers: an account that may pay with credit (repeat)");
        return Build(context, "credit", Examples.Describe("who may pay for a product with credit (信控设置)", "koogate catalog credit --product 00301-000001-0--0 --mode CustomUsers --account acc-1"), [mode, accounts],
            (result, _) => (HttpMethod.Put, "rules/credit", new { mode = result.GetValue(mode), accounts = Parse(result.GetValue(accounts)) }));
    }

    /// <summary>A catalog command: <c>--product</c>, <c>--emulator</c> and <paramref name="options"/>, calling <c>/api/products/{id}/{path}</c>.</summary>
    private static Command Build(
        CliContext context, string name, string description, Option[] options, Func<ParseResult, string, (HttpMethod Method, string Path, object? Body)> request)
    {
        var emulator = EmulatorCommands.EmulatorUrl();
        var product = CommonOptions.Required("--product", "the productId");
        var command = new Command(name, description) { emulator, product };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction(KooGateCli.Guard(context, result =>
        {
            var productId = result.GetValue(product)!;
            var (method, path, body) = request(result, productId);
            return EmulatorCommands.Call(context, result.GetValue(emulator)!, method, $"/api/products/{Uri.EscapeDataString(productId)}/{path}", body);
        }));
        return command;
    }

    private static Option<string[]> Accounts(string name, string description) => new(name) { Description = description, AllowMultipleArgumentsPerToken = false };

    private static object[] Parse(string[]? accounts) =>
        [.. (accounts ?? []).Select(a => a.Split('=', 2) is [var id, var accountName] ? new { customerId = id, accountName } : (object)new { customerId = a, accountName = (string?)null })];
}
