namespace KooGate.Conformance.Tests.Infrastructure;

/// <summary>The one rule a <see cref="FakeProductionInterface"/> breaks (none by default).</summary>
public enum BrokenRule
{
    None,
    WrongContentType,
    Http500,
    MissingResultMsg,
    MissingInstanceId,
    NewInstanceIdOnRetry,

    /// <summary>Checks that a signature is present but never its value: tampered bodies and foreign keys get through.</summary>
    SignatureValueNotVerified,
    AcceptsStaleTimestamp,
    AcceptsReplayedNonce,
    UnknownInstanceSucceeds,
    TestFlagCreatesLastingInstance,
    MissingBodySign,
    WrongBodySign,

    /// <summary>newInstance answers only after two seconds.</summary>
    SlowNewInstance,

    /// <summary>Looks the order up, then stores it after a pause: simultaneous duplicates each create an instance.</summary>
    RacyDuplicates,

    /// <summary>
    /// When the raw body does not verify, verifies a canonical form keeping the first of repeated keys and dropping nulls,
    /// while the handler reads the last value: an appended <c>testFlag</c> turns a signed debug call into a real one.
    /// </summary>
    VerifiesFirstValueActsOnLast,

    /// <summary>queryInstance of an on-demand instance without usageInfo.</summary>
    NoUsageInfo,

    /// <summary>newInstance answers <c>"instanceId":{"id":"…"}</c>, a JSON type the spec's String(64) cannot be read from.</summary>
    InstanceIdAsObject,
}
