using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace KooGate.Cli.Tests;

/// <summary><c>koogate serve</c> as a real process: it migrates its database, listens, and answers health and the production path.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Serve_runs_the_production_interface_server()
    {
        var port = FreePort();
        var data = Path.Combine(_files.Directory, "data");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "koogate.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", "--data", data, "--development"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _files.Directory,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow.AddSeconds(90);
            HttpStatusCode? health = null;
            while (health != HttpStatusCode.OK && DateTime.UtcNow < deadline && !process.HasExited)
            {
                try
                {
                    health = (await http.GetAsync("/healthz")).StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(250);
                }
            }

            Assert.True(health == HttpStatusCode.OK, $"no healthy answer; exited: {process.HasExited}");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/admin/api/instances")).StatusCode);
            Assert.True(File.Exists(Path.Combine(data, "koogate.db")), "the SQLite database lives in --data");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.Contains("KooGate", await output + await errors, StringComparison.OrdinalIgnoreCase);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
