using System.Net;

namespace KooGate.Protocol.OpenApi;

/// <summary>
/// A marketplace open-API call that did not succeed: a business or gateway error code, an unusable response, a
/// timeout or a network failure. <see cref="IsTransient"/> says whether the same call may succeed later.
/// </summary>
public sealed class MarketplaceApiException : Exception
{
    public MarketplaceApiException(
        string operation, HttpStatusCode? statusCode, string? errorCode, string? errorMessage, bool isTransient,
        string? requestId = null, string? detail = null, Exception? innerException = null)
        : base(Describe(operation, statusCode, errorCode, errorMessage, requestId, detail), innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        IsTransient = isTransient;
        RequestId = requestId;
    }

    /// <summary>The method and path that was called, e.g. <c>GET /api/mkp-openapi-public/global/v1/order/query</c>.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status, or null when no response arrived (timeout, network failure).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The marketplace's <c>resultCode</c>/<c>error_code</c> (e.g. <c>APIGW.0301</c>, <c>MKT.0101</c>, <c>92020005</c>).</summary>
    public string? ErrorCode { get; }

    /// <summary>The marketplace's <c>resultMsg</c>/<c>error_msg</c>.</summary>
    public string? ErrorMessage { get; }

    public string? RequestId { get; }

    public bool IsTransient { get; }

    /// <summary>
    /// <c>92020003</c> on activate: the code is already active; carry on with the heartbeat (license-order-openapi.md
    /// §C.2.1).
    /// </summary>
    public bool IsAlreadyActivated => ErrorCode == Messages.OpenApiCodes.LicenseAlreadyActivated;

    private static string Describe(
        string operation, HttpStatusCode? status, string? code, string? message, string? requestId, string? detail)
    {
        var text = $"marketplace call {operation} failed";
        text += status is { } s ? $": HTTP {(int)s}" : ": no response";
        if (code is not null)
        {
            text += $", {code}";
        }

        if (!string.IsNullOrEmpty(message))
        {
            text += $" {message}";
        }

        if (!string.IsNullOrEmpty(detail))
        {
            text += $" ({detail})";
        }

        return requestId is null ? text : $"{text} [request_id {requestId}]";
    }
}
