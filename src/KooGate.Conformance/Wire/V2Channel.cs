using System.Security.Cryptography;
using System.Text;
using KooGate.Protocol;
using KooGate.Protocol.Signing;

namespace KooGate.Conformance.Wire;

/// <summary>
/// V2 basic interfaces, license-code 2.0 and orderNotify: POST JSON with <c>signature</c>/<c>timestamp</c>/<c>nonce</c>
/// query parameters (saas-v2.md §2.2, license-order-openapi.md §A.3).
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
        var signature = (fault == Fault.UnkeyedInnerHash
            ? UnkeyedSignature(signingKey, nonce, timestamp, body)
            : V2Signature.Compute(signingKey, nonce, timestamp, body)).ToUpperInvariant();
        var query = new List<KeyValuePair<string, string?>>();
        if (fault != Fault.MissingSignature)
        {
            query.Add(new(V2Signature.SignatureParameter, signature));
        }

        query.Add(new(V2Signature.TimestampParameter, timestamp));
        query.Add(new(V2Signature.NonceParameter, nonce));
        return new WireRequest(HttpMethod.Post, WithQuery(ProductionUrl, QueryString.Build(query)), [], Sent(body, fault));
    }

    /// <summary>The outer HMAC over an unkeyed inner hash, as some Huawei doc copies write it (saas-v2.md §2.2).</summary>
    private static string UnkeyedSignature(string key, string nonce, string timestamp, byte[] body)
    {
        var canonical = key + nonce + timestamp + Convert.ToHexStringLower(SHA256.HashData(body));
        return Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(canonical)));
    }
}
