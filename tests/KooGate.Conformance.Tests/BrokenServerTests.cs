using KooGate.Conformance.Tests.Infrastructure;

namespace KooGate.Conformance.Tests;

/// <summary>
/// The runner against a fake production interface that is correct but for one rule: it must pass the correct one,
/// name the broken rule's check (and exit 1) for each broken <c>must</c>, and only warn (exit 0) for a broken
/// <c>should</c>. A lax-but-correct seller built like Huawei's sample passes with warnings only.
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
        Assert.Equal("pass", result.Outcomes["duplicate key rejected"]);
        Assert.Equal("pass", result.Outcomes["stale timestamp rejected"]);
        Assert.DoesNotContain("warn", result.Outcomes.Values);
    }

    [Theory]
    [InlineData("saas-v2", FakeProductionInterface.V2Key)]
    [InlineData("saas-v1", FakeProductionInterface.V1Key)]
    public async Task A_seller_answering_in_another_stacks_style_passes(string profile, string key)
    {
        // Members the spec does not name, resultCode last, usageValue as a string, instanceId as a number: what another
        // stack writes and Huawei's Jackson reads (saas-v2.md §3.2).
        await using var fake = await FakeProductionInterface.StartAsync(foreign: true);

        var result = await CheckCli.RunAsync(fake.ProductionUrl, "--profile", profile, "--key", key, "--on-demand");

        Assert.True(result.ExitCode == 0, string.Join("; ", result.Failed.Select(f => $"{f}: {result.Detail(f)}")));
        Assert.Equal("pass", result.Outcomes["queryInstance usageInfo (on-demand)"]);
        Assert.Equal("pass", result.Outcomes["whole lifecycle in order"]);
        Assert.Equal("pass", result.Outcomes["retry with a new businessId"]);
        Assert.DoesNotContain("warn", result.Outcomes.Values);
    }

    [Fact]
    public async Task A_lax_but_correct_seller_passes_with_warnings_only()
    {
        await using var fake = await FakeProductionInterface.StartAsync(lax: true);

        var result = await CheckCli.RunAsync(fake.ProductionUrl, "--profile", "saas-v2", "--key", FakeProductionInterface.V2Key);

        Assert.True(result.ExitCode == 0, string.Join("; ", result.Failed.Select(f => $"{f}: {result.Detail(f)}")));
        Assert.Equal(
            ["future timestamp rejected", "replayed nonce rejected", "unknown instance answers 000003"],
            result.Outcomes.Where(o => o.Value == "warn").Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.All(result.Checks.Where(c => c.Outcome == "warn"), c => Assert.Equal("should", c.Level));
        Assert.Equal("skip", result.Outcomes["changeInstanceCheck"]);
        Assert.Equal("pass", result.Outcomes["retry with a new businessId"]);
        Assert.Equal("pass", result.Outcomes["testFlag=1 creates nothing lasting"]);
        Assert.Equal("pass", result.Outcomes["whole lifecycle in order"]);
        Assert.Matches(@"│ replayed nonce rejected\s*│ should\s*│ WARN", result.Out);
        Assert.Contains("warnings do not fail the run", result.Out, StringComparison.Ordinal);
        Assert.Contains("real calls (testFlag=0", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strict_fails_the_lax_seller_on_its_warnings()
    {
        await using var fake = await FakeProductionInterface.StartAsync(lax: true);

        var result = await CheckCli.RunAsync(fake.ProductionUrl, "--profile", "saas-v2", "--key", FakeProductionInterface.V2Key, "--strict");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Failed);
        Assert.False(result.Report!.Value.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task Debug_only_judges_idempotency_of_the_lax_seller_as_a_warning()
    {
        await using var fake = await FakeProductionInterface.StartAsync(lax: true);

        var result = await CheckCli.RunAsync(fake.ProductionUrl, "--profile", "saas-v2", "--key", FakeProductionInterface.V2Key, "--debug-only");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("warn", result.Outcomes["retry with a new businessId"]);
        Assert.Contains("nothing reaches your application", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Change_check_asks_for_changeInstanceCheck()
    {
        await using var fake = await FakeProductionInterface.StartAsync(lax: true);

        var result = await CheckCli.RunAsync(fake.ProductionUrl, "--profile", "saas-v2", "--key", FakeProductionInterface.V2Key,
            "--change-check", "--debug-only");

        AssertReported(result, "changeInstanceCheck", "resultCode返回错误");
        Assert.Equal("pass", result.Outcomes["refreshInstance RENEWAL_CHANGE"]);
    }

    [Theory]
    [InlineData(BrokenRule.AcceptsReplayedNonce, "replayed nonce rejected", "replayed nonce")]
    [InlineData(BrokenRule.UnknownInstanceSucceeds, "unknown instance answers 000003", "expected 000003")]
    [InlineData(BrokenRule.RacyDuplicates, "concurrent duplicates", "different instanceIds")]
    public async Task A_broken_should_is_a_warning_unless_strict(BrokenRule rule, string check, string detail)
    {
        await using var fake = await FakeProductionInterface.StartAsync(rule);

        var result = await CheckCli.RunAsync(fake.ProductionUrl, "--profile", "saas-v2", "--key", FakeProductionInterface.V2Key);

        Assert.True(result.ExitCode == 0, string.Join("; ", result.Failed.Select(f => $"{f}: {result.Detail(f)}")));
        Assert.Equal("warn", result.Outcomes[check]);
        Assert.Contains(detail, result.Detail(check), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BrokenRule.WrongContentType, "newInstance", "content-type")]
    [InlineData(BrokenRule.Http500, "newInstance", "httpCode=500")]
    [InlineData(BrokenRule.MissingResultMsg, "newInstance", "resultMsg is missing")]
    [InlineData(BrokenRule.MissingInstanceId, "newInstance", "接口响应缺少instanceId")]
    [InlineData(BrokenRule.InstanceIdAsObject, "newInstance", "解析响应体失败 (instanceId is a JSON object, but the spec's type is String")]
    [InlineData(BrokenRule.NewInstanceIdOnRetry, "retry with a new businessId", "answered instanceId")]
    [InlineData(BrokenRule.SignatureValueNotVerified, "tampered body rejected", "accepted a request changed after signing")]
    [InlineData(BrokenRule.SignatureValueNotVerified, "wrong key rejected", "accepted a request signed with another key")]
    [InlineData(BrokenRule.AcceptsStaleTimestamp, "stale timestamp rejected", "accepted a request with a stale timestamp")]
    [InlineData(BrokenRule.TestFlagCreatesLastingInstance, "testFlag=1 creates nothing lasting", "created a lasting instance")]
    [InlineData(BrokenRule.VerifiesFirstValueActsOnLast, "duplicate key rejected", "accepted a signed debug call with a second, real testFlag")]
    [InlineData(BrokenRule.VerifiesFirstValueActsOnLast, "null member appended rejected", "accepted a signed debug call with \"testFlag\":null")]
    public async Task A_broken_V2_rule_is_reported(BrokenRule rule, string check, string detail)
    {
        await using var fake = await FakeProductionInterface.StartAsync(rule);

        var result = await CheckCli.RunAsync(fake.ProductionUrl, "--profile", "saas-v2", "--key", FakeProductionInterface.V2Key);

        AssertReported(result, check, detail);
    }

    [Theory]
    [InlineData(BrokenRule.MissingBodySign, "newInstance", "缺少Body-Sign")]
    [InlineData(BrokenRule.WrongBodySign, "newInstance", "signature does not match")]
    public async Task A_broken_V1_rule_is_reported(BrokenRule rule, string check, string detail)
    {
        await using var fake = await FakeProductionInterface.StartAsync(rule);

        var result = await CheckCli.RunAsync(fake.ProductionUrl, "--profile", "saas-v1", "--key", FakeProductionInterface.V1Key);

        AssertReported(result, check, detail);
    }

    [Fact]
    public async Task A_V1_timestamp_window_is_a_recommendation()
    {
        // V1 documents no window (saas-v1-and-joint.md §2.1): a day-old timeStamp accepted is a warning.
        await using var fake = await FakeProductionInterface.StartAsync(BrokenRule.AcceptsStaleTimestamp);

        var result = await CheckCli.RunAsync(fake.ProductionUrl, "--profile", "saas-v1", "--key", FakeProductionInterface.V1Key);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("warn", result.Outcomes["stale timestamp rejected"]);
        Assert.Contains("accepted a request with a stale timestamp", result.Detail("stale timestamp rejected"), StringComparison.Ordinal);
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
        // Judged on debug calls, idempotency can only warn.
        Assert.Equal("should", result.Checks.Single(c => c.Name == "retry with a new businessId").Level);
        Assert.Contains("--debug-only", result.Detail("whole lifecycle in order"), StringComparison.Ordinal);
    }

    private static void AssertReported(CheckCliResult result, string check, string detail)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.True(result.Outcomes.TryGetValue(check, out var outcome) && outcome == "fail", $"{check} was {outcome}");
        Assert.Contains(detail, result.Detail(check), StringComparison.Ordinal);
        Assert.Matches(@$"│ \w+\s*│ {System.Text.RegularExpressions.Regex.Escape(check)}\s*│ must\s*│ FAIL", result.Out);
    }
}
