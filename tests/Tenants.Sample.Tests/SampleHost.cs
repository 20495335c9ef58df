extern alias sample;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tenant = sample::Tenants.Sample.Tenant;

namespace Tenants.Sample.Tests;

/// <summary>
/// samples/Tenants.Sample on a loopback port, verifying KooGate's deliveries on the tests' shared fake clock and
/// completing instances through KooGate's admin API; its workspace can be made to fail.
/// </summary>
public sealed class SampleHost : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Fixed before the app starts: KooGate's webhook URL names it.</summary>
    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{FreePort()}");

    public Uri EventsUrl => new(BaseAddress, "/koogate/events");

    public FlakyWorkspace Workspace { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public async Task StartAsync(Uri kooGate, string adminApiKey, string webhookSecret, TimeProvider clock)
    {
        _app = sample::Tenants.Sample.TenantsApp.Build(
            [
                "--urls", BaseAddress.ToString(),
                "--KooGate:Url", kooGate.ToString(),
                "--KooGate:AdminApiKey", adminApiKey,
                "--KooGate:WebhookSecret", webhookSecret,
                "--Tenants:FrontEndUrlTemplate", new Uri(BaseAddress, "/tenants/{instanceId}").ToString(),
                "--Logging:LogLevel:Default=Warning",
            ],
            services =>
            {
                services.AddSingleton(clock);
                services.AddSingleton<sample::Tenants.Sample.ITenantWorkspace>(Workspace);
            });
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The tenant as the sample's JSON endpoint shows it, or null (404).</summary>
    public async Task<JsonNode?> TenantAsync(string instanceId)
    {
        using var response = await Http.GetAsync($"/tenants/{Uri.EscapeDataString(instanceId)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonArray> TenantsAsync()
    {
        using var response = await Http.GetAsync("/tenants");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The seller's resources: fails the first <see cref="FailuresLeft"/> creations, as a database that is briefly down.</summary>
    public sealed class FlakyWorkspace : sample::Tenants.Sample.ITenantWorkspace
    {
        private int _failuresLeft;

        public int FailuresLeft
        {
            get => Volatile.Read(ref _failuresLeft);
            set => Volatile.Write(ref _failuresLeft, value);
        }

        /// <summary>The instance id of every creation attempt.</summary>
        public ConcurrentQueue<string> Attempts { get; } = new();

        public Task CreateAsync(Tenant tenant, CancellationToken cancellationToken)
        {
            Attempts.Enqueue(tenant.InstanceId);
            return Interlocked.Decrement(ref _failuresLeft) >= 0
                ? throw new InvalidOperationException("tenant database unreachable")
                : Task.CompletedTask;
        }
    }
}
