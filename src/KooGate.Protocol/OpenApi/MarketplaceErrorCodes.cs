using System.Net;

namespace KooGate.Protocol.OpenApi;

/// <summary>
/// How the open APIs' codes are read: by code first, HTTP status second (license-order-openapi.md §C.2.3), with the
/// gateway codes of §E.6. Unknown codes are generic errors.
/// </summary>
public static class MarketplaceErrorCodes
{
    /// <summary>Upload success (§D.3, 公共错误码).</summary>
    public const string UploadSuccess = "CBC.0000";

    public const string GatewayThrottled = "APIGW.0308";
    public const string GatewayBadAkSkSignature = "APIGW.0301";

    /// <summary>
    /// The success codes of the open APIs (查询订单/usage <c>MKT.0000</c>, license <c>92020000</c>, upload
    /// <c>CBC.0000</c>). Each is unambiguous, so any of them is accepted from any open API.
    /// </summary>
    public static readonly IReadOnlySet<string> SuccessCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        Messages.OpenApiCodes.MarketplaceSuccess, Messages.OpenApiCodes.LicenseSuccess, UploadSuccess,
    };

    /// <summary>Codes that mean "try again later": throttling and internal errors.</summary>
    private static readonly HashSet<string> TransientCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        GatewayThrottled, "APIG.0308",
        "MKT.0250", // access frequency over limit (HTTP 406)
        "MKT.0999", // system internal error
        "92020001", // license APIs: internal error
        "CBC.0999", // upload: internal error
        "91381036", // upload: inner error
    };

    public static bool IsSuccess(string? code) => code is not null && SuccessCodes.Contains(code);

    /// <summary>
    /// Whether retrying the same request later may succeed. Authentication failures (HTTP 401/403, <c>APIGW.03xx</c>
    /// except throttling) never are: five failures lock the AK for 5 minutes (§E.6); an older page answered
    /// <c>403 92020001 Unauthorized</c>. Otherwise a known code decides (a business code is not transient even when
    /// sent with HTTP 500, e.g. <c>MKT.9001</c>), and without one 408, 429 and 5xx are.
    /// </summary>
    public static bool IsTransient(HttpStatusCode? status, string? code)
    {
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return false;
        }

        if (code is not null)
        {
            if (TransientCodes.Contains(code))
            {
                return true;
            }

            if (!IsGatewayCode(code) || IsGatewayAuthenticationCode(code))
            {
                return false;
            }
        }

        return status is { } s && IsTransientStatus(s);
    }

    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    public static bool IsGatewayCode(string code) =>
        code.StartsWith("APIGW.", StringComparison.OrdinalIgnoreCase) || code.StartsWith("APIG.", StringComparison.OrdinalIgnoreCase);

    private static bool IsGatewayAuthenticationCode(string code) =>
        IsGatewayCode(code) && code[(code.IndexOf('.', StringComparison.Ordinal) + 1)..].StartsWith("03", StringComparison.Ordinal);
}
