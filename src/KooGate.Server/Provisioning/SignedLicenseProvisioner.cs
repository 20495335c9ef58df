using System.Text;
using System.Text.Json;
using KooGate.Protocol;
using KooGate.Server.Configuration;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Provisioning;

/// <summary>
/// The default license: a JWS compact document (<c>header.payload.signature</c>, Base64url, ES256) signed with
/// <see cref="LicenseSigningKey"/>. Software verifies it offline with the public key; the format is in
/// docs/licenses.md.
/// </summary>
public sealed class SignedLicenseProvisioner(LicenseSigningKey key, IOptions<KooGateOptions> options) : ILicenseProvisioner
{
    public const string DocumentType = "koogate-license+jwt";

    public Task<LicenseOutcome> IssueAsync(LicenseRequest request, CancellationToken cancellationToken)
    {
        var header = new Dictionary<string, object?> { ["alg"] = "ES256", ["typ"] = DocumentType, ["kid"] = key.KeyId };
        var claims = new Dictionary<string, object?>
        {
            ["iss"] = options.Value.License.Issuer,
            ["jti"] = Guid.CreateVersion7(request.IssuedAt).ToString(),
            ["iat"] = request.IssuedAt.ToUnixTimeSeconds(),
            ["reason"] = request.Reason switch
            {
                LicenseReason.Purchase => "purchase",
                LicenseReason.Renewal => "renewal",
                _ => "device",
            },
            ["instanceId"] = request.InstanceId,
        };
        Add(claims, "exp", request.ExpireTime?.ToUnixTimeSeconds());
        Add(claims, "expireTime", request.ExpireTime is { } expire ? KooTime.ToUtc14(expire) : null);
        Add(claims, "orderId", request.OrderId);
        Add(claims, "sub", request.CustomerId);
        Add(claims, "productId", request.ProductId);
        Add(claims, "skuCode", request.SkuCode);
        Add(claims, "amount", request.Amount);
        Add(claims, "eventId", request.EventId);
        Add(claims, "deviceFingerprint", request.DeviceFingerprint);
        Add(claims, "effectiveTime", request.EffectiveTime);

        var signingInput = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = key.Sign(Encoding.ASCII.GetBytes(signingInput));
        return Task.FromResult(LicenseOutcome.Issued(signingInput + "." + Base64Url(signature)));
    }

    private static void Add(Dictionary<string, object?> claims, string name, object? value)
    {
        if (value is not null)
        {
            claims[name] = value;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
