using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.Reliability;

public sealed class InstanceConcurrencyTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Of_two_concurrent_changes_to_one_instance_the_second_writer_fails_instead_of_overwriting(DatabaseKind database)
    {
        using var host = new KooGateHost(database);
        var marketplace = new MarketplaceClient(host);
        Assert.Equal("000000", (await marketplace.PostAsync(new { activity = "newInstance", businessId = "biz-race", orderId = "o-race", orderLineId = "l" })).ResultCode);

        // A release and a freeze that both read the instance while it was active.
        await using var release = host.OpenDb();
        await using var freeze = host.OpenDb();
        var released = await release.Instances.SingleAsync(i => i.InstanceId == "biz-race");
        var frozen = await freeze.Instances.SingleAsync(i => i.InstanceId == "biz-race");
        released.State = InstanceState.Released;
        frozen.State = InstanceState.Frozen;
        await release.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => freeze.SaveChangesAsync());

        await using var check = host.OpenDb();
        Assert.Equal(InstanceState.Released, (await check.Instances.SingleAsync(i => i.InstanceId == "biz-race")).State);

        // The marketplace's retry of the freeze now sees the release and changes nothing.
        Assert.Equal("000000", (await marketplace.PostAsync(new { activity = "updateInstanceStatus", instanceId = "biz-race", status = "FREEZE" })).ResultCode);
        await using var after = host.OpenDb();
        Assert.Equal(InstanceState.Released, (await after.Instances.SingleAsync(i => i.InstanceId == "biz-race")).State);
    }
}
