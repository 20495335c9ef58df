using System.Text.Json;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Products;
using Microsoft.Extensions.Options;

namespace KooGate.Server.ChangeCheck;

/// <summary>The instance as it is and the specification a renewal change asks for.</summary>
public sealed record ChangeRequest(
    string InstanceId, string? ProductId, string? SkuCode, decimal? Quantity, ChangeProductInfo Target, JsonElement TargetInfo, bool IsTest);

/// <summary>Allowed, or denied with the reason KooGallery shows; <see cref="By"/> says which rule or webhook decided.</summary>
public sealed record ChangeDecision(bool Allowed, string? Reason, string By);

/// <summary>
/// Decides <c>changeInstanceCheck</c> by the product's policy (<see cref="ChangeCheckPolicy"/>): a rule, or the seller's
/// decision webhook asked synchronously within <see cref="ChangeCheckOptions.TimeoutMilliseconds"/>; a webhook that
/// times out, fails or answers something unreadable gets the configured fallback.
/// </summary>
public sealed class ChangeCheckDecider(
    ProductSettings products, IHttpClientFactory httpClients, IOptions<KooGateOptions> options, TimeProvider time, ILogger<ChangeCheckDecider> logger)
{
    public const string HttpClientName = "KooGate.ChangeCheck";

    public const string EventType = "instance.change_check";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ChangeDecision> DecideAsync(ChangeRequest change, CancellationToken cancellationToken)
    {
        var product = products.For(change.ProductId ?? change.Target.ProductId);
        return product.ChangeCheckPolicy switch
        {
            ChangeCheckPolicy.DenyAll => new(false, product.DenyMessage, "deny-all"),
            ChangeCheckPolicy.DenyQuantityDecrease => change.Target.LinearValue < change.Quantity
                ? new(false, $"{product.DenyMessage} (quantity {Plain(change.Quantity)} cannot decrease to {Plain(change.Target.LinearValue)})", "deny-quantity-decrease")
                : new(true, null, "deny-quantity-decrease"),
            ChangeCheckPolicy.Webhook => await AskAsync(change, product, cancellationToken),
            _ => new(true, null, "allow-all"),
        };
    }

    private async Task<ChangeDecision> AskAsync(ChangeRequest change, EffectiveProduct product, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromMilliseconds(options.Value.ChangeCheck.TimeoutMilliseconds);
        var (answer, problem) = await SendAsync(change, product, timeout, cancellationToken);
        if (answer is not null)
        {
            return answer;
        }

        var allowed = product.ChangeCheckOnFailure == ChangeCheckFallback.Allow;
        logger.LogWarning("Change-check webhook for instance {InstanceId} failed ({Problem}); the configured fallback {Fallback} applies",
            change.InstanceId, problem, product.ChangeCheckOnFailure);
        return new(allowed, allowed ? null : product.DenyMessage, "webhook-fallback");
    }

    private async Task<(ChangeDecision? Answer, string? Problem)> SendAsync(ChangeRequest change, EffectiveProduct product, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (product.ChangeCheckUrl is not { } url)
        {
            // Start-up validation refuses a Webhook policy without a decision URL; kept explicit rather than assumed.
            return (null, "no decision URL is configured");
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now).ToString();
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id,
            type = EventType,
            timestamp = now,
            data = new
            {
                instanceId = change.InstanceId,
                test = change.IsTest,
                current = new { productId = change.ProductId, skuCode = change.SkuCode, quantity = change.Quantity },
                target = new { productId = change.Target.ProductId, skuCode = change.Target.SkuCode, quantity = change.Target.LinearValue, productInfo = change.TargetInfo },
            },
        }, Json);
        using var request = Outbox.WebhookRequest.Build(url, id, EventType, product.Secrets, body, now);
        using var budget = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"HTTP {(int)response.StatusCode}");
            }

            var reply = await response.Content.ReadFromJsonAsync<DecisionReply>(Json, linked.Token);
            return reply?.Allow is { } allow
                ? (new ChangeDecision(allow, allow ? null : Blank(reply.Reason) ?? product.DenyMessage, "webhook"), null)
                : (null, "the reply has no boolean \"allow\"");
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {timeout.TotalMilliseconds} ms");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or NotSupportedException)
        {
            return (null, e.Message);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed record DecisionReply(bool? Allow, string? Reason);

    /// <summary>A quantity as a person writes it: 20, not 20.0 (SQLite hands decimals back with their stored scale).</summary>
    private static string? Plain(decimal? quantity) => quantity?.ToString("G29", System.Globalization.CultureInfo.InvariantCulture);
}
