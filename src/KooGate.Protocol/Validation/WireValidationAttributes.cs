using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using KooGate.Protocol.Messages;

namespace KooGate.Protocol.Validation;

/// <summary>
/// A wire-format rule with a short problem text; <see cref="MessageValidator"/> reports it after the field's wire name.
/// Like the DataAnnotations attributes, a null value is left to <see cref="RequiredAttribute"/>.
/// </summary>
public abstract class WireValidationAttribute : ValidationAttribute
{
    public abstract string Problem { get; }

    public sealed override bool IsValid(object? value) => value is null || IsValidValue(value);

    protected abstract bool IsValidValue(object value);
}

/// <summary>A production-interface <c>resultCode</c>: six ASCII digits.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ResultCodeFormatAttribute : WireValidationAttribute
{
    public override string Problem => "must be six digits";

    protected override bool IsValidValue(object value) => ResultCode.IsWellFormed(value as string);
}

/// <summary><c>expireTime</c>-style UTC time of 14 or 17 digits (README decision 8).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class UtcDigitsTimeAttribute : WireValidationAttribute
{
    public override string Problem => "must be a UTC time of 14 or 17 digits (yyyyMMddHHmmss[SSS])";

    protected override bool IsValidValue(object value) => KooTime.TryParseUtcDigits(value as string, out _);
}

/// <summary>Kit <c>timeStamp</c>/<c>currentSyncTime</c>: 17 (or 14) digits in UTC+8 (saas-v1-and-joint.md §1.4).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ChinaDigitsTimeAttribute : WireValidationAttribute
{
    public override string Problem => "must be yyyyMMddHHmmssSSS (UTC+8, 17 digits)";

    protected override bool IsValidValue(object value) => KooTime.TryParseChinaDigits(value as string, out _);
}

/// <summary>Usage-record times such as <c>20220809T091000Z</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SdkDateTimeAttribute : WireValidationAttribute
{
    public override string Problem => "must be a UTC time like 20220809T091000Z";

    protected override bool IsValidValue(object value) => KooTime.TryParseSdkDate(value as string, out _);
}

/// <summary>
/// <c>queryInstance.instanceId</c>: up to 100 comma-separated ids of at most 64 characters each. The documented
/// String(100) limit cannot hold 100 ids, so the total length is not enforced (saas-v2.md §3.2).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InstanceIdListAttribute : WireValidationAttribute
{
    public override string Problem =>
        $"must be 1 to {InstanceIdList.MaxIds} comma-separated ids of at most {InstanceIdList.MaxIdLength} characters";

    protected override bool IsValidValue(object value) =>
        value is string text && InstanceIdList.Split(text) is { Count: > 0 and <= InstanceIdList.MaxIds } ids
        && ids.All(id => id.Length <= InstanceIdList.MaxIdLength);
}

/// <summary>A whole number sent as text (V1 GET parameters such as <c>periodNumber</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IntegerTextAttribute(int maxDigits) : WireValidationAttribute
{
    public int MaxDigits { get; } = maxDigits;

    public override string Problem => $"must be a whole number of at most {MaxDigits} digits";

    protected override bool IsValidValue(object value) =>
        value is string { Length: > 0 } text && text.Length <= MaxDigits && text.All(char.IsAsciiDigit);
}

/// <summary>A decimal amount sent as text (<c>usage_value</c>, V1 <c>orderAmount</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DecimalTextAttribute(int maxFractionDigits) : WireValidationAttribute
{
    public int MaxFractionDigits { get; } = maxFractionDigits;

    public bool AllowNegative { get; init; }

    public bool MustBePositive { get; init; }

    public override string Problem =>
        $"must be a{(MustBePositive ? " positive" : AllowNegative ? "" : " non-negative")} decimal number "
        + $"with at most {MaxFractionDigits} decimal places";

    protected override bool IsValidValue(object value)
    {
        if (value is not string text
            || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var fractionDigits = point < 0 ? 0 : text.Length - point - 1;
        return fractionDigits <= MaxFractionDigits
            && (AllowNegative || number >= 0)
            && (!MustBePositive || number > 0);
    }
}

/// <summary>A JSON number with limited precision, e.g. <c>usageValue</c> Double(12,4) (saas-v2.md §3.2).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DecimalPrecisionAttribute(int precision, int scale) : WireValidationAttribute
{
    public int Precision { get; } = precision;

    public int Scale { get; } = scale;

    public override string Problem =>
        $"must have at most {Precision - Scale} integer digits and {Scale} decimal places";

    protected override bool IsValidValue(object value) =>
        value is decimal number
        && decimal.Round(number, Scale) == number
        && Math.Abs(number) < Pow10(Precision - Scale);

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}

/// <summary>
/// A nested object the docs show both as a JSON object and as a JSON string holding one (README decision 9).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class JsonObjectOrStringAttribute : WireValidationAttribute
{
    public override string Problem => "must be a JSON object or a string holding one";

    protected override bool IsValidValue(object value) =>
        value is JsonElement element && EmbeddedJson.TryGetObject(element, out _);
}

/// <summary>V1 <c>saasExtendParams</c>: Base64 of a JSON array of <c>{name,value}</c> (saas-v1-and-joint.md §3.1).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SaasExtendParamsAttribute : WireValidationAttribute
{
    public override string Problem => "must be Base64 of a JSON array of {name,value}";

    protected override bool IsValidValue(object value) => ExtendParamsCodec.TryDecode(value as string, out _);
}
