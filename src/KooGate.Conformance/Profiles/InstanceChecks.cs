using KooGate.Conformance.Checks;
using KooGate.Conformance.Wire;
using KooGate.Protocol.Messages;

namespace KooGate.Conformance.Profiles;

/// <summary>
/// The checks of an instance-shaped family. Debug calls (<c>testFlag=1</c>) carry the debugger, idempotency and security
/// checks; real calls are made only about ids that do not exist and, unless <c>--debug-only</c>, for one whole
/// lifecycle of a <c>KGCHECK…</c> order, which the runner releases again.
/// </summary>
internal sealed class InstanceChecks(CheckRun run, InstanceApi api, CancellationToken cancellationToken)
{
    public const int ConcurrentDuplicates = 4;
    private const string Success = Expect.SuccessCode;
    private const string Processing = "000004";
    private const string NotFound = "000003";

    private readonly string _debugOrder = run.NewId("ORDER");
    private Dictionary<string, string?>? _debugIdentity;
    private string? _debugInstance;

    private Channel Channel => api.Channel;

    public async Task RunAsync()
    {
        await DebuggerChecksAsync();
        await IdempotencyChecksAsync();
        await SecurityChecksAsync();
        await LifecycleChecksAsync();
    }

    private async Task DebuggerChecksAsync()
    {
        if (api.Create is { } create)
        {
            await run.RunAsync(create.Name, CheckCategory.Debugger, api.Spec, async () =>
            {
                var answer = await SendAsync(create, new OpArgs(string.Empty, _debugOrder, run.NewId("BIZ"), Test: true), Success);
                _debugIdentity = api.IdentityFields.ToDictionary(f => f, f => answer.Text(f));
                _debugInstance = answer.Text("instanceId");
            });
        }
        else
        {
            // Nothing to create from this interface (license codes come from the marketplace): use an id of our own.
            _debugInstance = run.NewId("INST");
        }

        foreach (var operation in Operations())
        {
            await run.RunAsync(operation.Name, CheckCategory.Debugger, api.Spec, async () =>
            {
                var instanceId = NeedDebugInstance();
                var answer = await SendAsync(operation, new OpArgs(instanceId, run.NewId("ORDER"), run.NewId("BIZ"), Test: true), Success);
                if (operation == api.Query)
                {
                    ExpectListed(answer, instanceId, operation.Name);
                }
            });
        }
    }

    private async Task IdempotencyChecksAsync()
    {
        const string basis = "saas-v2.md §1.7: the same order returns the same instanceId; businessId differs on every retry";
        if (api.Create is not { } create)
        {
            run.Skip("retry with a new businessId", CheckCategory.Idempotency, basis, api.NoCreateReason ?? "this family creates nothing");
            run.Skip("concurrent duplicates", CheckCategory.Idempotency, basis, api.NoCreateReason ?? "this family creates nothing");
        }
        else
        {
            await run.RunAsync("retry with a new businessId", CheckCategory.Idempotency, basis, async () =>
            {
                var first = _debugIdentity ?? throw new CheckSkippedException($"needs the instance from {create.Name}, which failed");
                var retry = await SendAsync(create, new OpArgs(string.Empty, _debugOrder, run.NewId("BIZ"), Test: true), Success);
                foreach (var field in api.IdentityFields)
                {
                    if (retry.Text(field) != first[field])
                    {
                        throw new CheckFailedException(
                            $"the retry of order {_debugOrder} answered {field} '{retry.Text(field)}', the first call '{first[field]}'");
                    }
                }
            });

            await run.RunAsync("concurrent duplicates", CheckCategory.Idempotency, basis, async () =>
            {
                var order = run.NewId("ORDER");
                var answers = await Task.WhenAll(Enumerable.Range(0, ConcurrentDuplicates).Select(_ =>
                    SendAsync(create, new OpArgs(string.Empty, order, run.NewId("BIZ"), Test: true), Success, Processing)));
                var ids = answers.Select(a => a.Text("instanceId")).Distinct().ToList();
                if (ids.Count != 1)
                {
                    throw new CheckFailedException(
                        $"{ConcurrentDuplicates} simultaneous calls for order {order} answered {ids.Count} different instanceIds: {string.Join(", ", ids)}");
                }
            });
        }

        await run.RunAsync("repeated calls succeed", CheckCategory.Idempotency,
            "saas-v2.md §1.7, §5: debug cases are replayed twice a day and must pass every time", async () =>
            {
                var instanceId = NeedDebugInstance();
                foreach (var operation in Operations())
                {
                    var args = new OpArgs(instanceId, run.NewId("ORDER"), run.NewId("BIZ"), Test: true);
                    await SendAsync(operation, args, Success);
                    await SendAsync(operation, args, [Success], step: $"{operation.Name} (repeated)");
                }
            });
    }

    private async Task SecurityChecksAsync()
    {
        var probe = api.Create ?? api.Lifecycle[0];
        var basis = Channel.HasNonce
            ? "saas-v2.md §2.2; README decisions 1-2: signature over the body with the bound key, ±60 s, nonce not reused"
            : "saas-v1-and-joint.md §2.1-2.2; README decision 5: authToken over every parameter with the V1 Key";
        WireRequest Probe(Fault fault) => probe.Build(new OpArgs(NeedDebugInstance(), run.NewId("ORDER"), run.NewId("BIZ"), Test: true), fault);

        await Refused("tampered body rejected", basis, () => Probe(Fault.TamperedBody), "a request changed after signing");
        await Refused("wrong key rejected", basis, () => Probe(Fault.WrongKey), "a request signed with another key");
        await Refused("stale timestamp rejected", basis, () => Probe(Fault.StaleTimestamp), "a request with a stale timestamp");
        await Refused("missing signature rejected", basis, () => Probe(Fault.MissingSignature), "an unsigned request");

        const string replayBasis = "README decision 1: reject a nonce seen before within the window";
        if (!Channel.HasNonce)
        {
            run.Skip("replayed nonce rejected", CheckCategory.Security, replayBasis,
                "V1 authToken carries no nonce (saas-v1-and-joint.md §2.1); the stale-timestamp check covers replays");
            return;
        }

        await run.RunAsync("replayed nonce rejected", CheckCategory.Security, replayBasis, async () =>
        {
            var target = api.Query ?? probe;
            var request = target.Build(new OpArgs(NeedDebugInstance(), run.NewId("ORDER"), run.NewId("BIZ"), Test: true), Fault.None);
            target.ExpectCode(await run.SendAsync(request, cancellationToken), Channel, $"{target.Name} (first use of the nonce)", [Success]);
            Expect.Rejected(await run.SendAsync(request, cancellationToken), Channel, "the same signed request again (replayed nonce)");
        });
    }

    private Task Refused(string name, string basis, Func<WireRequest> build, string what) =>
        run.RunAsync(name, CheckCategory.Security, basis, async () =>
            Expect.Rejected(await run.SendAsync(build(), cancellationToken), Channel, what));

    private async Task LifecycleChecksAsync()
    {
        await run.RunAsync("unknown instance answers 000003", CheckCategory.Lifecycle,
            "saas-v2.md §4: 000003 instance ID does not exist", async () =>
            {
                var checkedAny = false;
                foreach (var operation in Operations().Where(o => o.UnknownIsNotFound))
                {
                    checkedAny = true;
                    await SendAsync(operation, new OpArgs(run.NewId("MISSING"), run.NewId("ORDER"), run.NewId("BIZ"), Test: false), NotFound);
                }

                if (!checkedAny)
                {
                    throw new CheckSkippedException("no interface of this family is required to answer 000003 for an id it has not seen");
                }
            });

        await run.RunAsync("testFlag=1 creates nothing lasting", CheckCategory.Lifecycle, TestFlagBasis, TestFlagLeavesNothingAsync);
        await run.RunAsync("whole lifecycle in order", CheckCategory.Lifecycle,
            "saas-v2.md §3.11, §1.7: create, query, renew, upgrade, freeze, unfreeze, release; repeats succeed; released is gone",
            WholeLifecycleAsync);
    }

    private const string TestFlagBasis =
        "README 'survive': debug calls must not create real resources. Observable on the wire: a real purchase of the " +
        "order a debug call used must get its own, new instance";

    private async Task<string?> TestFlagLeavesNothingAsync()
    {
        var create = api.Create ?? throw new CheckSkippedException(api.NoCreateReason ?? "this family creates nothing");
        run.RequireRealCalls();
        var debugId = _debugInstance ?? throw new CheckSkippedException($"needs the instance from {create.Name}, which failed");
        var realId = await CreateRealAsync(create, _debugOrder);
        await ReleaseQuietlyAsync(realId);
        return realId == debugId
            ? throw new CheckFailedException(
                $"a real {create.Name} for order {_debugOrder} answered the debug call's instanceId '{debugId}': the debug call created a lasting instance")
            : null;
    }

    private async Task<string?> WholeLifecycleAsync()
    {
        var create = api.Create ?? throw new CheckSkippedException(api.NoCreateReason ?? "this family creates nothing");
        run.RequireRealCalls();
        var instanceId = await CreateRealAsync(create, run.NewId("ORDER"));
        if (api.Query is { } query)
        {
            ExpectListed(await SendAsync(query, Real(instanceId), Success), instanceId, query.Name);
        }

        var released = false;
        try
        {
            foreach (var operation in api.Lifecycle)
            {
                var args = Real(instanceId);
                await SendAsync(operation, args, Success);
                await SendAsync(operation, args, [Success], step: $"{operation.Name} repeated");
            }

            released = true;
        }
        finally
        {
            if (!released)
            {
                // Leave nothing behind when a step failed half way.
                await ReleaseQuietlyAsync(instanceId);
            }
        }

        if (api.Query is { } after)
        {
            await SendAsync(after, Real(instanceId), [NotFound], step: $"{after.Name} after release");
        }

        return $"instance {instanceId}";
    }

    private OpArgs Real(string instanceId) => new(instanceId, run.NewId("ORDER"), run.NewId("BIZ"), Test: false);

    /// <summary>A real create; 000004 is followed up as KooGallery does (queryInstance polls, or the create is retried).</summary>
    private async Task<string> CreateRealAsync(InstanceOperation create, string orderId)
    {
        var answer = await SendAsync(create, new OpArgs(string.Empty, orderId, run.NewId("BIZ"), Test: false), [Success, Processing],
            step: $"real {create.Name}");
        var instanceId = answer.Text("instanceId") ?? throw new CheckFailedException($"real {create.Name}: 调测失败,接口响应缺少instanceId.");
        for (var attempt = 0; answer.ResultCode == Processing; attempt++)
        {
            if (attempt == 20)
            {
                throw new CheckFailedException($"real {create.Name}: still 000004 after {attempt} follow-ups");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), run.Time, cancellationToken);
            answer = api.Query is { } query
                ? await SendAsync(query, Real(instanceId), [Success, Processing], step: $"{query.Name} while provisioning")
                : await SendAsync(create, new OpArgs(string.Empty, orderId, run.NewId("BIZ"), Test: false), [Success, Processing],
                    step: $"real {create.Name} retried");
        }

        return instanceId;
    }

    private async Task ReleaseQuietlyAsync(string instanceId)
    {
        if (api.Lifecycle.Count > 0)
        {
            await run.SendAsync(api.Lifecycle[^1].Build(Real(instanceId), Fault.None), cancellationToken);
        }
    }

    private static void ExpectListed(Exchange answer, string instanceId, string step)
    {
        var listed = answer.Root is { } root && root.TryGetProperty("info", out var info) && info.ValueKind == System.Text.Json.JsonValueKind.Array
            && info.EnumerateArray().Any(i => i.TryGetProperty("instanceId", out var id) && id.GetString() == instanceId);
        if (!listed)
        {
            throw new CheckFailedException($"{step}: 调测失败,接口响应缺少instanceId. (info does not list {instanceId})");
        }
    }

    private IEnumerable<InstanceOperation> Operations() => api.Query is { } query ? api.Lifecycle.Prepend(query) : api.Lifecycle;

    private string NeedDebugInstance() =>
        _debugInstance ?? throw new CheckSkippedException($"needs the instance from {api.Create?.Name}, which failed");

    private Task<Exchange> SendAsync(InstanceOperation operation, OpArgs args, params string[] codes) =>
        SendAsync(operation, args, codes, step: operation.Name);

    private async Task<Exchange> SendAsync(InstanceOperation operation, OpArgs args, string[] codes, string step)
    {
        var answer = await run.SendAsync(operation.Build(args, Fault.None), cancellationToken);
        return operation.ExpectCode(answer, Channel, step, codes);
    }
}
