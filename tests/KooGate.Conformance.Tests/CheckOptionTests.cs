using KooGate.Conformance.Tests.Infrastructure;

namespace KooGate.Conformance.Tests;

/// <summary><c>--on-demand</c>, <c>--other-type-key</c> and <c>--provisioning-wait</c> against the fake production interface.</summary>
public sealed class CheckOptionTests
{
    [Fact]
    public async Task On_demand_requires_usageInfo_for_the_debuggers_on_demand_order()
    {
        await using var correct = await FakeProductionInterface.StartAsync();
        var passed = await CheckCli.RunAsync(correct.ProductionUrl, "--profile", "saas-v2", "--key", FakeProductionInterface.V2Key, "--on-demand", "--debug-only");
        Assert.True(passed.ExitCode == 0, string.Join("; ", passed.Failed.Select(passed.Detail)));
        Assert.Equal("pass", passed.Outcomes["queryInstance usageInfo (on-demand)"]);

        await using var broken = await FakeProductionInterface.StartAsync(BrokenRule.NoUsageInfo);
        var failed = await CheckCli.RunAsync(broken.ProductionUrl, "--profile", "saas-v2", "--key", FakeProductionInterface.V2Key, "--on-demand", "--debug-only");
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal(["queryInstance usageInfo (on-demand)"], failed.Failed);
        Assert.Contains("usageInfo", failed.Detail("queryInstance usageInfo (on-demand)"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_type_key_is_checked_only_when_given_and_must_be_refused()
    {
        await using var correct = await FakeProductionInterface.StartAsync();
        var without = await CheckCli.RunAsync(correct.ProductionUrl, "--profile", "saas-v2", "--key", FakeProductionInterface.V2Key, "--debug-only");
        Assert.Equal("skip", without.Outcomes["key of another interface type rejected"]);

        var with = await CheckCli.RunAsync(correct.ProductionUrl, "--profile", "saas-v2", "--key", FakeProductionInterface.V2Key, "--debug-only",
            "--other-type-key", "kit-key-of-the-same-address");
        Assert.Equal("pass", with.Outcomes["key of another interface type rejected"]);

        await using var unverified = await FakeProductionInterface.StartAsync(BrokenRule.SignatureValueNotVerified);
        var accepted = await CheckCli.RunAsync(unverified.ProductionUrl, "--profile", "saas-v2", "--key", FakeProductionInterface.V2Key, "--debug-only",
            "--other-type-key", "kit-key-of-the-same-address");
        Assert.Equal("warn", accepted.Outcomes["key of another interface type rejected"]);
    }

    [Fact]
    public async Task A_webhook_mode_server_passes_when_provisioning_ends_within_the_wait()
    {
        await using var webhook = await FakeProductionInterface.StartAsync(provisioning: TimeSpan.FromSeconds(1));

        var result = await CheckCli.RunAsync(webhook.ProductionUrl, "--profile", "saas-v2", "--key", FakeProductionInterface.V2Key, "--provisioning-wait", "30");

        Assert.True(result.ExitCode == 0, string.Join("; ", result.Failed.Select(f => $"{f}: {result.Detail(f)}")));
        Assert.Equal("pass", result.Outcomes["whole lifecycle in order"]);
    }

    [Fact]
    public async Task Provisioning_that_never_ends_fails_the_lifecycle_after_the_wait()
    {
        await using var webhook = await FakeProductionInterface.StartAsync(provisioning: Timeout.InfiniteTimeSpan);

        var result = await CheckCli.RunAsync(webhook.ProductionUrl, "--profile", "saas-v2", "--key", FakeProductionInterface.V2Key, "--provisioning-wait", "2");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("fail", result.Outcomes["whole lifecycle in order"]);
        Assert.Contains("000004", result.Detail("whole lifecycle in order"), StringComparison.Ordinal);
    }
}
