namespace KooGate.Emulator.Delivery;

/// <summary>What the marketplace made of one call (recorded on every <see cref="Data.CallAttempt"/>).</summary>
public static class Verdicts
{
    public const string Success = "success";

    /// <summary>resultCode 000004: accepted, still processing.</summary>
    public const string Processing = "processing";

    /// <summary>A non-000000 resultCode.</summary>
    public const string BusinessError = "business-error";

    /// <summary>No answer within the call timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>Connection refused, DNS failure, TLS failure (调测失败,生产地址不可达).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>HTTP status other than 200.</summary>
    public const string HttpError = "http-error";

    /// <summary>Content-Type is not application/json.</summary>
    public const string BadContentType = "bad-content-type";

    /// <summary>Not JSON, or no six-character resultCode (解析响应体失败).</summary>
    public const string BadBody = "bad-body";

    /// <summary>A mandatory response field is missing or too long (for example create without instanceId).</summary>
    public const string MissingField = "missing-field";

    /// <summary>V1/legacy response without a well-formed <c>Body-Sign</c> header (or one named in the wrong case).</summary>
    public const string MissingBodySign = "missing-body-sign";

    public const string BadBodySign = "bad-body-sign";

    /// <summary>The product has no key bound for this interface type, so the marketplace cannot sign.</summary>
    public const string NoKey = "no-key";
}
