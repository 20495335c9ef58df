using System.Security.Cryptography;
using KooGate.Protocol;
using KooGate.Protocol.Crypto;
using KooGate.Server.Configuration;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KooGate.Server.Tests.KitV2;

public abstract class ApplicationSyncTests : IDisposable
{
    private readonly RSA _rsa = RSA.Create(3072);
    private readonly string _pemPath = Path.Combine(Path.GetTempPath(), $"koogate-kit-{Guid.NewGuid():N}.pem");
    private readonly KooGateHost _host;
    private readonly DatabaseKind _database;
    private readonly MarketplaceClient _marketplace;

    protected ApplicationSyncTests(DatabaseKind database)
    {
        _database = database;
        File.WriteAllText(_pemPath, _rsa.ExportPkcs8PrivateKeyPem());
        _host = new KooGateHost(database, settings: new Dictionary<string, string?> { ["KooGate:RsaPrivateKeyPath"] = _pemPath });
        _marketplace = new MarketplaceClient(_host);
    }

    public void Dispose()
    {
        _host.Dispose();
        _rsa.Dispose();
        File.Delete(_pemPath);
    }

    private object Application(string clientSecret, int flag = 1, int testFlag = 0) => new
    {
        instanceId = "inst-1",
        tenantId = "tenant-1",
        appId = "app-1",
        clientId = "client-1",
        clientSecret,
        flag,
        testFlag,
        timeStamp = KooTime.ToChina17(_host.Clock.GetUtcNow()),
    };

    public static TheoryData<string> Paddings => ["SHA256", "SHA1"];

    [Theory]
    [MemberData(nameof(Paddings))]
    public async Task Secret_is_decrypted_and_stored_protected(string hash)
    {
        var padding = hash == "SHA1" ? RSAEncryptionPadding.OaepSHA1 : RSAEncryptionPadding.OaepSHA256;
        var encrypted = ClientSecretCipher.Encrypt(_rsa, "s3cret-value", padding);
        var reply = await _marketplace.KitAsync("applicationSync", Application(encrypted));
        Assert.True(reply.ResultCode == "000000", reply.Body);
        Assert.Equal("000000", (await _marketplace.KitAsync("applicationSync", Application(encrypted))).ResultCode);

        using var db = _host.OpenDb();
        var application = await db.KitApplications.SingleAsync();
        Assert.Equal("client-1", application.ClientId);
        Assert.NotNull(application.ProtectedClientSecret);
        Assert.DoesNotContain("s3cret-value", application.ProtectedClientSecret, StringComparison.Ordinal);
        Assert.Equal("s3cret-value", _host.Services.GetRequiredService<SecretProtector>().Unprotect(application.ProtectedClientSecret));
        Assert.DoesNotContain(await db.CallbackLogs.Select(l => l.RequestBody).ToListAsync(), b => b!.Contains(encrypted, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Garbage_secret_answers_000101()
    {
        var reply = await _marketplace.KitAsync("applicationSync", Application("bm90LWVuY3J5cHRlZA=="));
        Assert.Equal("000101", reply.ResultCode);
        Assert.Equal("something wrong with appSecret", reply.ResultMsg);
        Assert.Equal("000101", (await _marketplace.KitAsync("applicationSync", Application("%%%not base64"))).ResultCode);
        using var db = _host.OpenDb();
        Assert.Equal(0, await db.KitApplications.CountAsync());
    }

    [Fact]
    public async Task Debug_call_checks_decryption_but_writes_nothing()
    {
        var encrypted = ClientSecretCipher.Encrypt(_rsa, "typed-on-page", RSAEncryptionPadding.OaepSHA256);
        Assert.Equal("000000", (await _marketplace.KitAsync("applicationSync", Application(encrypted, testFlag: 1))).ResultCode);
        Assert.Equal("000101", (await _marketplace.KitAsync("applicationSync", Application("AAAA", testFlag: 1))).ResultCode);
        using var db = _host.OpenDb();
        Assert.Equal(0, await db.KitApplications.CountAsync());
    }

    [Fact]
    public async Task Delete_marks_deleted_and_repeats_succeed()
    {
        var encrypted = ClientSecretCipher.Encrypt(_rsa, "x", RSAEncryptionPadding.OaepSHA256);
        await _marketplace.KitAsync("applicationSync", Application(encrypted));
        Assert.Equal("000000", (await _marketplace.KitAsync("applicationSync", Application(encrypted, flag: 0))).ResultCode);
        Assert.Equal("000000", (await _marketplace.KitAsync("applicationSync", Application(encrypted, flag: 0))).ResultCode);
        using var db = _host.OpenDb();
        Assert.True((await db.KitApplications.SingleAsync()).Deleted);
    }

    [Fact]
    public async Task Without_a_configured_key_every_secret_answers_000101()
    {
        using var host = new KooGateHost(_database);
        var encrypted = ClientSecretCipher.Encrypt(_rsa, "x", RSAEncryptionPadding.OaepSHA256);
        var reply = await new MarketplaceClient(host).KitAsync("applicationSync", new
        {
            instanceId = "i",
            tenantId = "t",
            appId = "a",
            clientId = "c",
            clientSecret = encrypted,
            flag = 1,
            testFlag = 0,
            timeStamp = "20220413093539534",
        });
        Assert.Equal("000101", reply.ResultCode);
    }
}

public sealed class ApplicationSyncOnSqlite() : ApplicationSyncTests(DatabaseKind.Sqlite);

public sealed class ApplicationSyncOnPostgres() : ApplicationSyncTests(DatabaseKind.Postgres);
