using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using KooGate.Emulator;
using KooGate.Protocol.OpenApi;
using KooGate.Protocol.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace KooGate.Testing.Emulator;

/// <summary>
/// A real emulator on a loopback Kestrel port with a fresh SQLite file, no background tick (only clock advances run
/// scheduled work) and a fake wall clock under its virtual clock.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("koogate-emulator-").FullName;
    private readonly WebApplication _app;
    private bool _stopped;

    private EmulatorHost(FakeTimeProvider wallClock, Action<EmulatorOptions>? configure)
    {
        WallClock = wallClock;
        _app = EmulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], options =>
        {
            options.DataPath = Path.Combine(_directory, "emulator.db");
            options.TickSeconds = 0;
            configure?.Invoke(options);
        }, wallClock);
    }

    /// <summary>The wall clock under the virtual one; signatures carry its time.</summary>
    public FakeTimeProvider WallClock { get; }

    public HttpClient Http { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    public static async Task<EmulatorHost> StartAsync(FakeTimeProvider? wallClock = null, Action<EmulatorOptions>? configure = null)
    {
        var host = new EmulatorHost(wallClock ?? new FakeTimeProvider(DateTimeOffset.UtcNow), configure);
        await EmulatorApp.InitializeAsync(host._app);
        await host._app.StartAsync();
        var address = host._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseAddress = new Uri(address);
        host.Http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        return host;
    }

    public async Task<JsonNode> PostAsync(string path, object body, int expectedStatus = 0)
    {
        using var response = await Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (expectedStatus != 0)
        {
            Assert.True((int)response.StatusCode == expectedStatus, $"{path}: expected {expectedStatus}, got {(int)response.StatusCode} {text}");
        }
        else
        {
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        }

        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public Task<JsonNode> AdvanceAsync(TimeSpan by) => PostAsync("/api/clock/advance", new { seconds = by.TotalSeconds });

    public async Task<DateTimeOffset> NowAsync() => (await GetAsync("/api/clock"))["now"]!.GetValue<DateTimeOffset>();

    public Task<JsonNode> AddBuyerAsync(string id = "buyer-1", string? mobile = "13800000000", string? email = "buyer@example.com") =>
        PostAsync("/api/buyers", new { customerId = id, customerName = "Buyer " + id, mobile, email });

    public Task<JsonNode> AddProductAsync(object product) => PostAsync("/api/products", product);

    /// <summary>Places an order, waits for its first calls (made after the order's answer) and returns the order as they left it.</summary>
    public async Task<JsonNode> OrderAsync(object order) => await AfterFirstCallsAsync(await PostAsync("/api/orders", order));

    /// <summary>Makes the calls due now (an order's first attempts) and returns the order as they left it.</summary>
    public async Task<JsonNode> AfterFirstCallsAsync(JsonNode order)
    {
        await PostAsync("/api/calls/run-due", new { });
        return await GetAsync($"/api/orders/{Text(order["orderId"])}");
    }

    /// <summary>Refunds an order (201), waits for the calls the refund makes (after its answer) and returns the refund order.</summary>
    public async Task<JsonNode> RefundAsync(JsonNode order)
    {
        var refund = await PostAsync($"/api/orders/{Text(order["orderId"])}/refund", new { }, expectedStatus: 201);
        await PostAsync("/api/calls/run-due", new { });
        return refund;
    }

    public async Task<JsonNode> ResourceAsync(string resourceId) => await GetAsync($"/api/instances/{resourceId}");

    public async Task<JsonArray> CallsAsync(string resourceId) => (await GetAsync($"/api/calls?resourceId={resourceId}")).AsArray();

    /// <summary>Takes the emulator off the network (its port refuses connections), as an unreachable marketplace.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await _app.StopAsync(stopping.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        await StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The default seller's open-API AK/SK.</summary>
    public static ApigCredentials SellerCredentials { get; } = new(new EmulatorOptions().SellerAccessKey, new EmulatorOptions().SellerSecretKey);

    /// <summary>A signed open-API client for the default seller (as the seller's software or KooGate would call).</summary>
    public MarketplaceClient SellerClient(TimeProvider time) => new(Http, SellerCredentials, time);

    public static string Text(JsonNode? node) => node?.GetValue<string>() ?? throw new InvalidOperationException("missing value");

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
