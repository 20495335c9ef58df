using KooGate.Conformance.Wire;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Signing;
using KooGate.Protocol.Validation;

namespace KooGate.Conformance.Checks;

/// <summary>
/// The seller-center debugger's response checks (saas-v2.md §5; README decision 11), phrased with its own messages
/// where it has one: transport and timeout, HTTP 200, <c>application/json</c>, <c>resultCode</c>/<c>resultMsg</c>,
/// <c>Body-Sign</c> where required, the result code, and mandatory response fields and their lengths.
/// </summary>
internal static class Expect
{
    public const string SuccessCode = "000000";

    /// <summary>A well-formed reply (whatever its code); Body-Sign is verified when present and required where it must be.</summary>
    public static Exchange Answer(Exchange exchange, Channel channel, string step)
    {
        if (Problem(exchange, channel) is { } problem)
        {
            throw new CheckFailedException($"{step}: {problem}");
        }

        return exchange;
    }

    /// <summary>A well-formed reply with <c>000000</c> whose fields satisfy <typeparamref name="TResponse"/>.</summary>
    public static Exchange Success<TResponse>(Exchange exchange, Channel channel, string step)
        where TResponse : class, IProduceResponse => Code<TResponse>(exchange, channel, step, SuccessCode);

    /// <summary>A well-formed reply with one of <paramref name="codes"/>; on success the typed fields are validated.</summary>
    public static Exchange Code<TResponse>(Exchange exchange, Channel channel, string step, params string[] codes)
        where TResponse : class, IProduceResponse
    {
        // The code first: a refusal (wrong key) explains a Body-Sign mismatch better than the other way round.
        if (Problem(exchange, channel, checkBodySign: false) is { } problem)
        {
            throw new CheckFailedException($"{step}: {problem}");
        }

        if (!codes.Contains(exchange.ResultCode))
        {
            var expected = string.Join(" or ", codes);
            throw new CheckFailedException(codes.Contains(SuccessCode)
                ? $"{step}: 调用失败,生产接口resultCode返回错误: answered {exchange.Summary}, expected {expected}"
                : $"{step}: answered {exchange.Summary}, expected {expected}");
        }

        Answer(exchange, channel, step);
        if (exchange.ResultCode == SuccessCode && FieldProblem<TResponse>(exchange) is { } field)
        {
            throw new CheckFailedException($"{step}: {field}");
        }

        return exchange;
    }

    /// <summary>
    /// A signed request with a defect must be refused: still HTTP 200 JSON (README decision 11), any code but
    /// <c>000000</c> (000001 for a bad signature, 000002 for a bad timestamp or nonce in Huawei's sample).
    /// </summary>
    public static void Rejected(Exchange exchange, Channel channel, string what)
    {
        if (exchange.TransportError is null && exchange.Status == 200 && exchange.ResultCode == SuccessCode)
        {
            throw new CheckFailedException($"accepted {what}: answered {exchange.Summary}; it must be refused (000001/000002)");
        }

        if (Problem(exchange, channel, checkBodySign: false) is { } problem)
        {
            throw new CheckFailedException($"refusing {what}: {problem}");
        }
    }

    private static string? Problem(Exchange exchange, Channel channel, bool checkBodySign = true)
    {
        if (exchange.TransportError is { } transport)
        {
            return transport;
        }

        if (exchange.Status != 200)
        {
            return $"调测失败,接口响应httpCode={exchange.Status} (every reply must be HTTP 200)";
        }

        if (!string.Equals(exchange.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return $"调测失败,响应content-type格式错误,正确的格式为\"application/json\" (got '{exchange.MediaType ?? "none"}')";
        }

        if (!exchange.IsJsonObject || exchange.ResultCode is null || exchange.ResultMsg is null)
        {
            var missing = !exchange.IsJsonObject ? "body is not a JSON object"
                : exchange.EnvelopeProblem ?? (exchange.ResultCode is null ? "resultCode is missing" : "resultMsg is missing");
            return $"调测失败,解析响应体失败,响应格式参考{{\"resultCode\":\"000000\",\"resultMsg\":\"success.\"}} ({missing})";
        }

        if (!ResultCode.IsWellFormed(exchange.ResultCode))
        {
            return $"调测失败,字段resultCode长度不合法 ('{exchange.ResultCode}' is not six digits)";
        }

        if (!checkBodySign)
        {
            return null;
        }

        if (exchange.BodySign is null)
        {
            return channel.RequiresBodySign ? "调测失败,生产接口响应头缺少Body-Sign,或Body-Sign格式错误. (header missing)" : null;
        }

        if (!BodySign.TryParse(exchange.BodySign, out _))
        {
            return $"调测失败,生产接口响应头缺少Body-Sign,或Body-Sign格式错误. (got '{exchange.BodySign}')";
        }

        return BodySign.Verify(channel.Key, exchange.BodySign, exchange.Body)
            ? null
            : "调测失败,生产接口响应头缺少Body-Sign,或Body-Sign格式错误. (signature does not match the body under the key)";
    }

    /// <summary>
    /// The reply through its Protocol record (what the emulator reads too); a member of a JSON type its spec type cannot
    /// be read from fails the check, naming the member and the type.
    /// </summary>
    public static TResponse Read<TResponse>(Exchange exchange, string step)
        where TResponse : class, IProduceResponse =>
        exchange.TryRead<TResponse>(out var reply, out var problem)
            ? reply
            : throw new CheckFailedException($"{step}: 调测失败,解析响应体失败 ({problem})");

    private static string? FieldProblem<TResponse>(Exchange exchange)
        where TResponse : class, IProduceResponse
    {
        if (!exchange.TryRead<TResponse>(out var response, out var problem))
        {
            return $"调测失败,解析响应体失败 ({problem})";
        }

        return MessageValidator.Validate(response) switch
        {
            null => null,
            { Problem: "is missing" } error => $"调测失败,接口响应缺少{error.Field}.",
            var error when error.Problem.StartsWith("is longer", StringComparison.Ordinal) => $"调测失败,字段{error.Field}长度不合法. ({error.Problem})",
            var error => $"调测失败,字段{error.Field}不合法. ({error.Problem})",
        };
    }
}
