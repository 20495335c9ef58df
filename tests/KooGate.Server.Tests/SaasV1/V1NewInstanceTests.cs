using System.Text.Json;
using KooGate.Protocol.Crypto;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.SaasV1;

public sealed class V1NewInstanceTests
{
    internal static List<KeyValuePair<string, string?>> Create(string businessId, string orderId = "CS1906666666ABCDE", string? testFlag = null, params (string Name, string Value)[] extra)
    {
        List<KeyValuePair<string, string?>> list =
        [
            new("activity", "newInstance"),
            new("businessId", businessId),
            new("customerId", "68cbc86abc2018ab880d92f36422fa0e"),
            new("orderId", orderId),
            new("productId", "00301-666666-0--0"),
            new("skuCode", "sku-basic"),
        ];
        if (testFlag is not null)
        {
            list.Add(new("testFlag", testFlag));
        }

        list.AddRange(extra.Select(e => new KeyValuePair<string, string?>(e.Name, e.Value)));
        return list;
    }

    [Theory]
    [InlineData(256, "1", EncryptType.Aes256)]
    [InlineData(128, "2", EncryptType.Aes128)]
    public async Task Stores_every_field_decrypts_contacts_and_answers_app_info_encrypted_per_encrypt_type(int bits, string wire, EncryptType type)
    {
        using var host = new KooGateHost(settings: new Dictionary<string, string?> { ["KooGate:V1:EncryptionBits"] = bits.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var marketplace = new V1MarketplaceClient(host);
        // The marketplace encrypts the contacts; which key size it uses is unstated, so both are sent here (§2.4).
        var mobile = FieldCipher.Encrypt(TestKeys.V1, "13800000000", EncryptType.Aes256);
        var email = FieldCipher.Encrypt(TestKeys.V1, "buyer@example.com", EncryptType.Aes128);
        var extend = ExtendParamsCodec.Encode([new ExtendParam { Name = "identificationCode", Value = "ID-42" }]);

        var reply = await marketplace.GetAsync(Create("biz-1", extra:
        [
            ("customerName", "Buyer Ltd"), ("userId", "iam-1"), ("userName", "iam-user"), ("mobilePhone", mobile), ("email", email),
            ("chargingMode", "1"), ("periodType", "year"), ("periodNumber", "2"), ("expireTime", "20300727153156"), ("amount", "30"),
            ("diskSize", "100"), ("bandWidth", "5"), ("orderAmount", "99.500"), ("trialFlag", "1"), ("saasExtendParams", extend),
        ]));

        Assert.True(reply.ResultCode == "000000", reply.Body);
        V1MarketplaceClient.AssertBodySigned(reply);
        Assert.Equal(wire, reply.Get("encryptType"));
        Assert.Equal("biz-1", reply.Get("instanceId"));
        var appInfo = reply.Json.GetProperty("appInfo");
        Assert.StartsWith("https://app.example.com/biz-1", appInfo.GetProperty("frontEndUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal("admin", FieldCipher.Decrypt(TestKeys.V1, appInfo.GetProperty("userName").GetString()!, type));
        var password = FieldCipher.Decrypt(TestKeys.V1, appInfo.GetProperty("password").GetString()!, type);
        Assert.Throws<FieldCipherException>(() => FieldCipher.Decrypt(TestKeys.V1, appInfo.GetProperty("password").GetString()!,
            type == EncryptType.Aes256 ? EncryptType.Aes128 : EncryptType.Aes256));

        using var db = host.OpenDb();
        var instance = await db.Instances.SingleAsync();
        Assert.Equal(("00301-666666-0--0", "sku-basic", "PERIOD", InstanceState.Active), (instance.ProductId, instance.SkuCode, instance.ChargingMode, instance.State));
        Assert.Equal(new DateTimeOffset(2030, 7, 27, 15, 31, 56, TimeSpan.Zero), instance.ExpireTime);
        var protector = new SecretProtector(Convert.ToBase64String(new byte[32]));
        Assert.Equal(password, protector.Unprotect(instance.ProtectedPassword!));
        var purchase = await db.Set<InstancePurchase>().SingleAsync();
        Assert.Equal(("68cbc86abc2018ab880d92f36422fa0e", "Buyer Ltd", "iam-1", "iam-user"), (purchase.CustomerId, purchase.CustomerName, purchase.UserId, purchase.UserName));
        Assert.Equal("13800000000", protector.Unprotect(purchase.ProtectedMobilePhone!));
        Assert.Equal("buyer@example.com", protector.Unprotect(purchase.ProtectedEmail!));
        Assert.Equal(("year", 2, 30, 100, 5, "99.500", true), (purchase.PeriodType, purchase.PeriodNumber, purchase.Amount, purchase.DiskSize, purchase.BandWidth, purchase.OrderAmount, purchase.Trial));
        var extendParams = JsonDocument.Parse(purchase.ExtendParamsJson!).RootElement[0];
        Assert.Equal(("identificationCode", "ID-42"), (extendParams.GetProperty("name").GetString(), extendParams.GetProperty("value").GetString()));
        Assert.Equal(30m, purchase.LinearValue);
        // V1 carries the order details itself: the order is recorded from the call, no 查询订单 fetch is queued.
        var order = await db.Orders.SingleAsync();
        Assert.Equal((OrderFetchStatus.FromCall, "68cbc86abc2018ab880d92f36422fa0e", 30m, "trial"), (order.Status, order.CustomerId, order.LinearValue, order.Kind));
    }

    [Fact]
    public async Task Retries_with_new_business_ids_return_the_first_instance_and_contacts_never_reach_the_log()
    {
        using var host = new KooGateHost();
        var marketplace = new V1MarketplaceClient(host);
        var mobile = FieldCipher.Encrypt(TestKeys.V1, "13800000000");
        var first = await marketplace.GetAsync(Create("biz-a", extra: ("mobilePhone", mobile)));
        var retry = await marketplace.GetAsync(Create("biz-b", extra: ("mobilePhone", mobile)));
        Assert.Equal(("000000", "biz-a"), (first.ResultCode, first.Get("instanceId")));
        Assert.Equal(("000000", "biz-a"), (retry.ResultCode, retry.Get("instanceId")));
        // Pay-per-use: another product of the same order is another instance (§3.1).
        var second = await marketplace.GetAsync(Create("biz-c").Select(p => p.Key == "productId" ? new KeyValuePair<string, string?>("productId", "00301-666666-0--1") : p));
        Assert.Equal("biz-c", second.Get("instanceId"));

        using var db = host.OpenDb();
        Assert.Equal(2, await db.Instances.CountAsync());
        Assert.Equal(2, await db.Set<InstancePurchase>().CountAsync());
        var logs = await db.CallbackLogs.ToListAsync();
        Assert.All(logs, l => Assert.Equal(("saas-v1", "GET"), (l.Family, l.Method)));
        Assert.All(logs, l => Assert.DoesNotContain(Uri.EscapeDataString(mobile), l.Query!, StringComparison.Ordinal));
        Assert.All(logs, l => Assert.Contains("authToken=***", l.Query!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_refusal_is_signed_bad_token_wrong_key_stale_time_unknown_activity_missing_field_and_undecryptable_contact()
    {
        using var host = new KooGateHost();
        var marketplace = new V1MarketplaceClient(host);

        var tampered = await marketplace.GetAsync(Create("b1"), tamperToken: t => (t[0] == 'A' ? "B" : "A") + t[1..]);
        var wrongKey = await marketplace.GetAsync(Create("b2"), key: "not-the-key");
        var stale = await marketplace.GetAsync(Create("b3"), at: host.Clock.GetUtcNow().AddHours(-1));
        var unknown = await marketplace.GetAsync([new("activity", "makeCoffee")]);
        var missing = await marketplace.GetAsync(Create("b4").Where(p => p.Key != "customerId"));
        var badMobile = await marketplace.GetAsync(Create("b5", extra: ("mobilePhone", "abcdefghijklmnopNOTBASE64!!")));
        var noToken = await host.Http.GetAsync("/produce?activity=newInstance&timeStamp=20200727073711903");
        var noTokenReply = new ProduceReply(noToken, await noToken.Content.ReadAsStringAsync());

        Assert.Equal("000001", tampered.ResultCode);
        Assert.Equal("000001", wrongKey.ResultCode);
        Assert.Equal("000001", noTokenReply.ResultCode);
        Assert.Equal("000002", stale.ResultCode);
        Assert.Contains("activity makeCoffee", unknown.ResultMsg, StringComparison.Ordinal);
        Assert.Equal("000002", missing.ResultCode);
        Assert.Contains("customerId", missing.ResultMsg, StringComparison.Ordinal);
        Assert.Equal("000002", badMobile.ResultCode);
        Assert.Contains("mobilePhone", badMobile.ResultMsg, StringComparison.Ordinal);
        foreach (var reply in new[] { tampered, wrongKey, stale, unknown, missing, badMobile, noTokenReply })
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, reply.Http.StatusCode);
            Assert.Equal("application/json", reply.Http.Content.Headers.ContentType!.MediaType);
            V1MarketplaceClient.AssertBodySigned(reply);
        }

        using var db = host.OpenDb();
        Assert.Equal(0, await db.Instances.CountAsync());
    }

    [Fact]
    public async Task Test_flag_probes_are_answered_but_kept_apart_and_never_handed_off()
    {
        using var host = new KooGateHost(settings: new Dictionary<string, string?> { ["KooGate:Webhook:Url"] = "http://127.0.0.1:9/hook" });
        var marketplace = new V1MarketplaceClient(host);
        var probe = await marketplace.GetAsync(Create("probe-1", "MOCK-ORDER", "1"));
        var probeAgain = await marketplace.GetAsync(Create("probe-2", "MOCK-ORDER", "1"));
        var real = await marketplace.GetAsync(Create("real-1", "MOCK-ORDER"));
        Assert.Equal(("000000", "probe-1"), (probe.ResultCode, probe.Get("instanceId")));
        Assert.Equal("probe-1", probeAgain.Get("instanceId"));
        Assert.Equal("real-1", real.Get("instanceId"));

        using var db = host.OpenDb();
        Assert.True((await db.Instances.SingleAsync(i => i.InstanceId == "probe-1")).IsTest);
        Assert.Equal(["real-1"], await db.Outbox.Select(o => o.InstanceId).Distinct().ToListAsync());
    }
}
