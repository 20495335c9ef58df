namespace KooGate.Emulator.Data;

/// <summary>Which production-interface generation a product's address speaks.</summary>
public enum InterfaceVersion
{
    /// <summary>SaaS V2.0: POST JSON, <c>signature</c>/<c>timestamp</c>/<c>nonce</c> (saas-v2.md).</summary>
    SaasV2,

    /// <summary>SaaS V1.0: GET, <c>authToken</c>, <c>Body-Sign</c> (saas-v1-and-joint.md §3).</summary>
    SaasV1,

    /// <summary>Legacy License: GET getLicense/refreshLicense/expireLicense/releaseLicense (license-order-openapi.md §B).</summary>
    LicenseLegacy,

    /// <summary>License code 2.0: the marketplace issues the code; POST JSON refresh/status/release (§C).</summary>
    LicenseCode,

    /// <summary>
    /// 在线开通License: the SaaS V2 instance activities plus <c>getLicenseAsync</c> when the buyer's client asks for a
    /// device license, delivered back through 字符串/文件流上传 (license-order-openapi.md §C.3). No upgrade call.
    /// </summary>
    OnlineLicense,
}

/// <summary>Which 联营 Kit generation a joint product's syncs use (saas-v1-and-joint.md §5).</summary>
public enum KitVersion
{
    /// <summary><c>/produceAPI/v2/{name}</c> with <c>x-sign</c> headers, key bound to 联营SaaS同步接口.</summary>
    V2,

    /// <summary><c>/produceAPI/{name}</c> with an <c>authToken</c> header over the body, the V1 Key, <c>Body-Sign</c> replies.</summary>
    V1,
}

/// <summary>A seller (商家) and the AK/SK it signs open-API calls with.</summary>
public sealed class Seller
{
    public string SellerId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string AccessKey { get; set; } = string.Empty;

    public string SecretKey { get; set; } = string.Empty;
}

/// <summary>A listed product: its charging, its production address and the keys bound to that address.</summary>
public sealed class Product
{
    public string ProductId { get; set; } = string.Empty;

    public string SellerId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>Stable across period-type changes (one SKU has a productId per period type).</summary>
    public string SkuCode { get; set; } = string.Empty;

    /// <summary><c>PERIOD</c>, <c>ONE_TIME</c>, <c>ON_DEMAND</c> or <c>ON_DEMAND_PKG</c>.</summary>
    public string ChargingMode { get; set; } = string.Empty;

    /// <summary><c>month</c> or <c>year</c> for periodic products and packages.</summary>
    public string? PeriodType { get; set; }

    /// <summary>Price of one period (or the one-time / package price).</summary>
    public decimal Price { get; set; }

    /// <summary>Trial length in days; trials are offered when positive.</summary>
    public int TrialDays { get; set; }

    /// <summary>A 联营 (joint-operation) product: Kit syncs and account login.</summary>
    public bool Joint { get; set; }

    public InterfaceVersion InterfaceVersion { get; set; }

    /// <summary>Kit generation of a joint product.</summary>
    public KitVersion KitVersion { get; set; }

    public string ProductionUrl { get; set; } = string.Empty;

    public string? BasicKey { get; set; }

    public string? KitKey { get; set; }

    public string? LicenseKey { get; set; }

    /// <summary>The single V1 "Key" (SaaS V1 and legacy License).</summary>
    public string? V1Key { get; set; }

    /// <summary>订单通知配置: where <c>orderNotify</c> is posted for every order of the product (license-order-openapi.md §D.1).</summary>
    public string? OrderNotifyUrl { get; set; }

    /// <summary>
    /// Deliver each order's <c>orderNotify</c> before the call that applies it (newInstance, upgradeInstance…), a race
    /// the real marketplace can produce; by default the notification follows. An order may override it.
    /// </summary>
    public bool OrderNotifyFirst { get; set; }

    /// <summary>The key bound to 通用接口, which signs <c>orderNotify</c>.</summary>
    public string? GeneralKey { get; set; }

    /// <summary>PEM public key the seller uploaded for the app credential; encrypts Kit <c>clientSecret</c>.</summary>
    public string? KitPublicKeyPem { get; set; }

    public decimal? PlatformFeeRate { get; set; }

    public int? FreezeDays { get; set; }

    /// <summary>
    /// The seller offers 续费变更校验: a SaaS V2 renewal that changes the spec first asks <c>changeInstanceCheck</c>
    /// (optional, period products only: saas-v2.md §3 applicability table, §3.7).
    /// </summary>
    public bool ChangeCheck { get; set; }

    /// <summary>
    /// The app's registered addresses (回调地址) on the tenant identity centre: OAuth <c>redirect_uri</c> must equal one
    /// exactly, a CAS <c>service</c> must have one as its address without the query, and a logout <c>redirect_url</c>
    /// must equal one; anything else gets an error page, never a redirect.
    /// </summary>
    public List<string> RedirectUris { get; set; } = [];
}

public sealed class Buyer
{
    public string CustomerId { get; set; } = string.Empty;

    public string CustomerName { get; set; } = string.Empty;

    public string? Mobile { get; set; }

    public string? Email { get; set; }
}
