using System.CommandLine;

namespace KooGate.Cli.Commands;

/// <summary><c>koogate order get &lt;orderId&gt;</c>: 查询订单.</summary>
internal static class OrderCommands
{
    public static Command Create(CliContext context) => new("order", "marketplace orders (查询订单)")
    {
        GetCommand(context),
    };

    private static Command GetCommand(CliContext context)
    {
        var orderId = new Argument<string>("orderId") { Description = "the order id, e.g. CS2207261447AUY4H or a MOCK... debug order" };
        var orderLineId = new Option<string>("--order-line-id") { Description = "only this order line" };
        var command = new Command("get", Examples.Describe("query an order and print the marketplace's JSON", "koogate order get CS2207261447AUY4H", "koogate order get CS2207261447AUY4H --order-line-id CS2207261447AUY4H-000001")) { orderId, orderLineId };
        return OpenApiAction.Create(context, command, async (result, session, cancellationToken) =>
            OpenApiAction.Print(context, await session.Client.QueryOrderAsync(result.GetValue(orderId)!, result.GetValue(orderLineId), cancellationToken)));
    }
}
