using KooGate.Protocol.Signing;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;

namespace KooGate.Server.Tests.Reliability;

/// <summary>
/// Rotating the basic accessKey as an operator does it, through <c>KooGate__Keys__Basic</c>: during the overlap
/// (<c>new,old</c>) calls signed with either key are accepted and each reply's <c>Body-Sign</c> uses the key that
/// signed the call; once the old key is removed (<c>new</c>), calls signed with it get 000001.
/// </summary>
public sealed class KeyRotationTests
{
    [Fact]
    public async Task Both_keys_work_during_the_overlap_and_the_old_one_is_refused_after_it()
    {
        using var database = new RealServer(DatabaseKind.Sqlite);
        var oldKey = RealServer.NewKey();
        var newKey = RealServer.NewKey();
        using var http = RealClockMarketplace.NewHttpClient();
        var marketplace = new RealClockMarketplace(http);

        using (var overlap = await database.StartAsync($"{newKey},{oldKey}"))
        {
            var withOld = await marketplace.PostAsync(overlap.BaseAddress, oldKey, RealClockMarketplace.NewInstance("ROTATE-OLD", "rotate-old"));
            var withNew = await marketplace.PostAsync(overlap.BaseAddress, newKey, RealClockMarketplace.NewInstance("ROTATE-NEW", "rotate-new"));
            var withOther = await marketplace.PostAsync(overlap.BaseAddress, RealServer.NewKey(), RealClockMarketplace.NewInstance("ROTATE-X", "rotate-x"));

            Assert.True(withOld.ResultCode == "000000", withOld.Body);
            Assert.True(withNew.ResultCode == "000000", withNew.Body);
            Assert.Equal("000001", withOther.ResultCode);
            Assert.True(BodySign.Verify(oldKey, BodySignOf(withOld), System.Text.Encoding.UTF8.GetBytes(withOld.Body)));
            Assert.False(BodySign.Verify(newKey, BodySignOf(withOld), System.Text.Encoding.UTF8.GetBytes(withOld.Body)));
            Assert.True(BodySign.Verify(newKey, BodySignOf(withNew), System.Text.Encoding.UTF8.GetBytes(withNew.Body)));
        }

        using var rotated = await database.StartAsync(newKey);
        var oldAfter = await marketplace.PostAsync(rotated.BaseAddress, oldKey, RealClockMarketplace.NewInstance("ROTATE-LATE", "rotate-late"));
        Assert.Equal("000001", oldAfter.ResultCode);
        // What was created with the old key is still there for calls signed with the new one.
        var query = await marketplace.PostAsync(rotated.BaseAddress, newKey, new { activity = "queryInstance", instanceId = "rotate-old" });
        Assert.True(query.ResultCode == "000000", query.Body);
        Assert.Equal("rotate-old", query.Json.GetProperty("info")[0].GetProperty("instanceId").GetString());
        Assert.DoesNotContain(await database.InstancesAsync(), i => i.OrderId is "ROTATE-X" or "ROTATE-LATE");
    }

    private static string? BodySignOf(ProduceReply reply) =>
        reply.Http.Headers.TryGetValues(BodySign.HeaderName, out var values) ? values.Single() : null;
}
