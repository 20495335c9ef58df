extern alias cli;

using System.Xml.Linq;
using cli::KooGate.Cli;
using KooGate.Conformance.Tests.Infrastructure;

namespace KooGate.Conformance.Tests;

/// <summary>The JUnit and JSON reports and the command's handling of bad input.</summary>
public sealed class ReportTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task JUnit_and_JSON_reports_agree_with_the_run_and_a_warning_fails_only_when_strict(bool strict)
    {
        await using var fake = await FakeProductionInterface.StartAsync(BrokenRule.AcceptsReplayedNonce);
        var junit = Path.Combine(Path.GetTempPath(), $"koogate-check-{Guid.NewGuid():N}.xml");
        try
        {
            string[] args = [fake.ProductionUrl, "--profile", "saas-v2", "--key", FakeProductionInterface.V2Key, "--debug-only", "--junit", junit];
            var result = await CheckCli.RunAsync(strict ? [.. args, "--strict"] : args);

            var report = result.Report!.Value;
            var xml = XDocument.Load(junit).Root!;
            Assert.Equal("testsuites", xml.Name.LocalName);
            var cases = xml.Elements("testsuite").SelectMany(s => s.Elements("testcase")).ToList();
            Assert.Equal(report.GetProperty("checks").GetArrayLength(), cases.Count);
            Assert.Equal(0, report.GetProperty("totals").GetProperty("fail").GetInt32());
            Assert.Equal(1, report.GetProperty("totals").GetProperty("warn").GetInt32());
            Assert.All(report.GetProperty("checks").EnumerateArray(), c => Assert.Contains(c.GetProperty("level").GetString(), new[] { "must", "should" }));

            var warned = cases.Single(c => c.Attribute("name")!.Value == "replayed nonce rejected");
            Assert.Equal("security", warned.Attribute("classname")!.Value);
            Assert.Equal(strict ? 1 : 0, int.Parse(xml.Attribute("failures")!.Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(strict, warned.Element("failure") is not null);
            if (!strict)
            {
                Assert.Contains("WARN (should)", warned.Element("system-out")!.Value, StringComparison.Ordinal);
                Assert.Contains("README decision 1", warned.Element("system-out")!.Value, StringComparison.Ordinal);
            }

            var skipped = cases.Single(c => c.Attribute("name")!.Value == "whole lifecycle in order");
            Assert.NotNull(skipped.Element("skipped"));
            Assert.Equal(["debugger", "idempotency", "security", "lifecycle"], xml.Elements("testsuite").Select(s => s.Attribute("name")!.Value.Split('.')[^1]));
            Assert.Equal(!strict, report.GetProperty("passed").GetBoolean());
            Assert.Equal(strict ? 1 : 0, result.ExitCode);
            Assert.Contains(strict ? "FAIL: 0 of" : "PASS: 0 of", result.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(junit);
        }
    }

    [Theory]
    [InlineData("--profile", "saas-v3", "--key", "k")]
    [InlineData("--profile", "saas-v2")]
    [InlineData("--profile", "saas-v2", "--key", "k", "--timeout", "0")]
    [InlineData("--profile", "kit-v2", "--key", "k", "--rsa-public-key", "/nonexistent/key.pem")]
    public void Bad_input_exits_2(params string[] options)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = KooGateCli.Run(["check", "http://127.0.0.1:9/produce", .. options], output, error, TimeProvider.System);

        Assert.Equal(KooGateCli.BadInput, code);
        Assert.Contains("error", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_that_is_not_http_exits_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = KooGateCli.Run(["check", "ftp://example.com/produce", "--profile", "saas-v2", "--key", "k"], output, error, TimeProvider.System);

        Assert.Equal(KooGateCli.BadInput, code);
        Assert.Contains("not an absolute http(s) URL", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_address_fails_every_call_as_the_debugger_does()
    {
        // Port 9 (discard) on loopback refuses connections.
        var result = await CheckCli.RunAsync("http://127.0.0.1:9/produce", "--profile", "order-notify", "--key", "k", "--timeout", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("生产地址不可达", result.Detail("orderNotify"), StringComparison.Ordinal);
    }
}
