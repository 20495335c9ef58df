using System.Diagnostics;
using System.Text.Json.Nodes;
using KooGate.Emulator.Testing;

namespace KooGate.Cli.Commands.Scenarios;

/// <summary>One call a step caused.</summary>
internal sealed record StepCall(string Activity, string Verdict, string? ResultCode, long DurationMs);

/// <summary>What one step did and which of its expectations failed (none: passed).</summary>
internal sealed record StepResult(string Name, string Action, IReadOnlyList<StepCall> Calls, IReadOnlyList<string> Failures, long Milliseconds)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>
/// Runs a <see cref="Scenario"/> in a private, in-process emulator (temporary SQLite, virtual clock, real-time
/// signatures) whose product points at the seller's production interface: each step's action is a marketplace action,
/// and the calls it causes are judged against the step's expectations. A step the marketplace refuses fails.
/// </summary>
internal sealed class ScenarioRunner(Scenario scenario, string productionUrl, string key)
{
    private const string Buyer = "scenario-buyer";
    private static readonly string[] Accepted = ["success", "processing"];
    private string? _resourceId;
    private string? _purchaseOrderId;
    private long _lastCallId;

    public async Task<IReadOnlyList<StepResult>> RunAsync(Action<StepResult>? onStep = null)
    {
        await using var marketplace = await EmulatedMarketplace.StartAsync();
        await marketplace.AddBuyerAsync(Buyer);
        await marketplace.AddProductAsync(ProductBody());
        var results = new List<StepResult>();
        foreach (var (step, index) in scenario.Steps.Select((s, i) => (s, i + 1)))
        {
            var (action, arguments) = step.Action();
            var started = Stopwatch.GetTimestamp();
            var failures = new List<string>();
            JsonNode? order = null;
            try
            {
                order = await ActAsync(marketplace, action, arguments);
            }
            catch (Exception e) when (e is EmulatedMarketplaceException or InvalidOperationException)
            {
                failures.Add(e.Message);
            }

            var calls = await NewCallsAsync(marketplace);
            if (failures.Count == 0)
            {
                await JudgeAsync(marketplace, step.Expect, calls, order, failures);
            }

            var result = new StepResult(step.Name ?? $"{index} {action}", action, calls, failures, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            results.Add(result);
            onStep?.Invoke(result);
        }

        return results;
    }

    private object ProductBody()
    {
        var product = scenario.Product;
        var v1 = product.InterfaceVersion is "SaasV1" or "LicenseLegacy";
        return new
        {
            productId = product.Id,
            name = "Scenario " + product.Id,
            chargingMode = product.ChargingMode,
            periodType = product.ChargingMode is "PERIOD" or "ON_DEMAND_PKG" ? product.PeriodType : null,
            price = product.Price,
            trialDays = product.TrialDays,
            interfaceVersion = product.InterfaceVersion,
            productionUrl,
            basicKey = v1 ? null : key,
            v1Key = v1 ? key : null,
        };
    }

    private async Task<JsonNode?> ActAsync(EmulatedMarketplace marketplace, string action, StepArguments arguments)
    {
        var productId = scenario.Product.Id;
        switch (action)
        {
            case "purchase" or "trial":
                var bought = await marketplace.OrderAsync(new { type = action == "trial" ? "TRIAL" : "NEW", customerId = Buyer, productId, periodNumber = arguments.Periods });
                _resourceId = bought["resourceId"]!.GetValue<string>();
                _purchaseOrderId = bought["orderId"]!.GetValue<string>();
                return bought;
            case "renew":
                return await marketplace.OrderAsync(new { type = "RENEW", resourceId = Resource(), periodNumber = arguments.Periods });
            case "trialToFormal":
                return await marketplace.OrderAsync(new { type = "TRIAL_TO_FORMAL", resourceId = Resource(), productId, periodNumber = arguments.Periods });
            case "upgrade":
                return await marketplace.OrderAsync(new { type = "CHANGE", resourceId = Resource(), productId, linearValue = arguments.LinearValue ?? 2m });
            case "unsubscribe":
                return await marketplace.OrderAsync(new { type = "UNSUBSCRIBE", resourceId = Resource() });
            case "refund":
                return await marketplace.RefundAsync(_purchaseOrderId ?? throw new InvalidOperationException("refund needs a purchase first"));
            case "freeze" or "unfreeze":
                await marketplace.PostAsync($"/api/instances/{Resource()}/{action}", new { });
                return null;
            default:
                var by = TimeSpan.FromDays(arguments.Days ?? 0) + TimeSpan.FromHours(arguments.Hours ?? 0);
                await marketplace.AdvanceAsync(by > TimeSpan.Zero ? by : throw new InvalidOperationException("advance needs days or hours"));
                return null;
        }
    }

    private string Resource() => _resourceId ?? throw new InvalidOperationException("this action needs a purchase (or trial) first");

    private async Task<IReadOnlyList<StepCall>> NewCallsAsync(EmulatedMarketplace marketplace)
    {
        if (_resourceId is null)
        {
            return [];
        }

        var deliveries = (await marketplace.GetAsync($"/api/calls?resourceId={Uri.EscapeDataString(_resourceId)}")).AsArray();
        var calls = deliveries.SelectMany(d => d!["calls"]!.AsArray()).Select(c => c!)
            .Where(c => c["id"]!.GetValue<long>() > _lastCallId).OrderBy(c => c["id"]!.GetValue<long>()).ToList();
        _lastCallId = calls.Count > 0 ? calls[^1]["id"]!.GetValue<long>() : _lastCallId;
        return [.. calls.Select(c => new StepCall(
            c["activity"]!.GetValue<string>(), c["verdict"]!.GetValue<string>(), c["resultCode"]?.GetValue<string>(), c["durationMs"]!.GetValue<long>()))];
    }

    private async Task JudgeAsync(EmulatedMarketplace marketplace, StepExpectation? expect, IReadOnlyList<StepCall> calls, JsonNode? order, List<string> failures)
    {
        if (expect?.Calls is { } activities && !activities.SequenceEqual(calls.Select(c => c.Activity)))
        {
            failures.Add($"expected calls [{string.Join(", ", activities)}], made [{string.Join(", ", calls.Select(c => c.Activity))}]");
        }

        foreach (var call in calls)
        {
            var verdictOk = expect?.Verdict is { } verdict ? call.Verdict == verdict : Accepted.Contains(call.Verdict);
            if (!verdictOk)
            {
                failures.Add($"{call.Activity}: verdict {call.Verdict} (result {call.ResultCode ?? "-"}), expected {expect?.Verdict ?? "success or processing"}");
            }

            if (expect?.ResultCode is { } code && call.ResultCode != code)
            {
                failures.Add($"{call.Activity}: result {call.ResultCode ?? "-"}, expected {code}");
            }
        }

        if (expect?.State is { } state && _resourceId is not null)
        {
            var actual = (await marketplace.InstanceAsync(_resourceId))["state"]?.GetValue<string>();
            if (!string.Equals(actual, state, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"resource state {actual}, expected {state}");
            }
        }

        if (expect?.OrderStatus is { } status)
        {
            var orderId = order?["orderId"]?.GetValue<string>() ?? _purchaseOrderId;
            var actual = orderId is null ? null : (await marketplace.GetAsync($"/api/orders/{orderId}"))["status"]?.GetValue<string>();
            if (!string.Equals(actual, status, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"order status {actual ?? "(no order)"}, expected {status}");
            }
        }
    }
}
