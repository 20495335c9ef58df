extern alias sample;

using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;

namespace KooGate.Emulator.Tests.KitLogin;

/// <summary>samples/KitLogin.Sample on a loopback port, trusting the given KooGate.</summary>
public sealed class SampleAppHost : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The address is fixed before the app starts: KooGate's configuration names its callback.</summary>
    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{FreePort()}");

    public async Task StartAsync(Uri kooGate, string appId)
    {
        _app = sample::KitLogin.Sample.SampleApp.Build(
            ["--urls", BaseAddress.ToString(), "--KooGate:Url", kooGate.ToString(), "--KooGate:AppId", appId, "--Logging:LogLevel:Default=Warning"]);
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
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
}
