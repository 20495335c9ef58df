using KooGate.Protocol;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.KitV2;

public abstract class TenantSyncTests : IDisposable
{
    /// <summary>The V2 doc example body (joint §5.1).</summary>
    private const string DocExample = """{"instanceId":"huaiweitest123456","orderId":"CS1906666666ABCDE","tenantId":"68cbc86abc2018ab880d92f36422fa0e","tenantCode":"huawei","name":"huaiweitest","domainName":"https://example.tenantaccount.com","flag":1,"testFlag":0,"timeStamp":"20220413093539534"}""";

    private readonly KooGateHost _host;
    private readonly DatabaseKind _database;
    private readonly MarketplaceClient _marketplace;

    protected TenantSyncTests(DatabaseKind database)
    {
        _database = database;
        _host = new KooGateHost(database);
        _marketplace = new MarketplaceClient(_host);
    }

    public void Dispose() => _host.Dispose();

    private object Tenant(int flag, string name = "Acme", string instanceId = "inst-1", int testFlag = 0) => new
    {
        instanceId,
        orderId = "CS1906666666ABCDE",
        tenantId = "tenant-1",
        tenantCode = "acme",
        name,
        domainName = "https://acme.example.com",
        flag,
        testFlag,
        timeStamp = KooTime.ToChina17(_host.Clock.GetUtcNow()),
    };

    [Fact]
    public async Task Doc_example_is_accepted_and_stored()
    {
        var reply = await _marketplace.KitAsync("tenantSync", DocExample);
        Assert.True(reply.ResultCode == "000000", reply.Body);
        using var db = _host.OpenDb();
        var tenant = await db.KitTenants.SingleAsync();
        Assert.Equal(("huaiweitest123456", "68cbc86abc2018ab880d92f36422fa0e", "huawei", "https://example.tenantaccount.com"),
            (tenant.InstanceId, tenant.TenantId, tenant.TenantCode, tenant.DomainName));
        Assert.False(tenant.Deleted);
    }

    [Fact]
    public async Task A_timeStamp_within_its_documented_20_characters_is_refused_for_its_format_and_a_longer_one_for_its_length()
    {
        var malformed = await _marketplace.KitAsync("tenantSync", DocExample.Replace("\"20220413093539534\"", "\"202204130935395340\"", StringComparison.Ordinal));
        var tooLong = await _marketplace.KitAsync("tenantSync", DocExample.Replace("\"20220413093539534\"", "\"202204130935395340000\"", StringComparison.Ordinal));

        Assert.Equal(("000002", "000002"), (malformed.ResultCode, tooLong.ResultCode));
        Assert.Contains("timeStamp must be yyyyMMddHHmmssSSS", malformed.ResultMsg, StringComparison.Ordinal);
        Assert.Contains("timeStamp is longer than 20 characters", tooLong.ResultMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_add_keeps_one_row_and_modify_updates_it()
    {
        Assert.Equal("000000", (await _marketplace.KitAsync("tenantSync", Tenant(1))).ResultCode);
        Assert.Equal("000000", (await _marketplace.KitAsync("tenantSync", Tenant(1))).ResultCode);
        Assert.Equal("000000", (await _marketplace.KitAsync("tenantSync", Tenant(2, name: "Acme Renamed"))).ResultCode);
        using var db = _host.OpenDb();
        var tenant = await db.KitTenants.SingleAsync();
        Assert.Equal("Acme Renamed", tenant.Name);
    }

    [Fact]
    public async Task Delete_marks_deleted_and_repeats_and_unknown_tenants_succeed()
    {
        await _marketplace.KitAsync("tenantSync", Tenant(1));
        Assert.Equal("000000", (await _marketplace.KitAsync("tenantSync", Tenant(0))).ResultCode);
        Assert.Equal("000000", (await _marketplace.KitAsync("tenantSync", Tenant(0))).ResultCode);
        Assert.Equal("000000", (await _marketplace.KitAsync("tenantSync", Tenant(0, instanceId: "never-created"))).ResultCode);
        using var db = _host.OpenDb();
        Assert.True((await db.KitTenants.SingleAsync()).Deleted);
    }

    [Fact]
    public async Task Delete_carrying_only_the_keys_is_accepted()
    {
        await _marketplace.KitAsync("tenantSync", Tenant(1));
        var reply = await _marketplace.KitAsync("tenantSync", new
        {
            instanceId = "inst-1",
            orderId = "CS1906666666ABCDE",
            tenantId = "tenant-1",
            flag = 0,
            testFlag = 0,
            timeStamp = KooTime.ToChina17(_host.Clock.GetUtcNow()),
        });

        Assert.True(reply.ResultCode == "000000", reply.Body);
        using var db = _host.OpenDb();
        Assert.True((await db.KitTenants.SingleAsync()).Deleted);
    }

    [Fact]
    public async Task Add_without_tenantCode_answers_000002_naming_it()
    {
        var reply = await _marketplace.KitAsync("tenantSync", """{"instanceId":"i","orderId":"o","tenantId":"t","name":"n","domainName":"d","flag":1,"testFlag":0,"timeStamp":"20220413093539534"}""");

        Assert.Equal("000002", reply.ResultCode);
        Assert.Contains("tenantCode is missing", reply.ResultMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_instance_id_on_credential_application_is_accepted()
    {
        var reply = await _marketplace.KitAsync("tenantSync", new
        {
            instanceId = "",
            orderId = "",
            tenantId = "tenant-c",
            tenantCode = "c",
            name = "C",
            domainName = "https://c.example.com",
            flag = 1,
            testFlag = 0,
            timeStamp = "20220413093539534",
        });
        Assert.Equal("000000", reply.ResultCode);
        using var db = _host.OpenDb();
        Assert.Equal("", (await db.KitTenants.SingleAsync()).InstanceId);
    }

    [Fact]
    public async Task Wrong_kit_key_answers_000001()
    {
        Assert.Equal("000001", (await _marketplace.KitAsync("tenantSync", Tenant(1), key: TestKeys.Basic)).ResultCode);
        using var db = _host.OpenDb();
        Assert.Equal(0, await db.KitTenants.CountAsync());
    }

    [Theory]
    [InlineData("""{"instanceId":"i","orderId":"o","tenantCode":"c","name":"n","domainName":"d","flag":1,"testFlag":0,"timeStamp":"20220413093539534"}""", "tenantId")]
    [InlineData("""{"orderId":"o","tenantId":"t","tenantCode":"c","name":"n","domainName":"d","flag":1,"testFlag":0,"timeStamp":"20220413093539534"}""", "instanceId")]
    [InlineData("""{"instanceId":"i","orderId":"o","tenantId":"t","tenantCode":"c","name":"n","domainName":"d","flag":7,"testFlag":0,"timeStamp":"20220413093539534"}""", "flag")]
    [InlineData("""{"instanceId":"i","orderId":"o","tenantId":"t","tenantCode":"c","name":"n","domainName":"d","flag":1,"testFlag":0,"timeStamp":"2022-04-13"}""", "timeStamp")]
    public async Task Bad_field_answers_000002_naming_it(string body, string field)
    {
        var reply = await _marketplace.KitAsync("tenantSync", body);
        Assert.Equal("000002", reply.ResultCode);
        Assert.Contains(field, reply.ResultMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_flag_writes_nothing()
    {
        Assert.Equal("000000", (await _marketplace.KitAsync("tenantSync", Tenant(1, testFlag: 1))).ResultCode);
        using var db = _host.OpenDb();
        Assert.Equal(0, await db.KitTenants.CountAsync());
    }
}

public sealed class TenantSyncOnSqlite() : TenantSyncTests(DatabaseKind.Sqlite);

public sealed class TenantSyncOnPostgres() : TenantSyncTests(DatabaseKind.Postgres);
