using KooGate.Conformance.Wire;

namespace KooGate.Conformance.Checks;

/// <summary>
/// The request-signing checks every family shares: each sends one signed debug probe with one defect, which must be
/// refused with an HTTP 200 JSON reply. Whether a refusal is a <c>must</c> follows what Huawei's pages say.
/// </summary>
internal static class SecurityChecks
{
    /// <summary>Huawei: "Marketplace requests are signed; the ISV must verify the signature" (saas-v2.md §1.2 item 7).</summary>
    private const string VerifyBasis = "saas-v2.md §1.2 (7): the ISV must verify the signature; README decisions 2, 5";

    /// <param name="probe">Builds the probe with a fault; called once per check.</param>
    /// <param name="accepted">Undoes what an accepted probe may have created (a real instance).</param>
    public static async Task RunAsync(
        CheckRun run, Channel channel, string prefix, Func<Fault, WireRequest> probe, Func<Exchange, Task> accepted,
        CancellationToken cancellationToken)
    {
        var v1 = !channel.HasNonce;
        var windowBasis = v1
            ? "saas-v1-and-joint.md §2.1: V1 documents no window; a day-old or day-ahead timeStamp is a replay by any reading"
            : "saas-v2.md §2.2: timestamp must be within 60 s of now; README decision 1 (both sides)";

        async Task Refused(string name, CheckLevel level, string basis, Fault fault, string what)
        {
            await run.RunAsync(prefix + name, CheckCategory.Security, level, basis, async () =>
            {
                var exchange = await run.SendAsync(probe(fault), cancellationToken);
                try
                {
                    Expect.Rejected(exchange, channel, what);
                }
                finally
                {
                    if (exchange.ResultCode == Expect.SuccessCode)
                    {
                        await accepted(exchange);
                    }
                }
            });
        }

        await Refused("tampered body rejected", CheckLevel.Must, VerifyBasis, Fault.TamperedBody, "a request changed after signing");
        await Refused("wrong key rejected", CheckLevel.Must, VerifyBasis, Fault.WrongKey, "a request signed with another key");
        await Refused("stale timestamp rejected", v1 ? CheckLevel.Should : CheckLevel.Must, windowBasis, Fault.StaleTimestamp,
            "a request with a stale timestamp");
        // Huawei's V2 sample checks only now - timestamp <= 60 s, so a future timestamp is KooGate's recommendation.
        await Refused("future timestamp rejected", CheckLevel.Should, windowBasis + "; Huawei's sample checks one side only",
            Fault.FutureTimestamp, "a request with a timestamp in the future");
        await Refused("missing signature rejected", CheckLevel.Must, VerifyBasis, Fault.MissingSignature, "an unsigned request");

        const string unkeyedBasis = "README decision 2: never accept an unkeyed SHA-256 inner hash (some doc copies write HMAC_SHA256(payload) without a key)";
        if (channel is V2Channel)
        {
            await Refused("unkeyed inner hash rejected", CheckLevel.Should, unkeyedBasis, Fault.UnkeyedInnerHash,
                "a signature over a plain SHA-256 of the body");
        }
        else
        {
            run.Skip(prefix + "unkeyed inner hash rejected", CheckCategory.Security, CheckLevel.Should, unkeyedBasis,
                "this family's signature has no inner hash");
        }

        const string otherTypeBasis = "saas-v2.md §2.1: one key per interface type; keys of different types must differ";
        if (channel.OtherTypeKey is null)
        {
            run.Skip(prefix + "key of another interface type rejected", CheckCategory.Security, CheckLevel.Should, otherTypeBasis,
                "needs the key of another interface type of this address: --other-type-key (saas-v2 with --kit-key uses each for the other)");
        }
        else
        {
            await Refused("key of another interface type rejected", CheckLevel.Should, otherTypeBasis, Fault.OtherTypeKey,
                "a request signed with the key of another interface type");
        }

        const string duplicateBasis = VerifyBasis + "; README decision 13: a duplicate key is refused before anything else";
        await Refused("duplicate key rejected", CheckLevel.Must, duplicateBasis, Fault.DuplicateKey,
            "a signed debug call with a second, real testFlag appended");
        if (channel is V1GetChannel)
        {
            run.Skip(prefix + "null member appended rejected", CheckCategory.Security, CheckLevel.Must, duplicateBasis,
                "a query string has no null");
        }
        else
        {
            await Refused("null member appended rejected", CheckLevel.Must,
                VerifyBasis + "; README decision 2: the canonical form keeps every member that is present, a null included",
                Fault.NullAppended, "a signed debug call with \"testFlag\":null appended");
        }
    }

    /// <summary>A valid request accepted, then the identical signed request again: refused (V2 families only).</summary>
    public static async Task ReplayAsync(
        CheckRun run, Channel channel, string prefix, Func<WireRequest> build, Func<Exchange, string, Exchange> firstAccepted,
        CancellationToken cancellationToken)
    {
        const string replayBasis = "README decision 1: reject a nonce seen before within the window (Huawei's sample keeps no nonce cache)";
        if (!channel.HasNonce)
        {
            run.Skip(prefix + "replayed nonce rejected", CheckCategory.Security, CheckLevel.Should, replayBasis,
                "V1 authToken carries no nonce (saas-v1-and-joint.md §2.1-2.2); the stale-timestamp check covers replays");
            return;
        }

        await run.RunAsync(prefix + "replayed nonce rejected", CheckCategory.Security, CheckLevel.Should, replayBasis, async () =>
        {
            var request = build();
            firstAccepted(await run.SendAsync(request, cancellationToken), "the first use of the nonce");
            Expect.Rejected(await run.SendAsync(request, cancellationToken), channel, "the same signed request again (replayed nonce)");
        });
    }
}
