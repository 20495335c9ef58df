using KooGate.Conformance.Tests.Infrastructure;

namespace KooGate.Conformance.Tests;

/// <summary>
/// The runner against a fake production interface that is correct but for one rule: it must pass the correct one and
/// name the broken rule's check (and exit 1) for each broken one.
/// </summary>
public sealed class BrokenServerTests
{
    [Theory]
    [InlineData("saas-v2", FakeProductionInterface.V2Key)]
    [InlineData("saas-v1", FakeProductionInterface.V1Key)]
    public async Task A_correct_production_interface_passes(string profile, string key)
    {
        await using var fake = await FakeProductionInterface.StartAsync();

        var result = await CheckCli.RunAsync(fake.ProductionUrl, "--profile", profile, "--key", key);

        Assert.True(result.ExitCode == 0, string.Join("; ", result.Failed.Select(result.Detail)));
        Assert.Equal("pass", result.Outcomes["whole lifecycle in order"]);
        Assert.Equal("pass", result.Outcomes["testFlag=1 creates nothing lasting"]);
    }

    [Theory]
    [InlineData(BrokenRule.WrongContentType, "newInstance", "content-type")]
    [InlineData(BrokenRule.Http500, "newInstance", "httpCode=500")]
    [InlineData(BrokenRule.MissingResultMsg, "newInstance", "resultMsg is missing")]
    [InlineData(BrokenRule.MissingInstanceId, "newInstance", "接口响应缺少instanceId")]
    [InlineData(BrokenRule.NewInstanceIdOnRetry, "retry with a new businessId", "answered instanceId")]
    [InlineData(BrokenRule.SignatureValueNotVerified, "tampered body rejected", "accepted a request changed after signing")]
    [InlineData(BrokenRule.SignatureValueNotVerified, "wrong key rejected", "accepted a request signed with another key")]
    [InlineData(BrokenRule.AcceptsStaleTimestamp, "stale timestamp rejected", "accepted a request with a stale timestamp")]
    [InlineData(BrokenRule.AcceptsReplayedNonce, "replayed nonce rejected", "replayed nonce")]
    [InlineData(BrokenRule.UnknownInstanceSucceeds, "unknown instance answers 000003", "expected 000003")]
    [InlineData(BrokenRule.TestFlagCreatesLastingInstance, "testFlag=1 creates nothing lasting", "created a lasting instance")]
    [InlineData(BrokenRule.RacyDuplicates, "concurrent duplicates", "different instanceIds")]
    public async Task A_broken_V2_rule_is_reported(BrokenRule rule, string check, string detail)
    {
        await using var fake = await FakeProductionInterface.StartAsync(rule);

        var result = await CheckCli.RunAsync(fake.ProductionUrl, "--profile", "saas-v2", "--key", FakeProductionInterface.V2Key);

        AssertReported(result, check, detail);
    }

    [Theory]
    [InlineData(BrokenRule.MissingBodySign, "newInstance", "缺少Body-Sign")]
    [InlineData(BrokenRule.WrongBodySign, "newInstance", "signature does not match")]
    [InlineData(BrokenRule.AcceptsStaleTimestamp, "stale timestamp rejected", "accepted a request with a stale timestamp")]
    public async Task A_broken_V1_rule_is_reported(BrokenRule rule, string check, string detail)
    {
        await using var fake = await FakeProductionInterface.StartAsync(rule);

        var result = await CheckCli.RunAsync(fake.ProductionUrl, "--profile", "saas-v1", "--key", FakeProductionInterface.V1Key);

        AssertReported(result, check, detail);
    }

    [Fact]
    public async Task A_slow_newInstance_fails_on_the_timeout()
    {
        await using var fake = await FakeProductionInterface.StartAsync(BrokenRule.SlowNewInstance);

        var result = await CheckCli.RunAsync(fake.ProductionUrl, "--profile", "saas-v2", "--key", FakeProductionInterface.V2Key,
            "--timeout", "0.5", "--debug-only");

        AssertReported(result, "newInstance", "调用接口超时");
        // Interfaces that answer in time still pass: the timeout is per call.
        Assert.Equal("pass", result.Outcomes["unknown instance answers 000003"]);
    }

    [Fact]
    public async Task Debug_only_skips_the_real_lifecycle_and_says_so()
    {
        await using var fake = await FakeProductionInterface.StartAsync(BrokenRule.TestFlagCreatesLastingInstance);

        var result = await CheckCli.RunAsync(fake.ProductionUrl, "--profile", "saas-v2", "--key", FakeProductionInterface.V2Key, "--debug-only");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("skip", result.Outcomes["testFlag=1 creates nothing lasting"]);
        Assert.Contains("--debug-only", result.Detail("whole lifecycle in order"), StringComparison.Ordinal);
    }

    private static void AssertReported(CheckCliResult result, string check, string detail)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.True(result.Outcomes.TryGetValue(check, out var outcome) && outcome == "fail", $"{check} was {outcome}");
        Assert.Contains(detail, result.Detail(check), StringComparison.Ordinal);
        Assert.Matches(@$"│ \w+\s*│ {System.Text.RegularExpressions.Regex.Escape(check)}\s*│ FAIL", result.Out);
    }
}
