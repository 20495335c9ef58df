using KooGate.Conformance.Checks;
using KooGate.Conformance.Wire;
using KooGate.Protocol.Messages;

namespace KooGate.Conformance.Profiles;

/// <summary>
/// The checks of an instance-shaped family. Debug calls (<c>testFlag=1</c>) carry the debugger, repeatability and
/// security checks; real calls (<c>KGCHECK…</c> orders) carry idempotency, the testFlag check and one whole lifecycle,
/// unless <c>--debug-only</c>. Every real instance is released again, also when a step fails half way.
/// </summary>
internal sealed class InstanceChecks(CheckRun run, InstanceApi api, CancellationToken cancellationToken)
{
    public const int ConcurrentDuplicates = 4;
    private const string Success = Expect.SuccessCode;
    private const string Processing = "000004";
    private const string NotFound = "000003";

    /// <summary>The debugger's mock order for an on-demand purchase (saas-v2.md §3.10).</summary>
    private const string OnDemandMockOrder = "MOCKONDEMAND";

    private const string IdempotencyBasis =
        "saas-v2.md §1.7: \"for the same orderId + orderLineId return the same instanceId and do not create a new instance\"; businessId differs on every retry";

    private readonly string _debugOrder = run.NewId("ORDER");
    private readonly HashSet<string> _unreleased = [];
    private Identity? _debugIdentity;
    private string? _debugInstance;

    private Channel Channel => api.Channel;

    private ConformanceOptions Options => run.Options;

    public async Task RunAsync()
    {
        try
        {
            await DebuggerChecksAsync();
            await IdempotencyChecksAsync();
            await SecurityChecksAsync();
            await LifecycleChecksAsync();
        }
        finally
        {
            // Never leave a KGCHECK instance behind, provisioning or not.
            foreach (var instanceId in _unreleased.ToList())
            {
                await ReleaseQuietlyAsync(instanceId);
            }
        }
    }

    private async Task DebuggerChecksAsync()
    {
        if (api.Create is { } create)
        {
            await run.RunAsync(create.Name, CheckCategory.Debugger, CheckLevel.Must, api.Spec, async () =>
            {
                var answer = await SendAsync(create, new OpArgs(string.Empty, _debugOrder, run.NewId("BIZ"), Test: true), Success);
                _debugIdentity = create.Identify(answer, create.Name);
                _debugInstance = _debugIdentity.InstanceId;
            });
        }
        else
        {
            // Nothing to create from this interface (license codes come from the marketplace): use an id of our own.
            _debugInstance = run.NewId("INST");
        }

        foreach (var operation in api.Lifecycle.Where(o => o.ChangeOnly && !Options.ChangeCheck))
        {
            run.Skip(operation.Name, CheckCategory.Debugger, CheckLevel.Must, api.Spec,
                "optional: only products that enable 续费变更 (renewal with change) implement it (saas-v2.md §3.7); pass --change-check");
        }

        foreach (var operation in Operations())
        {
            await run.RunAsync(operation.Name, CheckCategory.Debugger, CheckLevel.Must, api.Spec, async () =>
            {
                var instanceId = NeedDebugInstance();
                var answer = await SendAsync(operation, Debug(instanceId), Success);
                if (operation == api.Query)
                {
                    ExpectListed(answer, instanceId, operation.Name);
                }
            });
        }

        if (Options.OnDemand)
        {
            await OnDemandUsageCheckAsync();
        }
    }

    /// <summary>saas-v2.md §3.2: usageInfo is required for on-demand instances, with usageValue and statisticalTime.</summary>
    private Task OnDemandUsageCheckAsync() =>
        run.RunAsync("queryInstance usageInfo (on-demand)", CheckCategory.Debugger, CheckLevel.Must,
            "saas-v2.md §3.2: usageInfo \"required for on-demand and on-demand-package instances\"; the debugger checks usageValue and statisticalTime",
            async () =>
            {
                var create = api.Create ?? throw new CheckSkippedException(api.NoCreateReason ?? "this family creates nothing");
                var query = api.Query ?? throw new CheckSkippedException("this family has no queryInstance");
                var created = await SendAsync(create, new OpArgs(string.Empty, OnDemandMockOrder, run.NewId("BIZ"), Test: true), Success);
                var instanceId = create.Identify(created, create.Name).InstanceId!;
                var answer = await SendAsync(query, Debug(instanceId), Success);
                var entry = Listed(answer, instanceId, query.Name) ?? throw new CheckFailedException(
                    $"{query.Name}: 调测失败,接口响应缺少instanceId. (info does not list {instanceId})");
                if (entry.UsageInfo is not { Count: > 0 })
                {
                    throw new CheckFailedException($"{query.Name} of the {OnDemandMockOrder} instance {instanceId}: 调测失败,接口响应缺少usageInfo.");
                }

                return $"debug order {OnDemandMockOrder}, instance {instanceId}";
            });

    private async Task IdempotencyChecksAsync()
    {
        if (api.Create is not { } create)
        {
            var reason = api.NoCreateReason ?? "this family creates nothing";
            run.Skip("retry with a new businessId", CheckCategory.Idempotency, CheckLevel.Must, IdempotencyBasis, reason);
            run.Skip("concurrent duplicates", CheckCategory.Idempotency, CheckLevel.Should, IdempotencyBasis, reason);
        }
        else
        {
            await run.RunAsync("retry with a new businessId", CheckCategory.Idempotency, run.MustOnRealCalls, IdempotencyBasis,
                () => RetryKeepsInstanceAsync(create));
            await run.RunAsync("concurrent duplicates", CheckCategory.Idempotency, CheckLevel.Should,
                IdempotencyBasis + "; simultaneous duplicates are KooGate's recommendation (the docs say nothing about concurrency)",
                () => ConcurrentDuplicatesAsync(create));
        }

        await run.RunAsync("repeated calls succeed", CheckCategory.Idempotency, CheckLevel.Must,
            "saas-v2.md §1.7, §5: \"Debug cases are re-run automatically (拨测) so every interface must be repeatable and idempotent with the same parameters\"",
            async () =>
            {
                var instanceId = NeedDebugInstance();
                foreach (var operation in Operations())
                {
                    var args = Debug(instanceId);
                    await SendAsync(operation, args, Success);
                    await SendAsync(operation, args, [Success], step: $"{operation.Name} (repeated)");
                }
            });
    }

    private async Task<string?> RetryKeepsInstanceAsync(InstanceOperation create)
    {
        if (Options.DebugOnly)
        {
            var first = _debugIdentity ?? throw new CheckSkippedException($"needs the instance from {create.Name}, which failed");
            var retry = await SendAsync(create, new OpArgs(string.Empty, _debugOrder, run.NewId("BIZ"), Test: true), Success);
            ExpectSameIdentity(create, first, retry, _debugOrder);
            return "debug calls (--debug-only): Huawei's sample answers debug calls without state, so this is only a warning";
        }

        var order = run.NewId("ORDER");
        // The identity the create answered, once provisioning settled (000004 followed up in CreateRealAsync).
        var (_, identity) = await CreateRealAsync(create, order);
        var again = await SendAsync(create, new OpArgs(string.Empty, order, run.NewId("BIZ"), Test: false), [Success, Processing],
            step: $"real {create.Name} retried");
        ExpectSameIdentity(create, identity, again, order);
        return $"real order {order}";
    }

    private void ExpectSameIdentity(InstanceOperation create, Identity first, Exchange retry, string order)
    {
        var again = create.Identify(retry, $"the retry of order {order}");
        if (again.InstanceId is { } extra && first.InstanceId != extra && !Options.DebugOnly)
        {
            _unreleased.Add(extra);
        }

        // After 000004 only the instanceId is settled.
        var compared = retry.ResultCode == Processing ? 1 : first.Fields.Count;
        foreach (var (field, value) in first.Fields.Take(compared))
        {
            var answered = again.Fields.First(f => f.Key == field).Value;
            if (answered != value)
            {
                throw new CheckFailedException($"the retry of order {order} answered {field} '{answered}', the first call '{value}'");
            }
        }
    }

    private async Task<string?> ConcurrentDuplicatesAsync(InstanceOperation create)
    {
        var order = run.NewId("ORDER");
        var test = Options.DebugOnly;
        var answers = await Task.WhenAll(Enumerable.Range(0, ConcurrentDuplicates).Select(_ =>
            SendAsync(create, new OpArgs(string.Empty, order, run.NewId("BIZ"), test), Success, Processing)));
        var ids = answers.Select(a => create.Identify(a, $"simultaneous {create.Name}").InstanceId).Distinct().ToList();
        if (!test)
        {
            _unreleased.UnionWith(ids.OfType<string>());
        }

        return ids.Count != 1
            ? throw new CheckFailedException(
                $"{ConcurrentDuplicates} simultaneous calls for order {order} answered {ids.Count} different instanceIds: {string.Join(", ", ids)}")
            : test ? "debug calls (--debug-only)" : $"real order {order}";
    }

    private async Task SecurityChecksAsync()
    {
        var probe = api.Create ?? api.Lifecycle[0];
        WireRequest Probe(Fault fault) => probe.Build(Debug(NeedDebugInstance()), fault);

        await SecurityChecks.RunAsync(run, Channel, string.Empty, Probe, async accepted =>
        {
            // A forged call a server took as real may have created an instance: release it.
            if (probe == api.Create && AcceptedInstance(probe, accepted) is { } created && created != _debugInstance)
            {
                await ReleaseQuietlyAsync(created);
            }
        }, cancellationToken);

        var target = api.Query ?? probe;
        await SecurityChecks.ReplayAsync(run, Channel, string.Empty, () => target.Build(Debug(NeedDebugInstance()), Fault.None),
            (exchange, step) => target.ExpectCode(exchange, Channel, $"{target.Name} ({step})", [Success]), cancellationToken);
    }

    private async Task LifecycleChecksAsync()
    {
        await run.RunAsync("unknown instance answers 000003", CheckCategory.Lifecycle, CheckLevel.Should,
            "saas-v2.md §4: \"000003 instance ID does not exist (may be returned by update instance, update status, release)\"; " +
            "Huawei's sample answers queryInstance 000000 without the unknown id", async () =>
            {
                var checkedAny = false;
                foreach (var operation in Operations().Where(o => o.UnknownIsNotFound))
                {
                    checkedAny = true;
                    await SendAsync(operation, Real(run.NewId("MISSING")), NotFound);
                }

                if (!checkedAny)
                {
                    throw new CheckSkippedException("no interface of this family is required to answer 000003 for an id it has not seen");
                }
            });

        await run.RunAsync("testFlag=1 creates nothing lasting", CheckCategory.Lifecycle, CheckLevel.Must, TestFlagBasis, TestFlagLeavesNothingAsync);
        await run.RunAsync("whole lifecycle in order", CheckCategory.Lifecycle, CheckLevel.Must,
            "saas-v2.md §3.11, §1.7: create, query, renew, upgrade, freeze, unfreeze, release; \"return success on repeats\"",
            WholeLifecycleAsync);
    }

    private const string TestFlagBasis =
        "saas-v2.md §3: testFlag \"1\" = debug request; README decision 14: debug calls never create real resources. Observable on " +
        "the wire: a real purchase of the order a debug call used must get its own, new instance";

    private async Task<string?> TestFlagLeavesNothingAsync()
    {
        var create = api.Create ?? throw new CheckSkippedException(api.NoCreateReason ?? "this family creates nothing");
        run.RequireRealCalls();
        var debugId = _debugInstance ?? throw new CheckSkippedException($"needs the instance from {create.Name}, which failed");
        var (realId, _) = await CreateRealAsync(create, _debugOrder);
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
        var (instanceId, _) = await CreateRealAsync(create, run.NewId("ORDER"));
        if (api.Query is { } query)
        {
            ExpectListed(await SendAsync(query, Real(instanceId), Success), instanceId, query.Name);
        }

        foreach (var operation in Lifecycle())
        {
            var args = Real(instanceId);
            await SendAsync(operation, args, Success);
            await SendAsync(operation, args, [Success], step: $"{operation.Name} repeated");
        }

        _unreleased.Remove(instanceId);
        if (api.Query is { } after)
        {
            // Gone: 000003 (recommended), or success without listing it (Huawei's sample).
            var answer = await SendAsync(after, Real(instanceId), [NotFound, Success], step: $"{after.Name} after release");
            if (answer.ResultCode == Success && Listed(answer, instanceId, $"{after.Name} after release") is not null)
            {
                throw new CheckFailedException($"{after.Name} after release still lists {instanceId}");
            }
        }

        return $"instance {instanceId}";
    }

    private OpArgs Real(string instanceId) => new(instanceId, run.NewId("ORDER"), run.NewId("BIZ"), Test: false);

    private OpArgs Debug(string instanceId) => new(instanceId, run.NewId("ORDER"), run.NewId("BIZ"), Test: true);

    /// <summary>
    /// A real create; 000004 is followed up as KooGallery does (queryInstance polls, or the create is retried) for up to
    /// <see cref="ConformanceOptions.ProvisioningWait"/> (webhook-mode servers provision in the seller's application).
    /// </summary>
    private async Task<(string InstanceId, Identity Identity)> CreateRealAsync(InstanceOperation create, string orderId)
    {
        var first = await SendAsync(create, new OpArgs(string.Empty, orderId, run.NewId("BIZ"), Test: false), [Success, Processing],
            step: $"real {create.Name}");
        var identity = create.Identify(first, $"real {create.Name}");
        var instanceId = identity.InstanceId ?? throw new CheckFailedException($"real {create.Name}: 调测失败,接口响应缺少instanceId.");
        _unreleased.Add(instanceId);
        var started = run.Time.GetTimestamp();
        var answer = first;
        for (var attempt = 1; answer.ResultCode == Processing; attempt++)
        {
            if (run.Time.GetElapsedTime(started) >= Options.ProvisioningWait)
            {
                throw new CheckFailedException(
                    $"real {create.Name}: instance {instanceId} still 000004 (provisioning) after {Options.ProvisioningWait.TotalSeconds:0} s " +
                    "(--provisioning-wait); it is released again");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 250 * attempt)), run.Time, cancellationToken);
            if (api.Query is { } query)
            {
                answer = await SendAsync(query, Real(instanceId), [Success, Processing], step: $"{query.Name} while provisioning");
            }
            else
            {
                answer = await SendAsync(create, new OpArgs(string.Empty, orderId, run.NewId("BIZ"), Test: false), [Success, Processing],
                    step: $"real {create.Name} retried");
                identity = create.Identify(answer, $"real {create.Name} retried");
            }
        }

        // A V2 create that answered 000004 settles through queryInstance listings: its instanceId is the create's.
        return (instanceId, identity.WithInstanceId(instanceId));
    }

    private async Task ReleaseQuietlyAsync(string instanceId)
    {
        _unreleased.Remove(instanceId);
        if (api.Lifecycle.Count > 0)
        {
            await run.SendAsync(api.Lifecycle[^1].Build(Real(instanceId), Fault.None), cancellationToken);
        }
    }

    /// <summary>The <c>info</c> entry of a queryInstance reply for the instance, read through its record.</summary>
    private static InstanceInfo? Listed(Exchange answer, string instanceId, string step) =>
        Expect.Read<QueryInstanceResponse>(answer, step).Info?.FirstOrDefault(i => i?.InstanceId == instanceId);

    /// <summary>The instance a wrongly accepted forged create answered, if its reply says one.</summary>
    private static string? AcceptedInstance(InstanceOperation create, Exchange accepted)
    {
        try
        {
            return create.Identify(accepted, create.Name).InstanceId;
        }
        catch (CheckFailedException)
        {
            // A reply its record cannot read names no instance to release.
            return null;
        }
    }

    private static void ExpectListed(Exchange answer, string instanceId, string step)
    {
        if (Listed(answer, instanceId, step) is null)
        {
            throw new CheckFailedException($"{step}: 调测失败,接口响应缺少instanceId. (info does not list {instanceId})");
        }
    }

    /// <summary>The lifecycle calls this run checks: the 续费变更 ones only with <c>--change-check</c>.</summary>
    private IEnumerable<InstanceOperation> Lifecycle() => api.Lifecycle.Where(o => !o.ChangeOnly || Options.ChangeCheck);

    private IEnumerable<InstanceOperation> Operations() => api.Query is { } query ? Lifecycle().Prepend(query) : Lifecycle();

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
