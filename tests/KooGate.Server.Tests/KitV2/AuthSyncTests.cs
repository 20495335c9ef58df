using System.Text.Json;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.KitV2;

public abstract class AuthSyncTests : IDisposable
{
    private static readonly object[] Users =
    [
        new { userName = "zhangsan01", name = "张三", orgCode = "123456789", role = "admin", enable = "true", position = "系统管理员", employeeCode = "", mobile = "13800000000", email = "z@example.com", employeeType = 1, workPlace = "南京", entryDate = "2022-11-9" },
        new { userName = "lisi02", name = "李四", orgCode = "123456789", role = "user", enable = "false", extension = new { entryDate = "2023-1-2", employeeType = "4", workPlace = "深圳" } },
    ];

    private readonly KooGateHost _host;
    private readonly DatabaseKind _database;
    private readonly MarketplaceClient _marketplace;

    protected AuthSyncTests(DatabaseKind database)
    {
        _database = database;
        _host = new KooGateHost(database);
        _marketplace = new MarketplaceClient(_host);
    }

    public void Dispose() => _host.Dispose();

    private static object Auth(object userList, int flag, int testFlag = 0) => new
    {
        instanceId = "inst-1",
        tenantId = "tenant-1",
        appId = "app-1",
        userList,
        currentSyncTime = "20220413093539534",
        flag,
        testFlag,
        timeStamp = "20220413093539534",
    };

    [Fact]
    public async Task Array_form_adds_users_with_flat_and_nested_extension_fields()
    {
        var reply = await _marketplace.KitAsync("authSync", Auth(Users, 1));
        Assert.True(reply.ResultCode == "000000", reply.Body);
        Assert.Equal("000000", (await _marketplace.KitAsync("authSync", Auth(Users, 1))).ResultCode);
        using var db = _host.OpenDb();
        var users = await db.KitUsers.OrderBy(u => u.UserName).ToListAsync();
        Assert.Equal(["lisi02", "zhangsan01"], users.Select(u => u.UserName));
        Assert.All(users, u => Assert.True(u.Authorized));
        Assert.Equal((4, "深圳", "2023-1-2", false, "user"), (users[0].EmployeeType, users[0].WorkPlace, users[0].EntryDate, users[0].Enabled, users[0].Role));
        Assert.Equal((1, "南京", true, "admin"), (users[1].EmployeeType, users[1].WorkPlace, users[1].Enabled, users[1].Role));
    }

    [Fact]
    public async Task String_form_is_accepted_and_flag_3_revokes_authorisation()
    {
        Assert.Equal("000000", (await _marketplace.KitAsync("authSync", Auth(JsonSerializer.Serialize(Users), 1))).ResultCode);
        var revoke = await _marketplace.KitAsync("authSync", Auth(JsonSerializer.Serialize(new[] { Users[0] }), 3));
        Assert.True(revoke.ResultCode == "000000", revoke.Body);
        using var db = _host.OpenDb();
        var users = await db.KitUsers.OrderBy(u => u.UserName).ToListAsync();
        Assert.True(users[0].Authorized);
        Assert.False(users[1].Authorized);
        Assert.False(users[1].Deleted);
    }

    [Fact]
    public async Task Delete_marks_deleted_repeats_and_unknown_users_succeed()
    {
        await _marketplace.KitAsync("authSync", Auth(Users, 1));
        Assert.Equal("000000", (await _marketplace.KitAsync("authSync", Auth(new[] { new { userName = "zhangsan01" } }, 0))).ResultCode);
        Assert.Equal("000000", (await _marketplace.KitAsync("authSync", Auth(new[] { new { userName = "zhangsan01" }, new { userName = "ghost" } }, 0))).ResultCode);
        using var db = _host.OpenDb();
        Assert.Equal(2, await db.KitUsers.CountAsync());
        Assert.True((await db.KitUsers.SingleAsync(u => u.UserName == "zhangsan01")).Deleted);
    }

    [Theory]
    [InlineData("role", "boss")]
    [InlineData("enable", "yes")]
    public async Task Bad_user_field_answers_000002_naming_it(string field, string value)
    {
        var user = new Dictionary<string, object> { ["userName"] = "u", ["name"] = "n", ["orgCode"] = "o", ["role"] = "user", ["enable"] = "true" };
        user[field] = value;
        var reply = await _marketplace.KitAsync("authSync", Auth(new[] { user }, 1));
        Assert.Equal("000002", reply.ResultCode);
        Assert.Contains("userList[0]." + field, reply.ResultMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_500_users_answers_000002()
    {
        var users = Enumerable.Range(0, 501).Select(i => new { userName = $"u{i}", name = "n", orgCode = "o", role = "user", enable = "true" }).ToArray();
        var reply = await _marketplace.KitAsync("authSync", Auth(users, 1));
        Assert.Equal("000002", reply.ResultCode);
        Assert.Contains("userList", reply.ResultMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_flag_writes_nothing()
    {
        Assert.Equal("000000", (await _marketplace.KitAsync("authSync", Auth(Users, 1, testFlag: 1))).ResultCode);
        using var db = _host.OpenDb();
        Assert.Equal(0, await db.KitUsers.CountAsync());
    }
}

public sealed class AuthSyncOnSqlite() : AuthSyncTests(DatabaseKind.Sqlite);

public sealed class AuthSyncOnPostgres() : AuthSyncTests(DatabaseKind.Postgres);
