using KooGate.Conformance.Checks;
using KooGate.Conformance.Wire;
using KooGate.Protocol.Messages;

namespace KooGate.Conformance.Profiles;

/// <summary>
/// The checks of a Kit family. Debug syncs carry the debugger and security checks; the add/delete sequence is real
/// (<c>testFlag=0</c>) about a <c>KGCHECK…</c> tenant and ends deleted, or debug with <c>--debug-only</c>.
/// </summary>
internal sealed class KitChecks(CheckRun run, KitApi api, CancellationToken cancellationToken)
{
    private const string Idempotency = "saas-v2.md §1.7: repeated add creates nothing new and succeeds; repeated delete succeeds; delete needs no instance";

    private JsonChannel Channel => api.Channel;

    public async Task RunAsync()
    {
        foreach (var operation in api.Operations)
        {
            await CheckAsync(api.NamePrefix + operation.Name, CheckCategory.Debugger, CheckLevel.Must, api.Spec, operation, async () =>
                await SyncAsync(operation, Args(KitFlags.Add, test: true), operation.Name));
        }

        await CheckAsync(api.NamePrefix + "repeated adds and deletes in sync order", CheckCategory.Idempotency, CheckLevel.Must, Idempotency, null, RepeatedSyncsAsync);
        var tenantSync = api.Operations[0];
        await CheckAsync(api.NamePrefix + "delete of something never synced", CheckCategory.Idempotency, CheckLevel.Must, Idempotency, tenantSync, async () =>
        {
            foreach (var operation in api.Operations.Where(o => o.HasDelete && o.SkipReason is null))
            {
                await SyncAsync(operation, Args(KitFlags.Delete, test: run.Options.DebugOnly), $"{operation.Name} delete of an unknown record");
            }
        });
        await CheckAsync(api.NamePrefix + "concurrent duplicates", CheckCategory.Idempotency, CheckLevel.Should, Idempotency, tenantSync, async () =>
        {
            var args = Args(KitFlags.Add, test: run.Options.DebugOnly);
            await Task.WhenAll(Enumerable.Range(0, InstanceChecks.ConcurrentDuplicates).Select(_ => SyncAsync(tenantSync, args, "simultaneous tenantSync add")));
            await SyncAsync(tenantSync, args with { Flag = KitFlags.Delete }, "tenantSync delete");
        });

        await SecurityChecksAsync(tenantSync);

        run.Skip(api.NamePrefix + "unknown instance answers 000003", CheckCategory.Lifecycle, CheckLevel.Should, Idempotency,
            "Kit syncs must not require the instance to exist (saas-v2.md §1.7), so there is no 000003 rule");
        run.Skip(api.NamePrefix + "testFlag=1 creates nothing lasting", CheckCategory.Lifecycle, CheckLevel.Must, "README decision 14",
            "Kit replies carry nothing about stored state, so a debug sync's effect is not observable on the wire");
    }

    private async Task<string?> RepeatedSyncsAsync()
    {
        var test = run.Options.DebugOnly;
        var add = Args(KitFlags.Add, test);
        var usable = api.Operations.Where(o => o.SkipReason is null).ToList();
        foreach (var operation in usable)
        {
            await SyncAsync(operation, add, $"{operation.Name} add");
            await SyncAsync(operation, add, $"{operation.Name} add repeated");
        }

        foreach (var operation in usable.Where(o => o.HasDelete).Reverse())
        {
            await SyncAsync(operation, add with { Flag = KitFlags.Delete }, $"{operation.Name} delete");
            await SyncAsync(operation, add with { Flag = KitFlags.Delete }, $"{operation.Name} delete repeated");
        }

        var skipped = api.Operations.Where(o => o.SkipReason is not null).Select(o => o.Name).ToList();
        return (test ? "debug calls (--debug-only)" : $"real calls for tenant {add.TenantId}")
            + (skipped.Count > 0 ? $"; without {string.Join(", ", skipped)}" : string.Empty);
    }

    private async Task SecurityChecksAsync(KitOperation probe)
    {
        await SecurityChecks.RunAsync(run, Channel, api.NamePrefix, fault => probe.Build(Args(KitFlags.Add, test: true), fault),
            _ => Task.CompletedTask, cancellationToken);
        await SecurityChecks.ReplayAsync(run, Channel, api.NamePrefix, () => probe.Build(Args(KitFlags.Add, test: true), Fault.None),
            (exchange, step) => Expect.Success<ProduceResponse>(exchange, Channel, $"{probe.Name} ({step})"), cancellationToken);
    }

    private Task CheckAsync(string name, CheckCategory category, CheckLevel level, string basis, KitOperation? operation, Func<Task<string?>> body)
    {
        if (operation?.SkipReason is { } reason)
        {
            run.Skip(name, category, level, basis, reason);
            return Task.CompletedTask;
        }

        return run.RunAsync(name, category, level, basis, body);
    }

    private Task CheckAsync(string name, CheckCategory category, CheckLevel level, string basis, KitOperation? operation, Func<Task> body) =>
        CheckAsync(name, category, level, basis, operation, async () =>
        {
            await body();
            return null;
        });

    private KitArgs Args(int flag, bool test) => new(run.NewId("INST"), run.NewId("TENANT"), run.NewId("ORG"), flag, test);

    private async Task SyncAsync(KitOperation operation, KitArgs args, string step) =>
        Expect.Success<ProduceResponse>(await run.SendAsync(operation.Build(args, Fault.None), cancellationToken), Channel, step);
}
