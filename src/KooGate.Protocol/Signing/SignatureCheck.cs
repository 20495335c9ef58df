namespace KooGate.Protocol.Signing;

/// <summary>Why a signed request was accepted or refused.</summary>
public enum SignatureVerdict
{
    Valid,
    MissingSignature,
    BadSignature,
    MissingTimestamp,
    MalformedTimestamp,
    TimestampOutsideWindow,
    MissingNonce,
    NoKeyConfigured,

    /// <summary>A key appears twice in the body or parameters (README decision 13): refused before anything else.</summary>
    DuplicateKey,
}

/// <summary>Which representation of the body produced the matching signature.</summary>
public enum PayloadVariant
{
    None,
    RawBody,
    Canonical,
    UrlDecoded,
    PlusAsSpace,
}

/// <summary>
/// The outcome of verifying one signed request. <see cref="Code"/> is the production-interface result code to
/// answer with when it is not valid: 000002 for a missing/bad timestamp or nonce, 000001 for a missing or wrong
/// signature or a repeated key (saas-v2.md §2.2, Huawei's sample; README decision 13).
/// </summary>
public sealed record SignatureCheck(SignatureVerdict Verdict, PayloadVariant Variant = PayloadVariant.None, int KeyIndex = -1)
{
    /// <summary>The repeated key, when <see cref="Verdict"/> is <see cref="SignatureVerdict.DuplicateKey"/>.</summary>
    public string? DuplicateKey { get; init; }

    public bool IsValid => Verdict == SignatureVerdict.Valid;

    public ResultCode Code => Verdict switch
    {
        SignatureVerdict.Valid => ResultCode.Success,
        SignatureVerdict.MissingSignature or SignatureVerdict.BadSignature or SignatureVerdict.NoKeyConfigured
            or SignatureVerdict.DuplicateKey => ResultCode.AuthenticationFailed.WithMessage(Reason),
        _ => ResultCode.InvalidParameter.WithMessage(Reason),
    };

    public string Reason => Verdict switch
    {
        SignatureVerdict.Valid => "signature valid",
        SignatureVerdict.MissingSignature => "signature is missing",
        SignatureVerdict.BadSignature => "signature is invalid",
        SignatureVerdict.MissingTimestamp => "timestamp is missing",
        SignatureVerdict.MalformedTimestamp => "timestamp is malformed",
        SignatureVerdict.TimestampOutsideWindow => "timestamp is outside the allowed window",
        SignatureVerdict.MissingNonce => "nonce is missing",
        SignatureVerdict.NoKeyConfigured => "no key configured for this interface type",
        SignatureVerdict.DuplicateKey => $"the key {DuplicateKey} appears more than once",
        _ => Verdict.ToString(),
    };

    public static SignatureCheck Fail(SignatureVerdict verdict) => new(verdict);

    public static SignatureCheck Duplicate(string key) => new(SignatureVerdict.DuplicateKey) { DuplicateKey = key };
}
