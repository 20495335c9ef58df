using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Protocol.Signing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Emulator.OpenApi;

/// <summary>A request body read once, so signatures can be checked on the exact bytes.</summary>
public sealed record RawRequest(Uri Url, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public const int MaxBodyBytes = 12 << 20;

    public static async Task<RawRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBodyBytes)
        {
            throw ApiException.BadRequest("body exceeds 12 MB");
        }

        var url = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}");
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new RawRequest(url, headers, buffer.ToArray());
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// The API gateway in front of the open APIs: APIG "SDK-HMAC-SHA256" AK/SK verification (license-order-openapi.md
/// §E.3) against the sellers' credentials, with the gateway's error bodies (§E.6).
/// </summary>
public sealed class GatewayAuth(EmulatorDb db, VirtualClock clock, IOptions<EmulatorOptions> options, OpenApiFaults faults)
{
    public async Task<(Seller? Seller, IResult? Refusal)> VerifyAsync(HttpRequest request, RawRequest raw, CancellationToken cancellationToken)
    {
        var claimed = ApigSigner.TryParseAuthorization(raw.Header("Authorization"), out var claimedAk, out _, out _) ? claimedAk : null;
        if (claimed is not null && faults.IsLocked(claimed))
        {
            return (null, Refuse("APIGW.0301", "Incorrect IAM authentication information: AK access failed to reach the limit,forbidden"));
        }

        var sellers = await db.Sellers.AsNoTracking().ToListAsync(cancellationToken);
        var byKey = sellers.ToDictionary(s => s.AccessKey, StringComparer.Ordinal);
        var verdict = ApigSigner.Verify(ak => byKey.TryGetValue(ak, out var s) ? s.SecretKey : null, request.Method, raw.Url,
            raw.Header("Authorization"), raw.Headers, raw.Body, clock.TransportNow(options.Value.SignWithVirtualClock));
        if (verdict == ApigVerdict.Valid && claimed is not null)
        {
            faults.Succeeded(claimed);
            return (byKey[claimed], null);
        }

        if (claimed is not null && verdict is not ApigVerdict.UnknownAccessKey)
        {
            faults.Failed(claimed);
        }

        var (code, message) = verdict switch
        {
            ApigVerdict.Expired => ("APIGW.0303", "Incorrect app authentication information: signature expired"),
            ApigVerdict.MissingDate => ("APIGW.0301", "Incorrect IAM authentication information: x-sdk-date is missing or not signed"),
            ApigVerdict.UnknownAccessKey => ("APIGW.0301", "Incorrect IAM authentication information: Get secretKey failed"),
            ApigVerdict.MalformedAuthorization => ("APIGW.0301", "Incorrect IAM authentication information: Authorization is malformed"),
            _ => ("APIGW.0301", "Incorrect IAM authentication information: verify aksk signature fail"),
        };
        return (null, Refuse(code, message));
    }

    private static IResult Refuse(string code, string message) =>
        Results.Json(new { error_code = code, error_msg = message, request_id = Guid.NewGuid().ToString("N") }, statusCode: 401);
}
