using System.Net;
using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KooGate.Server.Tests.Provisioning;

/// <summary>
/// A failed provisioning is not final: KooGallery's next create retry, the admin API and the dashboard run the
/// provisioner again for the same instance id.
/// </summary>
public sealed class ProvisioningRetryTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_provisioner_exception_is_logged_with_its_order_and_the_next_create_retry_provisions_the_same_instance(DatabaseKind database)
    {
        var provisioner = new FlakyProvisioner();
        var logs = new CapturedLogs();
        using var host = new KooGateHost(database, services: s =>
        {
            provisioner.Register(s);
            s.AddSingleton<ILoggerProvider>(logs);
        });
        var marketplace = new MarketplaceClient(host);

        var first = await marketplace.PostAsync(new { activity = "newInstance", businessId = "biz-r1", orderId = "ORDER-R1", orderLineId = "ORDER-R1-1" });
        Assert.Equal(("000005", "biz-r1"), (first.ResultCode, first.Get("instanceId")));
        Assert.Contains(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("ORDER-R1", StringComparison.Ordinal)
            && l.Contains("biz-r1", StringComparison.Ordinal) && l.Contains("tenant database unreachable", StringComparison.Ordinal));

        var retry = await marketplace.PostAsync(new { activity = "newInstance", businessId = "biz-r1-second", orderId = "ORDER-R1", orderLineId = "ORDER-R1-1" });
        Assert.Equal(("000000", "biz-r1"), (retry.ResultCode, retry.Get("instanceId")));
        Assert.Equal(["biz-r1", "biz-r1"], provisioner.Calls.Select(c => c.InstanceId));
        Assert.All(provisioner.Calls, c => Assert.Equal(("ORDER-R1", "ORDER-R1-1"), (c.OrderId, c.OrderLineId)));

        var query = await marketplace.PostAsync(new { activity = "queryInstance", instanceId = "biz-r1" });
        Assert.Equal("000000", query.ResultCode);
        Assert.Equal("https://tenant.example.com/biz-r1", query.Json.GetProperty("info")[0].GetProperty("appInfo").GetProperty("frontEndUrl").GetString());

        await using var db = host.OpenDb();
        var instance = await db.Instances.SingleAsync();
        Assert.Equal((InstanceState.Active, null), (instance.State, instance.FailureCode));
        var events = await db.InstanceEvents.Where(e => e.InstanceId == "biz-r1").OrderBy(e => e.Id).Select(e => e.Type).ToListAsync();
        Assert.Equal(["created", "provisioning-failed", "provisioning-retried", "provisioned"], events);

        // Once provisioned, a further retry answers from the stored outcome and runs nothing.
        var third = await marketplace.PostAsync(new { activity = "newInstance", businessId = "biz-r1-third", orderId = "ORDER-R1", orderLineId = "ORDER-R1-1" });
        Assert.Equal(("000000", "biz-r1"), (third.ResultCode, third.Get("instanceId")));
        Assert.Equal(2, provisioner.Calls.Count);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_admin_api_retries_only_a_failed_instance(DatabaseKind database)
    {
        var provisioner = new FlakyProvisioner();
        using var host = new KooGateHost(database, services: provisioner.Register);
        var marketplace = new MarketplaceClient(host);
        var admin = new AdminClient(host);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/admin/api/instances/nope/retry")).Status);
        Assert.Equal("000005", (await marketplace.PostAsync(new { activity = "newInstance", businessId = "biz-r2", orderId = "ORDER-R2", orderLineId = "ORDER-R2-1" })).ResultCode);

        var (status, body) = await admin.PostAsync("/admin/api/instances/biz-r2/retry");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Active", body.GetProperty("state").GetString());
        Assert.Equal("https://tenant.example.com/biz-r2", body.GetProperty("frontEndUrl").GetString());
        Assert.Equal(JsonValueKindNull, body.GetProperty("failureCode").ValueKind);

        (status, body) = await admin.PostAsync("/admin/api/instances/biz-r2/retry");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("Active", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, provisioner.Calls.Count);

        var create = await marketplace.PostAsync(new { activity = "newInstance", businessId = "biz-r2-again", orderId = "ORDER-R2", orderLineId = "ORDER-R2-1" });
        Assert.Equal(("000000", "biz-r2"), (create.ResultCode, create.Get("instanceId")));
    }

    [Fact]
    public async Task A_retry_slower_than_the_budget_answers_202_and_finishes_in_the_background()
    {
        var provisioner = new FlakyProvisioner { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var host = new KooGateHost(services: provisioner.Register);
        var marketplace = new MarketplaceClient(host);
        var admin = new AdminClient(host);
        Assert.Equal("000005", (await marketplace.PostAsync(new { activity = "newInstance", businessId = "biz-r3", orderId = "ORDER-R3", orderLineId = "ORDER-R3-1" })).ResultCode);

        var retry = admin.PostAsync("/admin/api/instances/biz-r3/retry");
        await Eventually.UntilAsync(() => Task.FromResult(retry.IsCompleted), "the retry to answer after the budget", () => host.Clock.Advance(TimeSpan.FromMilliseconds(500)));
        var (status, body) = await retry;
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("Provisioning", body.GetProperty("state").GetString());
        Assert.Equal("000004", (await marketplace.PostAsync(new { activity = "queryInstance", instanceId = "biz-r3" })).ResultCode);

        provisioner.Gate.SetResult();
        await Eventually.UntilAsync(
            async () => (await marketplace.PostAsync(new { activity = "queryInstance", instanceId = "biz-r3" })).ResultCode == "000000",
            "the background provisioning to finish");
    }

    [Fact]
    public async Task The_instance_page_retries_a_failed_provisioning_with_an_antiforgery_form()
    {
        var provisioner = new FlakyProvisioner();
        using var host = new KooGateHost(services: provisioner.Register);
        var marketplace = new MarketplaceClient(host);
        Assert.Equal("000005", (await marketplace.PostAsync(new { activity = "newInstance", businessId = "biz-r4", orderId = "ORDER-R4", orderLineId = "ORDER-R4-1" })).ResultCode);

        using var session = new DashboardSession(host);
        await session.LoginAsync();
        var page = await session.GetPageAsync("/dashboard/instances/biz-r4");
        Assert.Contains("action=\"/dashboard/instances/biz-r4/retry\"", page, StringComparison.Ordinal);

        var forged = await session.PostFormAsync("/dashboard/instances/biz-r4/retry", [new("__csrf", "forged")]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Single(provisioner.Calls);

        var posted = await session.PostFormAsync("/dashboard/instances/biz-r4/retry", [new("__csrf", DashboardSession.Token(page))]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/dashboard/instances/biz-r4?notice=Provisioning%20retried.", posted.Headers.Location!.OriginalString);
        page = await session.GetPageAsync(posted.Headers.Location.OriginalString);
        Assert.Contains("Provisioning retried.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/retry\"", page, StringComparison.Ordinal);
        Assert.Contains(">Active<", page, StringComparison.Ordinal);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
