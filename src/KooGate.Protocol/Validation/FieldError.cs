namespace KooGate.Protocol.Validation;

/// <summary>
/// One field that breaks the spec, named exactly as on the wire (<c>orderId</c>, <c>usage_records[0].usage_value</c>,
/// <c>userList[2].role</c>), or <c>body</c> when the body as a whole is unusable.
/// </summary>
public sealed record FieldError(string Field, string Problem)
{
    public const string BodyField = "body";

    /// <summary><c>resultMsg</c> is String(255) (saas-v2.md §3).</summary>
    private const int MaxResultMessageLength = 255;

    public static FieldError Body(string problem) => new(BodyField, problem);

    /// <summary>The <c>000002</c> answer naming the offending field.</summary>
    public ResultCode ToResultCode()
    {
        var message = $"param is invalid: {this}";
        return ResultCode.InvalidParameter.WithMessage(
            message.Length <= MaxResultMessageLength ? message : message[..MaxResultMessageLength]);
    }

    public override string ToString() => $"{Field} {Problem}";
}
