using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KooGate.Cli.Tests.Admin;

/// <summary>
/// <c>instances retry</c> and <c>usage redrive</c> against a loopback stub that records what it is sent (the server's
/// retry and redrive endpoints are built apart from the command line).
/// </summary>
public sealed class AdminStubTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Method, string Path, string? Key, string Body)> _requests = new();
    private WebApplication _stub = null!;
    private string _url = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _stub = builder.Build();
        _stub.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            _requests.Enqueue((context.Request.Method, context.Request.Path.Value + context.Request.QueryString, context.Request.Headers["X-Api-Key"].ToString(), await reader.ReadToEndAsync()));
            await (HttpMethods.IsGet(context.Request.Method) ? context.Response.WriteAsync("[]") : context.Response.WriteAsJsonAsync(new { requeued = 2 }));
        });
        await _stub.StartAsync();
        _url = _stub.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private Task<CliResult> RunAsync(params string[] args) =>
        CliRunner.InProcessAsync(new Dictionary<string, string> { ["KOOGATE_ADMIN_API_KEY"] = "stub-key" }, [.. args, "--url", _url]);

    [Fact]
    public async Task Instances_retry_posts_to_the_retry_route_with_the_key()
    {
        var result = await RunAsync("admin", "instances", "retry", "inst/1");
        Assert.True(result.ExitCode == 0, result.Error);
        var request = Assert.Single(_requests);
        Assert.Equal(("POST", "/admin/api/instances/inst%2F1/retry", "stub-key"), (request.Method, request.Path, request.Key));
        Assert.Contains("requeued", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_redrive_without_ids_sends_no_body_and_with_ids_sends_them()
    {
        Assert.Equal(0, (await RunAsync("admin", "usage", "redrive")).ExitCode);
        Assert.Equal(0, (await RunAsync("admin", "usage", "redrive", "rec-1", "rec-2")).ExitCode);
        var all = _requests.ToArray();
        Assert.Equal(("POST", "/admin/api/usage/redrive", string.Empty), (all[0].Method, all[0].Path, all[0].Body));
        Assert.Equal(["rec-1", "rec-2"], JsonDocument.Parse(all[1].Body).RootElement.GetProperty("ids").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Usage_list_asks_for_failed_records_by_state()
    {
        var result = await RunAsync("admin", "usage", "list", "--state", "failed");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(("GET", "/admin/api/usage?state=failed"), (Assert.Single(_requests).Method, Assert.Single(_requests).Path));
    }
}
