using System.Text.RegularExpressions;
using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.Playwright;

namespace KooGate.Server.Tests.Dashboard;

/// <summary>
/// One server seeded with a little of everything an operator sees (60 instances, failed and checker calls, a license
/// code, a tenant with departments, a dead delivery, a failed usage push), and one logged-in headless browser.
/// </summary>
public sealed class DashboardPagesFixture : IAsyncLifetime
{
    public KooGateHost Host { get; } = new();

    public HeadlessChromium Chromium { get; private set; } = null!;

    public IBrowserContext Browser { get; private set; } = null!;

    public Guid DeadDelivery { get; } = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        await SeedAsync();
        Chromium = await HeadlessChromium.LaunchAsync();
        Browser = await Chromium.Browser.NewContextAsync(new() { BaseURL = Host.Http.BaseAddress!.ToString() });
        Browser.SetDefaultTimeout(HeadlessChromium.PatientTimeout);
        Browser.SetDefaultNavigationTimeout(HeadlessChromium.PatientTimeout);
        var page = await Browser.NewPageAsync();
        await page.GotoAsync("/dashboard/login");
        await page.FillAsync("input[name=name]", TestKeys.OperatorName);
        await page.FillAsync("input[name=password]", TestKeys.OperatorPassword);
        await page.ClickAsync("button:has-text('Sign in')");
        await HeadlessChromium.ArrivesAtAsync(page, new Regex(@"/dashboard$"));
        await page.CloseAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Chromium.DisposeAsync();
        Host.Dispose();
    }

    private async Task SeedAsync()
    {
        var now = Host.Clock.GetUtcNow();
        using var db = Host.OpenDb();
        for (var n = 0; n < 58; n++)
        {
            db.Instances.Add(Instance($"inst-{n:D2}", $"ORDER-{n:D2}", n % 10 == 0 ? InstanceState.Failed : InstanceState.Active, now.AddMinutes(-n)));
        }

        db.Instances.Add(Instance("prov-1", "ORDER-P1", InstanceState.Provisioning, now.AddDays(-1)));
        db.Instances.Add(Instance("prov-2", "ORDER-P2", InstanceState.Provisioning, now.AddDays(-1)));
        db.Instances.Add(Instance("KGCHECKINST", "KGCHECK1ORDER001", InstanceState.Failed, now.AddMinutes(-1)));

        db.CallbackLogs.AddRange(
            Call(now.AddHours(-2), "newInstance", "000000", "signature valid (RawBody, key 0)", "inst-01", "ORDER-01"),
            Call(now.AddHours(-3), "newInstance", "000001", "signature is invalid", null, "ORDER-X"),
            Call(now.AddHours(-1), "newInstance", "000005", "signature valid (RawBody, key 0)", "KGCHECKINST", "KGCHECK1ORDER001"),
            Call(now.AddHours(-4), "refreshLicenseCode", "000000", "signature valid (RawBody, key 0)", "LC-0001", "ORDER-L1"));
        db.Set<LicenseCodeRecord>().Add(new LicenseCodeRecord { Code = "LC-0001", State = LicenseCodeState.Active, ExpireTime = now.AddDays(30), ProductId = "product-L", LastOrderId = "ORDER-L1", CreatedAt = now.AddHours(-4), UpdatedAt = now.AddHours(-4) });

        db.KitTenants.Add(new KitTenant { InstanceId = "inst-01", TenantId = "tenant-1", Name = "Acme", UpdatedAt = now });
        db.KitOrgs.AddRange(
            new KitOrg { InstanceId = "inst-01", TenantId = "tenant-1", OrgCode = "10", OrgName = "Head office", ParentCode = "", UpdatedAt = now },
            new KitOrg { InstanceId = "inst-01", TenantId = "tenant-1", OrgCode = "20", OrgName = "Engineering", ParentCode = "10", UpdatedAt = now });

        db.Outbox.Add(new OutboxMessage
        {
            Id = DeadDelivery,
            Type = "instance.created",
            Payload = """{"instanceId":"inst-02","marker":"payload-marker"}""",
            InstanceId = "inst-02",
            CreatedAt = now.AddHours(-5),
            Status = OutboxStatus.Dead,
            Attempts = 8,
            NextAttemptAt = now.AddYears(1),
            LastError = "HTTP 503 from the app",
        });
        db.OutboxAttempts.AddRange(
            new OutboxAttempt { MessageId = DeadDelivery, Attempt = 7, StartedAt = now.AddHours(-2), DurationMilliseconds = 10_001, Error = "timed out after 10 s", Outcome = OutboxAttemptOutcome.Retrying },
            new OutboxAttempt { MessageId = DeadDelivery, Attempt = 8, StartedAt = now.AddHours(-1), DurationMilliseconds = 42, StatusCode = 503, Error = "HTTP 503 from the app", Outcome = OutboxAttemptOutcome.Dead });

        db.UsageEntries.Add(new UsageEntry { RecordId = "rec-1", InstanceId = "inst-03", UsageTime = now.AddHours(-3), Value = 4.5m, ReceivedAt = now.AddHours(-3) });
        db.UsagePeriods.Add(new UsagePeriod
        {
            InstanceId = "inst-03",
            BeginTime = now.AddHours(-3),
            EndTime = now.AddHours(-2),
            Value = 4.5m,
            EntryCount = 1,
            MeteringSn = "sn-1",
            Status = UsagePeriodStatus.Failed,
            Attempts = 5,
            NextAttemptAt = now,
            LastError = "gateway 401",
        });
        await db.SaveChangesAsync();
    }

    private static InstanceRecord Instance(string id, string order, InstanceState state, DateTimeOffset at) => new()
    {
        InstanceId = id,
        OrderId = order,
        OrderLineId = order + "-1",
        State = state,
        ProductId = "product-1",
        CreatedAt = at,
        UpdatedAt = at,
        FailureCode = state == InstanceState.Failed ? "000005" : null,
    };

    private static CallbackLog Call(DateTimeOffset at, string activity, string code, string verdict, string? instanceId, string? orderId) => new()
    {
        ReceivedAt = at,
        Family = "saas-v2",
        Activity = activity,
        Method = "POST",
        Path = "/produce",
        ResultCode = code,
        Verdict = verdict,
        InstanceId = instanceId,
        OrderId = orderId,
        RequestBody = $$"""{"activity":"{{activity}}"}""",
        ResponseBody = $$"""{"resultCode":"{{code}}"}""",
    };
}
