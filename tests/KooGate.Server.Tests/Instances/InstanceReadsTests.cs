using System.Net;
using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Instances;

/// <summary>
/// <c>queryInstance</c> of several ids on both databases, V2 and V1 alike (one read, <c>Instances/InstanceReads</c>):
/// distinct ids in the order asked, released and unknown ones left out, usage summed over pushed periods and open
/// entries.
/// </summary>
public sealed class InstanceReadsTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Several_ids_list_the_live_instances_in_the_order_asked_with_their_usage(DatabaseKind database)
    {
        using var host = new KooGateHost(database);
        var v2 = new MarketplaceClient(host);
        foreach (var id in new[] { "rd-a", "rd-b", "rd-c", "rd-d" })
        {
            var created = await v2.PostAsync(new { activity = "newInstance", businessId = id, orderId = "O-" + id, orderLineId = "L-" + id });
            Assert.True(created.ResultCode == "000000", created.Body);
        }

        Assert.Equal("000000", (await v2.PostAsync(new { activity = "releaseInstance", instanceId = "rd-c" })).ResultCode);
        await PushedPeriodAsync(host, "rd-b", 2.5m);
        await ReportAsync(host, "rd-b", 1.25m);
        const string Asked = "rd-d,rd-c,rd-b,rd-unknown,rd-a,rd-b";

        var viaV2 = await v2.PostAsync(new { activity = "queryInstance", instanceId = Asked });
        var viaV1 = await new V1MarketplaceClient(host).GetAsync(new[] { new KeyValuePair<string, string?>("activity", "queryInstance"), new("instanceId", Asked) });

        foreach (var reply in new[] { viaV2, viaV1 })
        {
            Assert.True(reply.ResultCode == "000000", reply.Body);
            var info = reply.Json.GetProperty("info").EnumerateArray().ToList();
            Assert.Equal(["rd-d", "rd-b", "rd-a"], info.Select(i => i.GetProperty("instanceId").GetString()));
            Assert.Equal(3.75m, info[1].GetProperty("usageInfo")[0].GetProperty("usageValue").GetDecimal());
            Assert.False(info[0].TryGetProperty("usageInfo", out _), reply.Body);
            Assert.False(info[2].TryGetProperty("usageInfo", out _), reply.Body);
        }

        Assert.Equal("000003", (await v2.PostAsync(new { activity = "queryInstance", instanceId = "rd-c" })).ResultCode);
    }

    private static async Task PushedPeriodAsync(KooGateHost host, string instanceId, decimal value)
    {
        var now = host.Clock.GetUtcNow();
        await using var db = host.OpenDb();
        db.UsagePeriods.Add(new UsagePeriod
        {
            InstanceId = instanceId,
            BeginTime = now.AddHours(-2),
            EndTime = now.AddHours(-1),
            Value = value,
            EntryCount = 1,
            MeteringSn = "sn-" + instanceId,
            Status = UsagePeriodStatus.Pushed,
            CreatedAt = now,
            PushedAt = now,
        });
        await db.SaveChangesAsync();
    }

    private static async Task ReportAsync(KooGateHost host, string instanceId, decimal value)
    {
        var records = new[] { new { recordId = instanceId + "-open", instanceId, usageTime = host.Clock.GetUtcNow(), value } };
        var (status, body) = await new AdminClient(host).PostAsync("/admin/api/usage", new { records });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
    }
}
