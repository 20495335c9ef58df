extern alias cli;

using System.Xml.Linq;
using cli::KooGate.Cli;
using KooGate.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Emulator.Tests.Scenarios;

/// <summary>
/// <c>koogate scenario run</c> and <c>koogate trigger</c> against a stub production interface over loopback: the
/// documented example scenario passes, a broken expectation exits 1 with a JUnit failure, bad files exit 2.
/// </summary>
public sealed class ScenarioCommandTests : IAsyncLifetime
{
    private const string Key = "stub-key-0001";
    private readonly FakeTimeProvider _wallClock = new(DateTimeOffset.UtcNow);
    private StubProduction _stub = null!;
    private string _directory = null!;

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("koogate-scenario-").FullName;
        _stub = await StubProduction.StartAsync(_wallClock, Key);
        var instances = 0;
        _stub.Respond = call => call.Activity == "newInstance"
            ? StubReply.Code("000000", extra: $",\"instanceId\":\"i-{Interlocked.Increment(ref instances)}\"")
            : StubReply.Code("000000", extra: $",\"info\":[{{\"instanceId\":\"{call.Param("instanceId")}\",\"appInfo\":{{\"frontEndUrl\":\"https://a\"}}}}]");
    }

    public async Task DisposeAsync()
    {
        await _stub.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void The_documented_example_scenario_passes_against_a_correct_interface()
    {
        var example = Path.Combine(RepositoryRoot(), "docs", "examples", "scenario.yaml");
        var junit = Path.Combine(_directory, "scenario.xml");

        var (code, output, error) = Run("scenario", "run", example, "--production-url", _stub.ProductionUrl, "--key", Key, "--junit", junit);

        Assert.True(code == KooGateCli.Ok, output + error);
        Assert.Contains("PASS 5 steps", output, StringComparison.Ordinal);
        Assert.Equal(["newInstance", "queryInstance", "refreshInstance", "upgradeInstance", "updateInstanceStatus", "releaseInstance"],
            _stub.Calls.Select(c => c.Activity).Distinct());
        Assert.All(_stub.Calls, c => Assert.True(c.SignatureValid));
        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        Assert.Equal("5", suite.Attribute("tests")!.Value);
        Assert.Equal("0", suite.Attribute("failures")!.Value);
    }

    [Fact]
    public void A_broken_expectation_exits_one_and_is_a_junit_failure()
    {
        _stub.Respond = call => call.Activity == "refreshInstance"
            ? StubReply.Code("000005")
            : StubReply.Code("000000", extra: ",\"instanceId\":\"i-1\",\"info\":[{\"instanceId\":\"i-1\",\"appInfo\":{\"frontEndUrl\":\"https://a\"}}]");
        var file = Write("renew.json", """
            { "name": "renew", "steps": [
              { "purchase": {}, "expect": { "calls": ["newInstance", "queryInstance"], "state": "Active" } },
              { "name": "renew", "renew": { "periods": 1 } } ] }
            """);
        var junit = Path.Combine(_directory, "renew.xml");

        var (code, output, _) = Run("scenario", "run", file, "--production-url", _stub.ProductionUrl, "--key", Key, "--junit", junit);

        Assert.Equal(KooGateCli.Invalid, code);
        Assert.Contains("FAIL renew", output, StringComparison.Ordinal);
        Assert.Contains("refreshInstance: verdict business-error (result 000005)", output, StringComparison.Ordinal);
        var failure = Assert.Single(XDocument.Load(junit).Descendants("failure"));
        Assert.Equal("renew", failure.Parent!.Attribute("name")!.Value);
    }

    [Fact]
    public void Expected_calls_that_were_not_made_fail_the_step()
    {
        var file = Write("wrong.yaml", """
            steps:
              - purchase: {}
                expect: { calls: [newInstance] }
            """);
        var (code, output, _) = Run("scenario", "run", file, "--production-url", _stub.ProductionUrl, "--key", Key);
        Assert.Equal(KooGateCli.Invalid, code);
        Assert.Contains("expected calls [newInstance], made [newInstance, queryInstance]", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("steps: []", "no steps")]
    [InlineData("steps:\n  - purchase: {}\n    renew: {}", "exactly one action")]
    [InlineData("steps:\n  - buy: {}", "not valid")]
    [InlineData("steps: [", "not valid")]
    public void A_bad_scenario_file_exits_two_with_the_reason(string yaml, string reason)
    {
        var (code, _, error) = Run("scenario", "run", Write("bad.yaml", yaml), "--production-url", _stub.ProductionUrl, "--key", Key);
        Assert.Equal(KooGateCli.BadInput, code);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Empty(_stub.Calls);
    }

    [Theory]
    [InlineData("purchase", new[] { "newInstance", "queryInstance" })]
    [InlineData("renew", new[] { "newInstance", "queryInstance", "refreshInstance" })]
    [InlineData("upgrade", new[] { "newInstance", "queryInstance", "upgradeInstance" })]
    [InlineData("freeze", new[] { "newInstance", "queryInstance", "updateInstanceStatus" })]
    [InlineData("release", new[] { "newInstance", "queryInstance", "updateInstanceStatus", "releaseInstance" })]
    [InlineData("refund", new[] { "newInstance", "queryInstance", "releaseInstance" })]
    public void Trigger_creates_its_fixtures_and_makes_the_action(string action, string[] calls)
    {
        var (code, output, error) = Run("trigger", action, "--production-url", _stub.ProductionUrl, "--key", Key);

        Assert.True(code == KooGateCli.Ok, output + error);
        Assert.Equal(calls, _stub.Calls.Select(c => c.Activity));
        Assert.All(_stub.Calls, c => Assert.Equal("0", c.Param("testFlag") ?? "0"));
    }

    [Fact]
    public void Trigger_exits_one_when_the_interface_fails_the_action()
    {
        _stub.Respond = _ => StubReply.Code("000005");
        var (code, output, _) = Run("trigger", "purchase", "--production-url", _stub.ProductionUrl, "--key", Key);
        Assert.Equal(KooGateCli.Invalid, code);
        Assert.Contains("newInstance", output, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "KooGate.slnx")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("KooGate.slnx not found above the test binaries");
        }

        return directory.FullName;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = KooGateCli.Run(args, output, error, TimeProvider.System);
        return (code, output.ToString(), error.ToString());
    }
}
