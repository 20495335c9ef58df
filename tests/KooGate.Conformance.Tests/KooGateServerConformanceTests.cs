using KooGate.Conformance.Tests.Infrastructure;
using KooGate.Testing.Server;

namespace KooGate.Conformance.Tests;

/// <summary>The runner must pass against KooGate's own server, for every profile, with its real-call checks run.</summary>
public sealed class KooGateServerConformanceTests(KooGateServerConformanceTests.Host host) : IClassFixture<KooGateServerConformanceTests.Host>
{
    public sealed class Host : IDisposable
    {
        public KooGateHost Server { get; } = new(new KooGateHostOptions { Clock = TimeProvider.System, KitClientSecret = true });

        public void Dispose() => Server.Dispose();
    }

    private KooGateHost Server => host.Server;

    [Fact]
    public async Task SaasV2_with_kit_passes_against_KooGate()
    {
        var result = await CheckCli.RunAsync(Server.ProductionUrl, "--profile", "saas-v2", "--key", TestKeys.Basic,
            "--kit-key", TestKeys.Kit, "--rsa-public-key", Server.PublicKeyPath!, "--change-check");

        AssertPassed(result,
            "changeInstanceCheck", "refreshInstance RENEWAL_CHANGE", "newInstance", "queryInstance", "releaseInstance", "retry with a new businessId", "concurrent duplicates",
            "tampered body rejected", "wrong key rejected", "stale timestamp rejected", "replayed nonce rejected",
            "future timestamp rejected", "unkeyed inner hash rejected", "key of another interface type rejected",
            "refreshInstance TRIAL_TO_FORMAL", "refreshInstance UNSUBSCRIBE_RENEWAL_PERIOD",
            "unknown instance answers 000003", "testFlag=1 creates nothing lasting", "whole lifecycle in order",
            "kit key of another interface type rejected", "kit tenantSync", "kit applicationSync", "kit repeated adds and deletes in sync order", "kit replayed nonce rejected");
    }

    [Fact]
    public async Task Online_license_passes_against_KooGate()
    {
        var result = await CheckCli.RunAsync(Server.ProductionUrl, "--profile", "online-license", "--key", TestKeys.Basic);

        AssertPassed(result, "newInstance", "getLicenseAsync", "refreshInstance TRIAL_TO_FORMAL", "retry with a new businessId",
            "testFlag=1 creates nothing lasting", "whole lifecycle in order");
    }

    [Fact]
    public async Task KitV2_passes_against_KooGate()
    {
        var result = await CheckCli.RunAsync(Server.ProductionUrl, "--profile", "kit-v2", "--key", TestKeys.Kit,
            "--rsa-public-key", Server.PublicKeyPath!);

        AssertPassed(result, "tenantSync", "applicationSync", "authSync", "singleOrgSync", "allOrgSync",
            "repeated adds and deletes in sync order", "delete of something never synced", "concurrent duplicates",
            "tampered body rejected", "wrong key rejected", "stale timestamp rejected", "replayed nonce rejected");
    }

    [Fact]
    public async Task SaasV1_passes_against_KooGate()
    {
        var result = await CheckCli.RunAsync(Server.ProductionUrl, "--profile", "saas-v1", "--key", TestKeys.V1);

        AssertPassed(result, "newInstance", "queryInstance", "expireInstance", "retry with a new businessId", "tampered body rejected",
            "stale timestamp rejected", "unknown instance answers 000003", "testFlag=1 creates nothing lasting", "whole lifecycle in order");
        Assert.Equal("skip", result.Outcomes["replayed nonce rejected"]);
    }

    [Fact]
    public async Task KitV1_passes_against_KooGate()
    {
        var result = await CheckCli.RunAsync(Server.ProductionUrl, "--profile", "kit-v1", "--key", TestKeys.V1,
            "--rsa-public-key", Server.PublicKeyPath!);

        AssertPassed(result, "tenantSync", "authSync", "allOrgSync", "repeated adds and deletes in sync order", "tampered body rejected",
            "wrong key rejected");
    }

    [Fact]
    public async Task Legacy_license_passes_against_KooGate()
    {
        var result = await CheckCli.RunAsync(Server.ProductionUrl, "--profile", "license", "--key", TestKeys.V1);

        AssertPassed(result, "getLicense", "releaseLicense", "retry with a new businessId", "concurrent duplicates", "wrong key rejected",
            "unknown instance answers 000003", "testFlag=1 creates nothing lasting", "whole lifecycle in order");
    }

    [Fact]
    public async Task License_code_passes_against_KooGate()
    {
        var result = await CheckCli.RunAsync(Server.ProductionUrl, "--profile", "license-code", "--key", TestKeys.License);

        AssertPassed(result, "refreshLicenseCode", "releaseLicenseCode", "repeated calls succeed", "replayed nonce rejected");
        Assert.Equal("skip", result.Outcomes["whole lifecycle in order"]);
        Assert.Equal("skip", result.Outcomes["unknown instance answers 000003"]);
    }

    [Fact]
    public async Task Order_notify_passes_against_KooGate()
    {
        var result = await CheckCli.RunAsync(Server.ProductionUrl, "--profile", "order-notify", "--key", TestKeys.General);

        AssertPassed(result, "orderNotify", "repeated calls succeed", "tampered body rejected", "replayed nonce rejected");
    }

    [Fact]
    public async Task A_key_of_another_interface_type_fails()
    {
        // The License key is bound to license codes, not to the basic interfaces.
        var result = await CheckCli.RunAsync(Server.ProductionUrl, "--profile", "saas-v2", "--key", TestKeys.License, "--debug-only");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("fail", result.Outcomes["newInstance"]);
        Assert.Contains("000001", result.Detail("newInstance"), StringComparison.Ordinal);
    }

    private static void AssertPassed(CheckCliResult result, params string[] mustPass)
    {
        var failed = result.Failed.ToList();
        Assert.True(failed.Count == 0, $"exit {result.ExitCode}; failed: {string.Join("; ", failed.Select(f => $"{f}: {result.Detail(f)}"))}\n{result.Error}");
        Assert.Equal(result.Failed.Any() ? 1 : 0, result.ExitCode);
        Assert.DoesNotContain("warn", result.Outcomes.Values);
        foreach (var check in mustPass)
        {
            Assert.True(result.Outcomes.TryGetValue(check, out var outcome) && outcome == "pass", $"{check}: {outcome}");
        }
    }
}
