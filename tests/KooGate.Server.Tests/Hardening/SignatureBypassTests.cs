using System.Text;
using KooGate.Protocol;
using KooGate.Protocol.Json;
using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.Hardening;

/// <summary>
/// A signature covers exactly what KooGate acts on (README decisions 2 and 13): captured calls rewritten with a
/// repeated key or an appended null are refused with 000001 before anything else, in every family, and still logged.
/// </summary>
public sealed class SignatureBypassTests : IDisposable
{
    private readonly KooGateHost _host = new();
    private readonly MarketplaceClient _marketplace;
    private readonly V1MarketplaceClient _v1;
    private readonly TamperingMarketplace _attacker;

    public SignatureBypassTests()
    {
        _marketplace = new MarketplaceClient(_host);
        _v1 = new V1MarketplaceClient(_host);
        _attacker = new TamperingMarketplace(_host);
    }

    public void Dispose() => _host.Dispose();

    /// <summary>The one callback-log entry: it is committed just after the answer is sent.</summary>
    private static async Task<Data.CallbackLog> LoggedAsync(Data.KooGateDbContext db)
    {
        await Eventually.UntilAsync(() => db.CallbackLogs.AnyAsync(), "the callback log entry");
        return await db.CallbackLogs.AsNoTracking().SingleAsync();
    }

    private string ChinaNow(TimeSpan offset = default) => KooTime.ToChina17(_host.Clock.GetUtcNow() + offset);

    [Fact]
    public async Task A_day_old_kit_v1_add_replayed_with_a_delete_and_a_fresh_timestamp_appended_is_refused()
    {
        static string Tenant(int flag, string timeStamp) =>
            $$"""{"instanceId":"inst-1","orderId":"order-1","tenantId":"tenant-1","tenantCode":"acme","name":"Acme","domainName":"https://acme.example.com","flag":{{flag}},"testFlag":0,"timeStamp":"{{timeStamp}}"}""";
        Assert.Equal("000000", (await _v1.KitAsync("tenantSync", Tenant(1, ChinaNow()))).ResultCode);

        var captured = Tenant(1, ChinaNow(TimeSpan.FromDays(-1)));
        var rewritten = captured[..^1] + $$""","flag":0,"timeStamp":"{{ChinaNow()}}"}""";
        var reply = await _attacker.KitV1Async("tenantSync", captured, rewritten);

        Assert.Equal("000001", reply.ResultCode);
        Assert.Contains("more than once", reply.ResultMsg, StringComparison.Ordinal);
        V1MarketplaceClient.AssertBodySigned(reply);
        await using var db = _host.OpenDb();
        Assert.False((await db.KitTenants.AsNoTracking().SingleAsync()).Deleted);
    }

    [Fact]
    public async Task A_signed_debug_release_with_a_null_test_flag_appended_does_not_release_the_real_instance()
    {
        var created = await _marketplace.PostAsync(new { activity = "newInstance", businessId = "live-1", orderId = "ORDER-1", orderLineId = "ORDER-1-000001" });
        Assert.Equal("000000", created.ResultCode);

        // Signed in the canonical form, so the raw bytes differ and the canonical fallback is what gets tried.
        var debugRelease = CanonicalJson.Canonicalize("""{"activity":"releaseInstance","instanceId":"live-1","testFlag":"1"}""")!;
        var rewritten = """{"activity":"releaseInstance", "instanceId":"live-1", "testFlag":"1", "testFlag":null}""";
        var reply = await _attacker.PostAsync(debugRelease, rewritten);

        Assert.Equal("000001", reply.ResultCode);
        await using var db = _host.OpenDb();
        Assert.NotEqual(InstanceState.Released, (await db.Instances.AsNoTracking().SingleAsync(i => i.InstanceId == "live-1")).State);
    }

    [Fact]
    public async Task A_new_member_with_a_null_value_is_not_covered_by_the_canonical_fallback()
    {
        var signed = CanonicalJson.Canonicalize("""{"activity":"queryInstance","instanceId":"x"}""")!;
        var reply = await _attacker.PostAsync(signed, """{"activity":"queryInstance", "instanceId":"x", "testFlag":null}""");
        Assert.Equal(("000001", "signature is invalid"), (reply.ResultCode, reply.ResultMsg));
    }

    /// <summary>Every POST family, signed correctly over a body that repeats a key (escaped or not).</summary>
    [Theory]
    [InlineData("basic", """{"activity":"queryInstance","instanceId":"a","instanceId":"b"}""")]
    [InlineData("basic", """{"activity":"queryInstance","instanceId":"a","instance\u0049d":"b"}""")]
    [InlineData("basic", """{"activity":"newInstance","businessId":"b","orderId":"o","orderLineId":"l","testFlag":"1","t\u0065stFlag":"0"}""")]
    [InlineData("license", """{"activity":"refreshLicenseCode","instanceId":"a","orderId":"o","orderId":"p"}""")]
    [InlineData("license", """{"activity":"getLicenseAsync","instanceId":"a","eventId":"e","eventId":"f"}""")]
    [InlineData("general", """{"activity":"orderNotify","orderId":"o","orderLineId":"l","orderId":"p"}""")]
    [InlineData("kit", """{"instanceId":"i","orderId":"o","tenantId":"t","tenantCode":"c","name":"n","domainName":"d","flag":1,"flag":0,"testFlag":0,"timeStamp":"20220413093539534"}""")]
    [InlineData("kit", """{"instanceId":"i","orderId":"o","tenantId":"t","tenantCode":"c","name":"n","domainName":"d","flag":1,"testFlag":0,"timeStamp":"20220413093539534","extra":{"a":1,"a":2}}""")]
    public async Task A_signed_body_with_a_repeated_key_is_refused_in_every_post_family(string family, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var reply = family switch
        {
            "kit" => await _attacker.KitAsync("tenantSync", bytes, bytes),
            "license" => await _attacker.PostAsync(bytes, bytes, TestKeys.License),
            "general" => await _attacker.PostAsync(bytes, bytes, TestKeys.General),
            _ => await _attacker.PostAsync(bytes, bytes),
        };

        Assert.Equal("000001", reply.ResultCode);
        Assert.Contains("more than once", reply.ResultMsg, StringComparison.Ordinal);
        await using var db = _host.OpenDb();
        Assert.Empty(await db.Instances.ToListAsync());
        Assert.Empty(await db.KitTenants.ToListAsync());
        Assert.Empty(await db.Orders.ToListAsync());
        var logged = await LoggedAsync(db);
        Assert.Equal("000001", logged.ResultCode);
        Assert.Contains("more than once", logged.Verdict, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("releaseInstance", "instanceId", "instanceId")]
    [InlineData("releaseInstance", "instanceId", "instance%49d")]
    [InlineData("getLicense", "orderId", "orderId")]
    public async Task A_v1_get_with_a_repeated_parameter_is_refused(string activity, string name, string repeatedAs)
    {
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("activity", activity), new(name, "first"), new("businessId", "b"), new("productId", "p"), new("customerId", "c"),
        };
        var reply = await _attacker.GetAsync(parameters);
        Assert.NotEqual("000001", reply.ResultCode);

        var query = $"activity={activity}&{name}=first&businessId=b&productId=p&customerId=c&timeStamp={KooTime.ToUtc17(_host.Clock.GetUtcNow())}";
        var token = Protocol.Signing.AuthToken.Compute(TestKeys.V1, Protocol.Signing.QueryString.Parse(query, plusAsSpace: false));
        var response = await _host.Http.GetAsync($"/produce?{query}&{repeatedAs}=second&authToken={Uri.EscapeDataString(token)}");
        var repeated = new ProduceReply(response, await response.Content.ReadAsStringAsync());

        Assert.Equal("000001", repeated.ResultCode);
        V1MarketplaceClient.AssertBodySigned(repeated);
    }

    [Fact]
    public async Task Invalid_utf8_inside_a_signed_kit_string_answers_000002()
    {
        byte[] body =
        [
            .. """{"instanceId":"i","orderId":"o","tenantId":"t","tenantCode":"c","name":"x"""u8, 0xC3, 0x28,
            .. """y","domainName":"d","flag":1,"testFlag":0,"timeStamp":"20220413093539534"}"""u8,
        ];
        var reply = await _attacker.KitAsync("tenantSync", body, body);
        Assert.Equal("000002", reply.ResultCode);
    }

    [Fact]
    public async Task A_business_id_reused_for_another_order_answers_000002()
    {
        Assert.Equal("000000", (await _marketplace.PostAsync(new { activity = "newInstance", businessId = "biz-1", orderId = "ORDER-A", orderLineId = "ORDER-A-1" })).ResultCode);
        var reused = await _marketplace.PostAsync(new { activity = "newInstance", businessId = "biz-1", orderId = "ORDER-B", orderLineId = "ORDER-B-1" });
        Assert.Equal("000002", reused.ResultCode);
        Assert.Contains("businessId", reused.ResultMsg, StringComparison.Ordinal);
    }
}
