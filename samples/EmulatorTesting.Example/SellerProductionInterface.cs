using System.Collections.Concurrent;
using System.Text.Json;
using KooGate.Protocol.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmulatorTesting.Example;

/// <summary>
/// Stands in for the seller's own server: a SaaS V2 production interface that verifies the signature and keeps its
/// instances in memory. In a real suite this is your application, started the way your integration tests start it.
/// </summary>
public sealed class SellerProductionInterface : IAsyncDisposable
{
    public const string BasicKey = "example-basic-key";

    private readonly WebApplication _app;

    private SellerProductionInterface()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/produce", (Delegate)HandleAsync);
    }

    public string ProductionUrl { get; private set; } = string.Empty;

    /// <summary>Instance id → status, as the seller's application would store it.</summary>
    public ConcurrentDictionary<string, string> Instances { get; } = new();

    public static async Task<SellerProductionInterface> StartAsync()
    {
        var seller = new SellerProductionInterface();
        await seller._app.StartAsync();
        seller.ProductionUrl = seller._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/produce";
        return seller;
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var query = context.Request.Query;
        if (!V2Signature.Verify([BasicKey], query["signature"], query["timestamp"], query["nonce"], body, DateTimeOffset.UtcNow).IsValid)
        {
            return Results.Json(new { resultCode = "000001", resultMsg = "token is invalid" });
        }

        var request = JsonDocument.Parse(body).RootElement;
        string Field(string name) => request.TryGetProperty(name, out var value) ? value.GetString() ?? string.Empty : string.Empty;
        var instanceId = Field("instanceId");
        switch (Field("activity"))
        {
            case "newInstance":
                // Idempotent on the order: the first businessId of the order is the instance id.
                var id = Instances.Keys.FirstOrDefault(k => k.StartsWith(Field("orderId") + ":", StringComparison.Ordinal))
                    ?? $"{Field("orderId")}:{Field("businessId")}";
                Instances.TryAdd(id, "active");
                return Results.Json(new { resultCode = "000000", resultMsg = "success.", instanceId = id });
            case "queryInstance":
                return Results.Json(new
                {
                    resultCode = "000000",
                    resultMsg = "success.",
                    info = Instances.ContainsKey(instanceId) ? new[] { new { instanceId, appInfo = new { frontEndUrl = "https://app.example.com" } } } : [],
                });
            case "updateInstanceStatus":
                Instances[instanceId] = Field("status") == "FREEZE" ? "frozen" : "active";
                return Results.Json(new { resultCode = "000000", resultMsg = "success." });
            case "releaseInstance":
                Instances.TryRemove(instanceId, out _);
                return Results.Json(new { resultCode = "000000", resultMsg = "success." });
            default:
                return Results.Json(new { resultCode = "000000", resultMsg = "success." });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
