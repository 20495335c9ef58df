extern alias cli;
using System.Text.Json;
using cli::KooGate.Cli;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Protocol.Messages;
using KooGate.Testing.Server;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Emulator.Tests.Load;

/// <summary><c>koogate load</c> end to end, and the load generator against the real KooGate.Server.</summary>
[Collection(LoadCollection.Name)]
public sealed class LoadCommandTests : IAsyncLifetime
{
    private const string Key = "load-key-0002";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private StubProduction _stub = null!;

    public async Task InitializeAsync()
    {
        _stub = await StubProduction.StartAsync(_clock, Key);
        _stub.Respond = call => call.Activity == Activities.NewInstance
            ? StubReply.Code(call.SignatureValid ? "000000" : "000001", extra: $",\"instanceId\":\"i-{call.Param("businessId")}\"")
            : StubReply.Code("000000");
    }

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public void Load_prints_the_table_and_the_machine_line_writes_json_and_exits_zero()
    {
        var json = Path.Combine(Path.GetTempPath(), $"koogate-load-{Guid.NewGuid():N}.json");
        try
        {
            var (code, output, error) = Run(_stub.ProductionUrl, "--profile", "saas-v2", "--key", Key, "--activity", "mix",
                "--connections", "4", "--duration", "1500ms", "--json", json);

            Assert.True(code == KooGateCli.Ok, error + output);
            var line = output.Split('\n').Single(l => l.StartsWith("KOOGATE-LOAD ", StringComparison.Ordinal));
            var fields = line.Trim().Split(' ').Skip(1).Select(f => f.Split('=')).ToDictionary(f => f[0], f => f[1]);
            Assert.Equal(_stub.Calls.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), fields["ok"]);
            Assert.Equal("0", fields["failed"]);
            Assert.Contains("successful (000000)", output);
            using var report = JsonDocument.Parse(File.ReadAllText(json));
            Assert.Equal(_stub.Calls.Count, report.RootElement.GetProperty("ok").GetInt64());
            Assert.Equal("mix", report.RootElement.GetProperty("activity").GetString());
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Fact]
    public void A_wrong_key_makes_every_call_fail_and_the_exit_code_one()
    {
        var (code, output, _) = Run(_stub.ProductionUrl, "--profile", "saas-v2", "--key", "not-the-key", "--connections", "2", "--duration", "300ms");

        Assert.Equal(KooGateCli.Invalid, code);
        Assert.Contains(" ok=0 ", output);
        Assert.Contains("resultCode 000001", output);
    }

    [Theory]
    [InlineData("http://192.0.2.1/produce", "--duration", "1s", "not a loopback address")]
    [InlineData("http://127.0.0.1:9/produce", "--duration", "301s", "at most 300 s")]
    [InlineData("http://127.0.0.1:9/produce", "--duration", "soon", "is not a duration")]
    [InlineData("http://127.0.0.1:9/produce", "--connections", "0", "connections must be")]
    public void Unbounded_or_remote_runs_are_refused_with_exit_code_two(string url, string option, string value, string message)
    {
        var (code, _, error) = Run(url, "--profile", "saas-v2", "--key", Key, option, value);

        Assert.Equal(KooGateCli.BadInput, code);
        Assert.Contains(message, error);
        Assert.Empty(_stub.Calls);
    }

    [Fact]
    public async Task Against_the_real_server_created_instances_are_queried_successfully()
    {
        await using var server = new KooGateHost(new KooGateHostOptions { Clock = _clock });
        var options = new KooGate.Emulator.Load.LoadOptions
        {
            ProductionUrl = new Uri(server.ProductionUrl),
            Key = TestKeys.Basic,
            Activity = KooGate.Emulator.Load.LoadActivity.Query,
            Connections = 4,
            SeedPerConnection = 2,
            Duration = TimeSpan.FromSeconds(1),
        };

        var report = await KooGate.Emulator.Load.LoadGenerator.RunAsync(options, _clock);

        Assert.Equal(8, report.Seeded);
        Assert.True(report.QueryCalls > 0, report.MachineLine());
        Assert.Equal(report.Sent, report.Ok);
        Assert.False(report.HasFailures, report.MachineLine());
    }

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = KooGateCli.Run(["load", .. args], output, error, _clock);
        return (code, output.ToString(), error.ToString());
    }
}
