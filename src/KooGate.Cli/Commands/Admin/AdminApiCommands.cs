using System.CommandLine;
using KooGate.Client.Admin;

namespace KooGate.Cli.Commands.Admin;

/// <summary>
/// <c>koogate admin instances|outbox|usage|tenants|callbacks …</c>: day-to-day operations against a running server's
/// admin API, through <see cref="KooGateAdminClient"/>.
/// </summary>
internal static class AdminApiCommands
{
    public static IEnumerable<Command> Create(CliContext context) => [Instances(context), Outbox(context), Usage(context), Tenants(context), Callbacks(context)];

    private static Command Instances(CliContext context)
    {
        var list = new Command("list", Examples.Describe("list instances, newest first",
            "koogate admin instances list --state Provisioning",
            "koogate admin instances list --search ORDER-42 --from 2026-03-01 --json"));
        var state = new Option<string>("--state") { Description = "Provisioning, Active, Frozen, Released or Failed" };
        var search = new Option<string>("--search") { Description = "part of an instance or order id" };
        var product = new Option<string>("--product") { Description = "productId" };
        var customer = new Option<string>("--customer") { Description = "the buyer's customerId (from the fetched order)" };
        var from = AdminConnection.DateOption("--from", "created at or after");
        var to = AdminConnection.DateOption("--to", "created before");
        var test = new Option<bool?>("--debug") { Description = "true: only debug (testFlag=1) instances; false: only real ones" };
        var hideChecks = new Option<bool>("--hide-checks") { Description = "leave out instances created by koogate check and load (KGCHECK…)" };
        list.Options.Add(state);
        list.Options.Add(search);
        list.Options.Add(product);
        list.Options.Add(customer);
        list.Options.Add(from);
        list.Options.Add(to);
        list.Options.Add(test);
        list.Options.Add(hideChecks);
        var (skip, take) = AdminConnection.PagingOptions(list);
        AdminConnection.SetAction(list, context, (r, client, ct) => client.ListInstancesAsync(new InstanceQuery(
            State: r.GetValue(state), Search: r.GetValue(search), ProductId: r.GetValue(product), CustomerId: r.GetValue(customer), From: r.GetValue(from),
            To: r.GetValue(to), Test: r.GetValue(test), Synthetic: r.GetValue(hideChecks) ? false : null, Skip: r.GetValue(skip), Take: r.GetValue(take)), ct), AdminTables.Instances);

        var show = new Command("show", Examples.Describe("an instance with its history and fetched orders", "koogate admin instances show 5f2a…"));
        var showId = InstanceId(show);
        AdminConnection.SetAction(show, context, (r, client, ct) => client.GetInstanceAsync(r.GetValue(showId)!, ct), AdminTables.InstanceDetails);

        var complete = new Command("complete", Examples.Describe(
            "finish asynchronous provisioning: the instance becomes active and the buyer receives the app info",
            "koogate admin instances complete 5f2a… --front-end-url https://app.example.com/t/42 --user-name owner --password-file pw.txt"));
        var completeId = InstanceId(complete);
        var frontEnd = new Option<string>("--front-end-url") { Description = "where the buyer uses the product (absolute http(s) URL)", Required = true };
        var adminUrl = new Option<string>("--admin-url") { Description = "the buyer's administration page" };
        var userName = new Option<string>("--user-name") { Description = "the buyer's first account" };
        var passwordFile = new Option<string>("--password-file") { Description = "file whose first line is that account's password ('-' for stdin)" };
        var memo = new Option<string>("--memo") { Description = "a note shown to the buyer" };
        complete.Options.Add(frontEnd);
        complete.Options.Add(adminUrl);
        complete.Options.Add(userName);
        complete.Options.Add(passwordFile);
        complete.Options.Add(memo);
        AdminConnection.SetAction(complete, context, (r, client, ct) => client.CompleteInstanceAsync(r.GetValue(completeId)!, new CompleteProvisioning(
            r.GetValue(frontEnd)!, r.GetValue(adminUrl), r.GetValue(userName), ReadPassword(r.GetValue(passwordFile)), r.GetValue(memo)), ct), AdminTables.Instance);

        var fail = new Command("fail", Examples.Describe(
            "give up provisioning: the marketplace's next newInstance or queryInstance gets this result code",
            "koogate admin instances fail 5f2a… --code 000005 --message \"no capacity in the region\""));
        var failId = InstanceId(fail);
        var code = new Option<string>("--code") { Description = "six-digit result code (default 000005)" };
        var message = new Option<string>("--message") { Description = "why (the marketplace shows resultMsg)" };
        fail.Options.Add(code);
        fail.Options.Add(message);
        AdminConnection.SetAction(fail, context, (r, client, ct) => client.FailInstanceAsync(r.GetValue(failId)!, r.GetValue(code), r.GetValue(message), ct), AdminTables.Instance);

        var retry = new Command("retry", Examples.Describe("run provisioning again for an instance whose provisioning failed", "koogate admin instances retry 5f2a…"));
        var retryId = InstanceId(retry);
        AdminConnection.SetAction(retry, context, (r, client, ct) => client.RetryInstanceAsync(r.GetValue(retryId)!, ct), AdminTables.Raw);

        return new Command("instances", "purchased instances: list, show, complete, fail or retry provisioning") { list, show, complete, fail, retry };
    }

    private static Command Outbox(CliContext context)
    {
        var list = new Command("list", Examples.Describe("list webhook deliveries, newest first",
            "koogate admin outbox list --status Dead", "koogate admin outbox list --instance 5f2a… --json"));
        var status = new Option<string>("--status") { Description = "Pending, Delivered or Dead" };
        var instance = new Option<string>("--instance") { Description = "instanceId" };
        var type = new Option<string>("--type") { Description = "event type, e.g. instance.created" };
        list.Options.Add(status);
        list.Options.Add(instance);
        list.Options.Add(type);
        var (skip, take) = AdminConnection.PagingOptions(list);
        AdminConnection.SetAction(list, context, (r, client, ct) => client.ListOutboxAsync(
            new OutboxQuery(r.GetValue(status), r.GetValue(instance), r.GetValue(type), r.GetValue(skip), r.GetValue(take)), ct), AdminTables.Deliveries);

        var show = new Command("show", Examples.Describe("a delivery with its payload", "koogate admin outbox show 3c1e…"));
        var showId = EventId(show);
        AdminConnection.SetAction(show, context, (r, client, ct) => client.GetDeliveryAsync(r.GetValue(showId), ct), AdminTables.Delivery);

        var redeliver = new Command("redeliver", Examples.Describe("queue deliveries again with a fresh attempt budget",
            "koogate admin outbox redeliver 3c1e…", "koogate admin outbox redeliver --all-dead"));
        var ids = new Argument<Guid[]>("event-id") { Description = "the deliveries' event ids", Arity = ArgumentArity.ZeroOrMore };
        var allDead = new Option<bool>("--all-dead") { Description = "every dead delivery" };
        redeliver.Arguments.Add(ids);
        redeliver.Options.Add(allDead);
        AdminConnection.SetAction(redeliver, context, async (r, client, ct) =>
        {
            var chosen = r.GetValue(ids) ?? [];
            if ((chosen.Length > 0) == r.GetValue(allDead))
            {
                throw new CliInputException("give event ids or --all-dead, not both");
            }

            var targets = chosen.Length > 0 ? chosen : await AllDeadAsync(client, ct);
            var requeued = new List<AdminDelivery>();
            foreach (var id in targets)
            {
                requeued.Add(await client.RedeliverAsync(id, ct));
            }

            return new AdminPage<AdminDelivery>(requeued, requeued.Count, 0, requeued.Count);
        }, AdminTables.Deliveries);

        return new Command("outbox", "webhook deliveries to the seller's app: list, show, redeliver") { list, show, redeliver };
    }

    private static Command Usage(CliContext context)
    {
        var list = new Command("list", Examples.Describe("list reported usage records, newest first",
            "koogate admin usage list --instance 5f2a…", "koogate admin usage list --state failed"));
        var instance = new Option<string>("--instance") { Description = "instanceId" };
        var state = new Option<string>("--state") { Description = "the state of the records' push, e.g. failed" };
        list.Options.Add(instance);
        list.Options.Add(state);
        var (skip, take) = AdminConnection.PagingOptions(list);
        AdminConnection.SetAction(list, context, (r, client, ct) => client.ListUsageAsync(
            new UsageQuery(r.GetValue(instance), r.GetValue(state), r.GetValue(skip), r.GetValue(take)), ct), AdminTables.UsageEntries);

        var redrive = new Command("redrive", Examples.Describe("push failed usage to the marketplace again (all failed when no id is given)",
            "koogate admin usage redrive", "koogate admin usage redrive rec-1 rec-2"));
        var ids = new Argument<string[]>("id") { Description = "the failed records' ids", Arity = ArgumentArity.ZeroOrMore };
        redrive.Arguments.Add(ids);
        AdminConnection.SetAction(redrive, context, (r, client, ct) => client.RedriveUsageAsync(r.GetValue(ids) is { Length: > 0 } chosen ? chosen : null, ct), AdminTables.Raw);

        return new Command("usage", "pay-per-use usage records and their pushes: list, redrive") { list, redrive };
    }

    private static Command Tenants(CliContext context)
    {
        var list = new Command("list", Examples.Describe("list Kit tenants, most recently changed first", "koogate admin tenants list --search acme"));
        var search = new Option<string>("--search") { Description = "part of a tenant's id, name, code, domain, instance or order" };
        var deleted = new Option<bool>("--deleted") { Description = "include deleted tenants" };
        list.Options.Add(search);
        list.Options.Add(deleted);
        var (skip, take) = AdminConnection.PagingOptions(list);
        AdminConnection.SetAction(list, context, (r, client, ct) => client.ListTenantsAsync(
            new TenantQuery(r.GetValue(search), r.GetValue(deleted) ? true : null, r.GetValue(skip), r.GetValue(take)), ct), AdminTables.Tenants);

        var show = new Command("show", Examples.Describe("a tenant with its applications, users and department tree (never the client secret)",
            "koogate admin tenants show 5f2a… 68cbc86a…", "koogate admin tenants show \"\" 68cbc86a…   (a credential application's tenant)"));
        var instanceId = new Argument<string>("instance-id") { Description = "the tenant's instanceId (\"\" for a credential application)" };
        var tenantId = new Argument<string>("tenant-id") { Description = "the tenantId" };
        show.Arguments.Add(instanceId);
        show.Arguments.Add(tenantId);
        AdminConnection.SetAction(show, context, (r, client, ct) => client.GetTenantAsync(r.GetValue(instanceId)!, r.GetValue(tenantId)!, ct), AdminTables.Tenant);

        return new Command("tenants", "Kit tenants (tenantSync, applicationSync, authSync, org syncs): list, show") { list, show };
    }

    private static Command Callbacks(CliContext context)
    {
        var list = new Command("list", Examples.Describe("the production-interface call log, newest first (secrets redacted)",
            "koogate admin callbacks list --failed --hide-checks", "koogate admin callbacks list --order CS1906666666ABCDE"));
        var order = new Option<string>("--order") { Description = "orderId" };
        var instance = new Option<string>("--instance") { Description = "instanceId (or license code)" };
        var activity = new Option<string>("--activity") { Description = "activity, e.g. newInstance" };
        var resultCode = new Option<string>("--result-code") { Description = "six-digit result code" };
        var failed = new Option<bool>("--failed") { Description = "only answers other than 000000 and 000004" };
        var hideChecks = new Option<bool>("--hide-checks") { Description = "leave out calls of koogate check and load (KGCHECK…)" };
        var from = AdminConnection.DateOption("--from", "received at or after");
        var to = AdminConnection.DateOption("--to", "received before");
        foreach (var option in new Option[] { order, instance, activity, resultCode, failed, hideChecks, from, to })
        {
            list.Options.Add(option);
        }

        var (skip, take) = AdminConnection.PagingOptions(list);
        AdminConnection.SetAction(list, context, (r, client, ct) => client.ListCallbacksAsync(new CallbackQuery(
            r.GetValue(order), r.GetValue(instance), r.GetValue(activity), r.GetValue(resultCode), r.GetValue(from), r.GetValue(to),
            r.GetValue(failed) ? true : null, r.GetValue(hideChecks) ? false : null, Skip: r.GetValue(skip), Take: r.GetValue(take)), ct), AdminTables.Callbacks);

        return new Command("callbacks", "the callback log of the production interface") { list };
    }

    private static Argument<string> InstanceId(Command command)
    {
        var id = new Argument<string>("instance-id") { Description = "the instanceId" };
        command.Arguments.Add(id);
        return id;
    }

    private static Argument<Guid> EventId(Command command)
    {
        var id = new Argument<Guid>("event-id") { Description = "the delivery's event id" };
        command.Arguments.Add(id);
        return id;
    }

    private static async Task<Guid[]> AllDeadAsync(KooGateAdminClient client, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        while (true)
        {
            var page = await client.ListOutboxAsync(new OutboxQuery(Status: "Dead", Skip: ids.Count, Take: 500), cancellationToken);
            ids.AddRange(page.Items.Select(m => m.Id));
            if (page.Items.Count == 0 || ids.Count >= page.Total)
            {
                return [.. ids];
            }
        }
    }

    private static string? ReadPassword(string? path) =>
        path is null ? null : System.Text.Encoding.UTF8.GetString(CliContext.ReadBody(path)).Split('\n')[0].TrimEnd('\r');
}
