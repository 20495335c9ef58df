using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace KooGate.Emulator.Testing;

/// <summary>
/// KooGallery in process for a seller's tests: a private emulator on a loopback port with its own SQLite file and
/// virtual clock. Add a product pointing at your production interface, buy, advance the clock, then assert on
/// <see cref="CallsAsync"/>. Every call is made while the awaited method runs, so assertions need no waiting.
/// </summary>
public sealed class EmulatedMarketplace : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("koogate-emulated-").FullName;
    private readonly WebApplication _app;

    private EmulatedMarketplace(Action<EmulatorOptions>? configure)
    {
        _app = EmulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], options =>
        {
            options.DataPath = Path.Combine(_directory, "emulator.db");
            // Only the test moves time: nothing happens between two awaited calls.
            options.TickSeconds = 0;
            configure?.Invoke(options);
        });
    }

    /// <summary>The emulator's address: its page, REST API (<c>/api</c>) and open APIs (point KooGate's BaseUrl here).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A client for the emulator's REST API.</summary>
    public HttpClient Api { get; private set; } = null!;

    /// <summary>The default seller's open-API AK/SK (for your own 查询订单 or usage-push calls).</summary>
    public (string AccessKey, string SecretKey) SellerCredentials { get; } = (new EmulatorOptions().SellerAccessKey, new EmulatorOptions().SellerSecretKey);

    public static async Task<EmulatedMarketplace> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var marketplace = new EmulatedMarketplace(configure);
        await EmulatorApp.InitializeAsync(marketplace._app);
        await marketplace._app.StartAsync();
        var address = marketplace._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        marketplace.BaseAddress = new Uri(address);
        marketplace.Api = new HttpClient { BaseAddress = marketplace.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        return marketplace;
    }

    public Task<JsonNode> AddBuyerAsync(string customerId = "buyer-1", string? mobile = "13800000000", string? email = "buyer@example.com") =>
        PostAsync("/api/buyers", new { customerId, customerName = "Buyer " + customerId, mobile, email });

    /// <summary>A SaaS V2 product whose production interface is <paramref name="productionUrl"/>, signed with <paramref name="basicKey"/>.</summary>
    public Task<JsonNode> AddSaasProductAsync(
        string productId, string productionUrl, string basicKey, string chargingMode = "PERIOD", string? periodType = "month", decimal price = 10m) =>
        AddProductAsync(new
        {
            productId,
            chargingMode,
            periodType = chargingMode == "PERIOD" ? periodType : null,
            price,
            interfaceVersion = "SaasV2",
            productionUrl,
            basicKey,
        });

    /// <summary>Any product the emulator's <c>POST /api/products</c> accepts (see docs/emulator.md).</summary>
    public Task<JsonNode> AddProductAsync(object product) => PostAsync("/api/products", product);

    /// <summary>A NEW order (or a debugging one with <paramref name="test"/>); its first calls are made before this returns.</summary>
    public Task<JsonNode> BuyAsync(string customerId, string productId, int? periods = null, bool test = false) =>
        OrderAsync(new { type = "NEW", customerId, productId, periodNumber = periods, test });

    public Task<JsonNode> RenewAsync(string resourceId, int? periods = null) =>
        OrderAsync(new { type = "RENEW", resourceId, periodNumber = periods });

    /// <summary>
    /// Any order (<c>NEW</c>, <c>TRIAL</c>, <c>RENEW</c>, <c>CHANGE</c>, <c>TRIAL_TO_FORMAL</c>, <c>UNSUBSCRIBE</c>).
    /// The emulator answers the order before it calls the seller; this waits for those first calls and returns the
    /// order as they left it.
    /// </summary>
    public async Task<JsonNode> OrderAsync(object order) => await AfterFirstCallsAsync(await PostAsync("/api/orders", order));

    /// <summary>Refunds an order (no-reason refund, renewal refund) as the buyer would, and waits for the calls it makes.</summary>
    public async Task<JsonNode> RefundAsync(string orderId) => await AfterFirstCallsAsync(await PostAsync($"/api/orders/{orderId}/refund", new { }));

    /// <summary>Makes the calls due now (an order's first attempts) and returns the order as they left it.</summary>
    public async Task<JsonNode> AfterFirstCallsAsync(JsonNode order)
    {
        await PostAsync("/api/calls/run-due", new { });
        return await GetAsync($"/api/orders/{order["orderId"]!.GetValue<string>()}");
    }

    /// <summary>Moves the virtual clock, making every call that falls due on the way (expiry, retries, release).</summary>
    public Task<JsonNode> AdvanceAsync(TimeSpan by) => PostAsync("/api/clock/advance", new { seconds = by.TotalSeconds });

    public Task<JsonNode> InstanceAsync(string resourceId) => GetAsync($"/api/instances/{resourceId}");

    /// <summary>Every call made about a resource, oldest first.</summary>
    public async Task<IReadOnlyList<EmulatedCall>> CallsAsync(string resourceId)
    {
        var deliveries = (await GetAsync($"/api/calls?resourceId={Uri.EscapeDataString(resourceId)}")).AsArray();
        return [.. deliveries.SelectMany(d => d!["calls"]!.AsArray()).Select(c => new EmulatedCall(
                c!["at"]!.GetValue<DateTimeOffset>(), c["activity"]!.GetValue<string>(), c["verdict"]!.GetValue<string>(),
                c["resultCode"]?.GetValue<string>(), c["detail"]?.GetValue<string>()))
            .OrderBy(c => c.At)];
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await Api.GetAsync(path);
        return await ReadAsync(response, path);
    }

    public async Task<JsonNode> PostAsync(string path, object body)
    {
        using var response = await Api.PostAsJsonAsync(path, body);
        return await ReadAsync(response, path);
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, string path)
    {
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text) ?? new JsonObject()
            : throw new EmulatedMarketplaceException($"{path}: HTTP {(int)response.StatusCode} {text}");
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temporary folder is the OS's to clean.
        }
    }
}

/// <summary>One call the marketplace made to the production interface, and what it made of the answer.</summary>
/// <param name="Verdict"><c>success</c>, <c>processing</c>, <c>business-error</c>, <c>timeout</c>, <c>http-error</c>, …</param>
public sealed record EmulatedCall(DateTimeOffset At, string Activity, string Verdict, string? ResultCode, string? Detail);

/// <summary>The emulator refused a request (the message carries its status and error).</summary>
public sealed class EmulatedMarketplaceException(string message) : Exception(message);
