using KooGate.Emulator.Data;
using KooGate.Protocol.Messages;

namespace KooGate.Emulator.Catalog;

/// <summary>Create or replace a product (<c>POST /api/products</c>, <c>PUT /api/products/{id}</c>).</summary>
public sealed record ProductRequest
{
    public string? ProductId { get; init; }

    public string? SellerId { get; init; }

    public string? Name { get; init; }

    public string? SkuCode { get; init; }

    public string? ChargingMode { get; init; }

    public string? PeriodType { get; init; }

    public decimal Price { get; init; }

    public int TrialDays { get; init; }

    public bool Joint { get; init; }

    public InterfaceVersion InterfaceVersion { get; init; }

    /// <summary>Kit generation of a joint product; by default V1 for a SaaS V1 product and V2 otherwise.</summary>
    public KitVersion? KitVersion { get; init; }

    public string? ProductionUrl { get; init; }

    public string? OrderNotifyUrl { get; init; }

    /// <summary>Deliver every order's <c>orderNotify</c> before the call that applies it.</summary>
    public bool OrderNotifyFirst { get; init; }

    public string? GeneralKey { get; init; }

    public string? BasicKey { get; init; }

    public string? KitKey { get; init; }

    public string? LicenseKey { get; init; }

    public string? V1Key { get; init; }

    public string? KitPublicKeyPem { get; init; }

    public decimal? PlatformFeeRate { get; init; }

    public int? FreezeDays { get; init; }

    /// <summary>Ask <c>changeInstanceCheck</c> before a renewal that changes the spec (SaaS V2 PERIOD products only).</summary>
    public bool ChangeCheck { get; init; }

    /// <summary>Addresses registered for the app's sign-in and sign-out on the identity centre (absolute http(s), no fragment).</summary>
    public List<string>? RedirectUris { get; init; }

    /// <summary>Checks the request and copies it onto <paramref name="product"/>.</summary>
    public void ApplyTo(Product product, string defaultSellerId)
    {
        if (ChargingMode is not (ChargingModes.Period or ChargingModes.OneTime or ChargingModes.OnDemand or ChargingModes.OnDemandPackage))
        {
            throw ApiException.BadRequest("chargingMode must be PERIOD, ONE_TIME, ON_DEMAND or ON_DEMAND_PKG");
        }

        if (ChargingMode is ChargingModes.Period or ChargingModes.OnDemandPackage && PeriodType is not (PeriodTypes.Month or PeriodTypes.Year))
        {
            throw ApiException.BadRequest($"a {ChargingMode} product needs periodType month or year");
        }

        if (Price < 0 || TrialDays < 0 || PlatformFeeRate is < 0 or > 1 || FreezeDays is < 0)
        {
            throw ApiException.BadRequest("price, trialDays and freezeDays must not be negative; platformFeeRate is 0 to 1");
        }

        if (!Uri.TryCreate(ProductionUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw ApiException.BadRequest("productionUrl must be an absolute http(s) URL");
        }

        Uri? notifyUrl = null;
        if (OrderNotifyUrl is not null && (!Uri.TryCreate(OrderNotifyUrl, UriKind.Absolute, out notifyUrl) || notifyUrl.Scheme is not ("http" or "https")))
        {
            throw ApiException.BadRequest("orderNotifyUrl must be an absolute http(s) URL");
        }

        if (ChangeCheck && (InterfaceVersion != InterfaceVersion.SaasV2 || ChargingMode != ChargingModes.Period))
        {
            throw ApiException.BadRequest("changeCheck is offered by SaaS V2 PERIOD products only (saas-v2.md §3)");
        }

        if (RedirectUris?.FirstOrDefault(u => !Uri.TryCreate(u, UriKind.Absolute, out var r) || r.Scheme is not ("http" or "https") || r.Fragment.Length > 0) is { } badRedirect)
        {
            throw ApiException.BadRequest($"redirectUris: '{badRedirect}' is not an absolute http(s) URL without a fragment");
        }

        var kitVersion = KitVersion ?? (InterfaceVersion == InterfaceVersion.SaasV1 ? Data.KitVersion.V1 : Data.KitVersion.V2);
        var missing = InterfaceVersion switch
        {
            InterfaceVersion.SaasV2 or InterfaceVersion.OnlineLicense when string.IsNullOrEmpty(BasicKey) => "basicKey",
            InterfaceVersion.LicenseCode when string.IsNullOrEmpty(LicenseKey) => "licenseKey",
            InterfaceVersion.SaasV1 or InterfaceVersion.LicenseLegacy when string.IsNullOrEmpty(V1Key) => "v1Key",
            _ when Joint && kitVersion == Data.KitVersion.V2 && string.IsNullOrEmpty(KitKey) => "kitKey",
            _ when Joint && kitVersion == Data.KitVersion.V1 && string.IsNullOrEmpty(V1Key) => "v1Key (Kit V1 signs with the V1 Key)",
            _ when notifyUrl is not null && string.IsNullOrEmpty(GeneralKey) => "generalKey (orderNotify is signed with the 通用接口 key)",
            _ => null,
        };
        if (missing is not null)
        {
            throw ApiException.BadRequest($"{missing} is required for a {InterfaceVersion}{(Joint ? " joint" : string.Empty)} product");
        }

        if (KitPublicKeyPem is not null && !IsRsaPublicKey(KitPublicKeyPem))
        {
            throw ApiException.BadRequest("kitPublicKeyPem must be a PEM RSA public key");
        }

        product.SellerId = SellerId ?? defaultSellerId;
        product.Name = string.IsNullOrWhiteSpace(Name) ? product.ProductId : Name;
        product.SkuCode = string.IsNullOrWhiteSpace(SkuCode) ? product.ProductId : SkuCode;
        product.ChargingMode = ChargingMode;
        product.PeriodType = ChargingMode is ChargingModes.Period or ChargingModes.OnDemandPackage ? PeriodType : null;
        product.Price = Price;
        product.TrialDays = TrialDays;
        product.Joint = Joint;
        product.InterfaceVersion = InterfaceVersion;
        product.KitVersion = kitVersion;
        product.ProductionUrl = url.ToString();
        product.OrderNotifyUrl = notifyUrl?.ToString();
        product.OrderNotifyFirst = OrderNotifyFirst;
        product.GeneralKey = GeneralKey;
        product.BasicKey = BasicKey;
        product.KitKey = KitKey;
        product.LicenseKey = LicenseKey;
        product.V1Key = V1Key;
        product.KitPublicKeyPem = KitPublicKeyPem;
        product.PlatformFeeRate = PlatformFeeRate;
        product.FreezeDays = FreezeDays;
        product.ChangeCheck = ChangeCheck;
        product.RedirectUris = RedirectUris ?? [];
    }

    private static bool IsRsaPublicKey(string pem)
    {
        try
        {
            using var rsa = System.Security.Cryptography.RSA.Create();
            rsa.ImportFromPem(pem);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
