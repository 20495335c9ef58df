using System.Security.Cryptography;
using System.Text;
using KooGate.Protocol;
using KooGate.Protocol.Signing;

namespace KooGate.Conformance.Wire;

/// <summary>
/// V2 basic interfaces, license-code 2.0 and orderNotify: POST JSON with <c>signature</c>/<c>timestamp</c>/<c>nonce</c>
/// query parameters (saas-v2.md §2.2, license-order-openapi.md §A.3), signed by the Protocol signer the emulator uses
/// (<see cref="V2Signature.SignedQuery"/>).
/// </summary>
internal sealed class V2Channel(Uri productionUrl, string key, TimeProvider time) : JsonChannel(productionUrl, key, time)
{
    /// <summary>Far outside the ±60 s window, so that clock drift between runner and server cannot matter.</summary>
    public static readonly TimeSpan StaleBy = TimeSpan.FromMinutes(10);

    public override bool HasNonce => true;

    public override bool RequiresBodySign => false;

    public override WireRequest Build(string? kitName, byte[] body, Fault fault)
    {
        var nonce = NewNonce();
        var timestamp = KooTime.ToEpochMilliseconds(SigningTime(fault, StaleBy));
        var signingKey = SigningKey(fault);
        var query = V2Signature.SignedQuery(signingKey, nonce, timestamp, Encoding.UTF8.GetString(body));
        if (fault is Fault.MissingSignature or Fault.UnkeyedInnerHash)
        {
            var unkeyed = fault == Fault.UnkeyedInnerHash ? UnkeyedSignature(signingKey, nonce, timestamp, body) : null;
            query = QueryString.Build(QueryString.Parse(query, plusAsSpace: false)
                .Where(p => unkeyed is not null || p.Key != V2Signature.SignatureParameter)
                .Select(p => p.Key == V2Signature.SignatureParameter ? new(p.Key, unkeyed) : p));
        }

        return new WireRequest(HttpMethod.Post, WithQuery(ProductionUrl, query), [], Tampering.Sent(body, fault));
    }

    /// <summary>
    /// The hostile signature of <see cref="Fault.UnkeyedInnerHash"/>: the outer HMAC over an unkeyed inner hash, as some
    /// Huawei doc copies write it (saas-v2.md §2.2), which a server must not accept (README decision 2).
    /// </summary>
    private static string UnkeyedSignature(string key, string nonce, string timestamp, byte[] body)
    {
        var canonical = key + nonce + timestamp + Convert.ToHexStringLower(SHA256.HashData(body));
        return Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(canonical)));
    }
}
