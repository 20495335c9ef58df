namespace KooGate.Protocol.OpenApi;

/// <summary>
/// Paths of the marketplace open APIs, appended to the client's base address (whose own path prefix is kept).
/// Each can be overridden, notably where the spec is unsure (v2 heartbeat, license-order-openapi.md §C.2.2).
/// </summary>
public sealed record MarketplaceApiPaths
{
    public const string Prefix = "/api/mkp-openapi-public/global";

    /// <summary>The placeholder in <see cref="EventFileUpload"/> replaced by the escaped event id.</summary>
    public const string EventIdPlaceholder = "{event_id}";

    public static MarketplaceApiPaths Default { get; } = new();

    /// <summary>查询订单, GET (§D.2).</summary>
    public string QueryOrder { get; init; } = Prefix + "/v1/order/query";

    /// <summary>激活授权码 v1, one code (§C.2.1).</summary>
    public string LicenseActivate { get; init; } = Prefix + "/v1/license/activate";

    /// <summary>激活授权码 v2, up to 100 codes (§C.2.1).</summary>
    public string LicenseActivateV2 { get; init; } = Prefix + "/v2/license/activate";

    /// <summary>授权码心跳检测 v1 (§C.2.2).</summary>
    public string LicenseHeartbeat { get; init; } = Prefix + "/v1/license/heartbeat";

    /// <summary>授权码心跳检测 v2 (batch query; body shape [UNCONFIRMED], §C.2.2).</summary>
    public string LicenseHeartbeatV2 { get; init; } = Prefix + "/v2/license/heartbeat";

    /// <summary>按需使用量推送(新) (saas-v1-and-joint.md §6).</summary>
    public string UsagePush { get; init; } = Prefix + "/v1/isv/usage-data";

    /// <summary>字符串/文件流上传, multipart (§D.3).</summary>
    public string EventFileUpload { get; init; } = Prefix + "/v1/market-event/" + EventIdPlaceholder + "/file";
}

/// <summary>The marketplace open-API hosts (license-order-openapi.md §0).</summary>
public static class MarketplaceSites
{
    public static readonly Uri China = new("https://mkt.myhuaweicloud.com/");

    /// <summary>Retry here when <see cref="China"/> is unreachable.</summary>
    public static readonly Uri ChinaFallback = new("https://mkt.myhuaweicloud.cn/");

    public static readonly Uri International = new("https://mkt-intl.myhuaweicloud.com/");

    public static readonly Uri Europe = new("https://mkt.myhuaweicloud.eu/");
}
