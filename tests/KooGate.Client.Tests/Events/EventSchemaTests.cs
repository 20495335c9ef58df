using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using KooGate.Client.Events;

namespace KooGate.Client.Tests.Events;

/// <summary>
/// docs/events holds a JSON Schema and a full example of every event type, generated from the records the library
/// reads events into, so documentation and code cannot drift. Set KOOGATE_UPDATE_EVENT_DOCS=1 to rewrite them.
/// </summary>
public sealed class EventSchemaTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static readonly PurchaseOrder Order = new()
    {
        OrderId = "CS2611231200ABCDE",
        OrderLineId = "CS2611231200ABCDE-000001",
        OrderType = "NEW",
        Kind = "new",
        CustomerId = "68cbc86abc2018ab880d92f36422fa0e",
        CustomerName = "Acme Ltd",
        UserId = "iam-user-1",
        UserName = "acme-admin",
        ProductId = "OFFI1234567890",
        SkuCode = "team-monthly",
        Quantity = 20,
        ChargingMode = "PERIOD",
        PeriodType = "month",
        PeriodNumber = 1,
        Amount = 200m,
        Trial = false,
        CreateTime = At,
        ExpireTime = At.AddMonths(1),
        ExtendParams = [new ExtendParameter("region", "cn-north-4")],
    };

    private static T Purchase<T>(T data)
        where T : InstanceEventData => (T)(data with
        {
            State = "active",
            ProductId = Order.ProductId,
            SkuCode = Order.SkuCode,
            Quantity = Order.Quantity,
            ChargingMode = Order.ChargingMode,
            PeriodType = Order.PeriodType,
            PeriodNumber = Order.PeriodNumber,
            ExpireTime = Order.ExpireTime,
            Trial = false,
            CustomerId = Order.CustomerId,
            CustomerName = Order.CustomerName,
            OrderId = Order.OrderId,
            OrderLineId = Order.OrderLineId,
            Order = Order,
        });

    private static readonly JsonElement Users = JsonSerializer.SerializeToElement(new[] { new { userName = "zhangsan", name = "张三", role = "admin", orgCode = "D01" } });

    /// <summary>One example <c>data</c> per event type.</summary>
    private static readonly Dictionary<string, object> Examples = new()
    {
        [EventTypes.InstanceCreated] = Purchase(new InstanceCreated { InstanceId = "biz-1" }) with { State = "provisioning" },
        [EventTypes.InstanceOrderDetails] = Purchase(new InstanceOrderDetails { InstanceId = "biz-1" }),
        [EventTypes.InstanceRenewed] = Purchase(new InstanceRenewed { InstanceId = "biz-1", Scene = "RENEWAL", PreviousExpireTime = At }) with
        {
            Order = Order with { OrderId = "CS2612231200FGHIJ", OrderLineId = "CS2612231200FGHIJ-000001", OrderType = "RENEW", Kind = "renewal", ExpireTime = At.AddMonths(2) },
            ExpireTime = At.AddMonths(2),
        },
        [EventTypes.InstanceUpgraded] = Purchase(new InstanceUpgraded { InstanceId = "biz-1", PreviousProductId = Order.ProductId, PreviousSkuCode = "team-monthly", PreviousQuantity = 20 }) with
        {
            Quantity = 30,
            Order = Order with { OrderId = "CS2612011200KLMNO", OrderLineId = "CS2612011200KLMNO-000001", OrderType = "CHANGE", Kind = "upgrade", Quantity = 30, Amount = 55.5m },
        },
        [EventTypes.InstanceFrozen] = Purchase(new InstanceStatusChanged { InstanceId = "biz-1", Reason = "FREEZE" }) with { State = "frozen", OrderId = null, OrderLineId = null, Order = null },
        [EventTypes.InstanceUnfrozen] = Purchase(new InstanceStatusChanged { InstanceId = "biz-1", Reason = "UNFREEZE" }) with { OrderId = null, OrderLineId = null, Order = null },
        [EventTypes.InstanceProvisioningRetried] = Purchase(new InstanceProvisioningRetried
        {
            InstanceId = "biz-1",
            Reason = "retried from the dashboard; was 000100 no tenant could be created",
        }) with
        { State = "provisioning", Order = null },
        [EventTypes.InstanceReleased] = Purchase(new InstanceReleased { InstanceId = "biz-1", Reason = "unsubscribed" }) with
        {
            State = "released",
            Order = Order with { OrderId = "CS2612151200PQRST", OrderLineId = "CS2612151200PQRST-000001", OrderType = "UNSUBSCRIBE", Kind = "unsubscribe", Amount = -150m },
        },
        [EventTypes.OrderNotified] = new OrderNotified { OrderId = Order.OrderId, OrderLineId = Order.OrderLineId },
        [EventTypes.LicenseIssued] = new LicenseIssued { InstanceId = "biz-7", OrderId = Order.OrderId, ProductId = Order.ProductId, SkuCode = "site-license", License = "LIC-0001-ABCD" },
        [EventTypes.LicenseCodeRenewed] = new LicenseCodeChanged { License = "PLABCDEFGH23456789JK", Scene = "RENEWAL", OrderId = Order.OrderId, OrderLineId = Order.OrderLineId, ProductId = Order.ProductId, SkuCode = Order.SkuCode, ExpireTime = At.AddYears(1) },
        [EventTypes.LicenseCodeFrozen] = new LicenseCodeChanged { License = "PLABCDEFGH23456789JK", Status = "FREEZE", ProductId = Order.ProductId, SkuCode = Order.SkuCode },
        [EventTypes.LicenseCodeUnfrozen] = new LicenseCodeChanged { License = "PLABCDEFGH23456789JK", Status = "UNFREEZE", ProductId = Order.ProductId, SkuCode = Order.SkuCode },
        [EventTypes.LicenseCodeReleased] = new LicenseCodeChanged { License = "PLABCDEFGH23456789JK", OrderId = Order.OrderId, OrderLineId = Order.OrderLineId, ProductId = Order.ProductId, SkuCode = Order.SkuCode },
        [EventTypes.KitTenantSynced] = new KitTenantSynced { InstanceId = "biz-1", TenantId = "t-1", ProductId = Order.ProductId, SkuCode = Order.SkuCode, Flag = "add", TenantCode = "acme", Name = "Acme Ltd", DomainName = "acme.example.com" },
        [EventTypes.KitApplicationSynced] = new KitApplicationSynced { InstanceId = "biz-1", TenantId = "t-1", ProductId = Order.ProductId, SkuCode = Order.SkuCode, Flag = "add", AppId = "app-1", ClientId = "client-1" },
        [EventTypes.KitUsersSynced] = new KitUsersSynced { InstanceId = "biz-1", TenantId = "t-1", ProductId = Order.ProductId, SkuCode = Order.SkuCode, Flag = "add", AppId = "app-1", Users = Users },
        [EventTypes.KitOrgSynced] = new KitOrgSynced { InstanceId = "biz-1", TenantId = "t-1", ProductId = Order.ProductId, SkuCode = Order.SkuCode, Flag = "add", OrgCode = "D01", OrgName = "Sales", ParentCode = null },
        [EventTypes.KitOrgsReplaced] = new KitOrgsReplaced
        {
            InstanceId = "biz-1",
            TenantId = "t-1",
            ProductId = Order.ProductId,
            SkuCode = Order.SkuCode,
            Orgs = JsonSerializer.SerializeToElement(new[] { new { orgCode = "D01", orgName = "Sales", parentCode = (string?)null } }),
        },
    };

    [Fact]
    public void Every_event_type_has_an_example_that_reads_back_into_its_record()
    {
        Assert.Equal(EventTypes.DataTypes.Keys.Order(), Examples.Keys.Order());
        foreach (var (type, data) in Examples)
        {
            var body = System.Text.Encoding.UTF8.GetBytes(Envelope(type, data).ToJsonString());
            var read = WebhookVerifier.Read(body);
            var dataProperty = read.GetType().GetProperty("Data")!;
            Assert.Equal(EventTypes.DataTypes[type], dataProperty.PropertyType);
            Assert.Equal(JsonSerializer.Serialize(data, data.GetType(), EventJson.Options), JsonSerializer.Serialize(dataProperty.GetValue(read), EventJson.Options));
        }
    }

    [Fact]
    public void The_schemas_and_examples_in_docs_match_the_records()
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "events");
        var update = Environment.GetEnvironmentVariable("KOOGATE_UPDATE_EVENT_DOCS") == "1";
        foreach (var (type, data) in Examples)
        {
            var files = new Dictionary<string, string>
            {
                [$"{type}.schema.json"] = Schema(type).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n",
                [$"{type}.example.json"] = Envelope(type, data).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n",
            };
            foreach (var (name, expected) in files)
            {
                var path = Path.Combine(folder, name);
                if (update)
                {
                    File.WriteAllText(path, expected);
                }

                Assert.True(File.Exists(path) && File.ReadAllText(path) == expected, $"{path} is missing or stale: run the tests with KOOGATE_UPDATE_EVENT_DOCS=1");
            }
        }
    }

    private static JsonObject Envelope(string type, object data) => new()
    {
        ["id"] = "019ab0c4-5e00-7c3a-9f1e-2b3c4d5e6f70",
        ["type"] = type,
        ["timestamp"] = At,
        ["data"] = JsonSerializer.SerializeToNode(data, data.GetType(), EventJson.Options),
    };

    private static JsonObject Schema(string type)
    {
        var data = JsonSchemaExporter.GetJsonSchemaAsNode(EventJson.Options, EventTypes.DataTypes[type], new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = type,
            ["type"] = "object",
            ["required"] = new JsonArray("id", "type", "timestamp", "data"),
            ["properties"] = new JsonObject
            {
                ["id"] = new JsonObject { ["type"] = "string", ["description"] = "stable across delivery attempts; equals the webhook-id header" },
                ["type"] = new JsonObject { ["const"] = type },
                ["timestamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                ["data"] = data,
            },
        };
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KooGate.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("KooGate.slnx not found above the test binaries");
    }
}
