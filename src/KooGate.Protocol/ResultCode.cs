namespace KooGate.Protocol;

/// <summary>
/// A production-interface result code (six characters) with its standard message.
/// Codes and messages per saas-v2.md §4 and license-order-openapi.md §C.3.
/// </summary>
public readonly record struct ResultCode(string Code, string Message)
{
    public static readonly ResultCode Success = new("000000", "success.");
    public static readonly ResultCode AuthenticationFailed = new("000001", "token is invalid");
    public static readonly ResultCode InvalidParameter = new("000002", "param is invalid");
    public static readonly ResultCode InstanceNotFound = new("000003", "instance is invalid");
    public static readonly ResultCode Processing = new("000004", "request is processing");
    public static readonly ResultCode InternalError = new("000005", "other inner error");
    public static readonly ResultCode NoResource = new("000100", "no available resource");
    public static readonly ResultCode MobileInvalid = new("000101", "mobile number is not specified or already exists");
    public static readonly ResultCode EmailInvalid = new("000102", "email address is not specified or already exists");
    public static readonly ResultCode AlreadyPurchased = new("000103", "product already purchased");
    public static readonly ResultCode ProductInternalError = new("000104", "internal service error");
    public static readonly ResultCode AlreadySubscribed = new("000105", "account has already subscribed to benefits");
    public static readonly ResultCode SoldOut = new("000106", "product resources sold out");
    public static readonly ResultCode EmailDomainExists = new("000107", "saas email domain already exists");
    public static readonly ResultCode LicenseQuotaInsufficient = new("000900", "license quota of the current order is insufficient");
    public static readonly ResultCode OutsideOrderValidity = new("000901", "apply within the current order validity period");
    public static readonly ResultCode ExpiryRequired = new("000902", "periodic license requires an expiry time");
    public static readonly ResultCode FingerprintRequired = new("000903", "device fingerprint is required");

    /// <summary>Every code this library knows, in code order.</summary>
    public static IReadOnlyList<ResultCode> All { get; } =
    [
        Success, AuthenticationFailed, InvalidParameter, InstanceNotFound, Processing, InternalError,
        NoResource, MobileInvalid, EmailInvalid, AlreadyPurchased, ProductInternalError, AlreadySubscribed,
        SoldOut, EmailDomainExists, LicenseQuotaInsufficient, OutsideOrderValidity, ExpiryRequired, FingerprintRequired,
    ];

    public bool IsSuccess => Code == Success.Code;

    /// <summary>The same code with a more specific message (for example naming the offending field).</summary>
    public ResultCode WithMessage(string message) => this with { Message = message };

    /// <summary>Finds the standard entry for a code; unknown codes keep a generic message.</summary>
    public static ResultCode FromCode(string code)
    {
        foreach (var known in All)
        {
            if (known.Code == code)
            {
                return known;
            }
        }

        return new ResultCode(code, "unknown result code");
    }

    /// <summary>A syntactically valid result code is exactly six ASCII digits.</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: 6 } && code.All(char.IsAsciiDigit);

    public override string ToString() => $"{Code} {Message}";
}
