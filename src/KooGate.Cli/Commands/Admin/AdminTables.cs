using System.Globalization;
using KooGate.Client.Admin;
using Spectre.Console;

namespace KooGate.Cli.Commands.Admin;

/// <summary>The table forms of the admin API's answers.</summary>
internal static class AdminTables
{
    public static void Instances(IAnsiConsole console, AdminPage<AdminInstance> page) => Page(console, page,
        ["Instance", "Order", "State", "Product / SKU", "Expires (UTC)", "Created (UTC)", "Failure"],
        i => [i.InstanceId + (i.IsTest ? " (debug)" : string.Empty), i.OrderId, i.State, Join(i.ProductId, i.SkuCode), Time(i.ExpireTime), Time(i.CreatedAt), Join(i.FailureCode, i.FailureMessage)]);

    public static void Instance(IAnsiConsole console, AdminInstance i) => Fields(console,
        ("Instance", i.InstanceId), ("Order / line", $"{i.OrderId} / {i.OrderLineId}"), ("State", i.State + (i.IsTest ? " (debug)" : string.Empty)),
        ("Product / SKU", Join(i.ProductId, i.SkuCode, i.ChargingMode)), ("Expires (UTC)", Time(i.ExpireTime)), ("Created (UTC)", Time(i.CreatedAt)),
        ("Updated (UTC)", Time(i.UpdatedAt)), ("Front-end URL", i.FrontEndUrl), ("Admin URL", i.AdminUrl), ("User name", i.UserName),
        ("Failure", Join(i.FailureCode, i.FailureMessage)));

    public static void InstanceDetails(IAnsiConsole console, AdminInstanceDetails details)
    {
        Instance(console, details.Instance);
        console.WriteLine();
        Rows(console, "History", ["At (UTC)", "Event", "From", "To", "Order", "Detail"], details.Events,
            e => [Time(e.At), e.Type, e.FromState, e.ToState, e.OrderId, e.Detail]);
        Rows(console, "Orders", ["Order / line", "Fetch", "Attempts", "Type", "Customer", "Last error"], details.Orders,
            o => [$"{o.OrderId} / {o.OrderLineId}", o.FetchStatus, Number(o.Attempts), o.OrderType, Join(o.CustomerName, o.CustomerId), o.LastError]);
    }

    public static void Deliveries(IAnsiConsole console, AdminPage<AdminDelivery> page) => Page(console, page,
        ["Event", "Type", "Instance", "Status", "Attempts", "Created (UTC)", "Delivered (UTC)", "Last error"],
        m => [m.Id.ToString(), m.Type, m.InstanceId, m.Status, Number(m.Attempts), Time(m.CreatedAt), Time(m.DeliveredAt), m.LastError]);

    public static void Delivery(IAnsiConsole console, AdminDelivery m)
    {
        Fields(console, ("Event", m.Id.ToString()), ("Type", m.Type), ("Instance", m.InstanceId), ("Status", m.Status), ("Attempts", Number(m.Attempts)),
            ("Created (UTC)", Time(m.CreatedAt)), ("Next attempt (UTC)", Time(m.NextAttemptAt)), ("Delivered (UTC)", Time(m.DeliveredAt)), ("Last error", m.LastError));
        console.WriteLine();
        Rows(console, "Attempts", ["Attempt", "Started (UTC)", "Duration", "HTTP status", "Outcome", "Error"], m.History ?? [],
            a => [Number(a.Attempt), Time(a.StartedAt), a.DurationMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms",
                a.StatusCode is { } status ? Number(status) : "no answer", a.Outcome, a.Error]);
        console.WriteLine(m.Payload);
    }

    public static void UsageEntries(IAnsiConsole console, AdminPage<AdminUsageEntry> page) => Page(console, page,
        ["Record", "Instance", "Usage time (UTC)", "Value", "Received (UTC)", "Period"],
        e => [e.RecordId, e.InstanceId, Time(e.UsageTime), e.Value.ToString(CultureInfo.InvariantCulture), Time(e.ReceivedAt), e.PeriodId?.ToString(CultureInfo.InvariantCulture)]);

    public static void Tenants(IAnsiConsole console, AdminPage<AdminTenant> page) => Page(console, page,
        ["Tenant", "Name", "Code", "Domain", "Instance", "Order", "Updated (UTC)"],
        t => [t.TenantId + (t.Deleted ? " (deleted)" : string.Empty), t.Name, t.TenantCode, t.DomainName, t.InstanceId, t.OrderId, Time(t.UpdatedAt)]);

    public static void Tenant(IAnsiConsole console, AdminTenantDetails details)
    {
        var t = details.Tenant;
        Fields(console, ("Tenant", t.TenantId + (t.Deleted ? " (deleted)" : string.Empty)), ("Name", t.Name), ("Code / domain", Join(t.TenantCode, t.DomainName)),
            ("Instance", t.InstanceId), ("Order", t.OrderId), ("Updated (UTC)", Time(t.UpdatedAt)));
        console.WriteLine();
        Rows(console, "Applications", ["App", "Client id", "Client secret", "Deleted"], details.Applications,
            a => [a.AppId, a.ClientId, a.HasClientSecret ? "held (never shown)" : "none", a.Deleted ? "yes" : "no"]);
        var tree = new Tree("Departments");
        AddOrgs(tree.AddNode, details.Orgs);
        console.Write(details.Orgs.Count == 0 ? new Text("No departments synchronised.\n") : tree);
        console.WriteLine();
        Rows(console, "Users", ["User", "Name", "Org", "Role", "App", "Enabled", "Authorized"], details.Users,
            u => [u.UserName + (u.Deleted ? " (deleted)" : string.Empty), u.Name, u.OrgCode, u.Role, u.AppId, u.Enabled ? "yes" : "no", u.Authorized ? "yes" : "no"]);
    }

    public static void Callbacks(IAnsiConsole console, AdminPage<AdminCallback> page) => Page(console, page,
        ["#", "Received (UTC)", "Family", "Activity", "Result", "Verdict", "Instance", "Order", "ms"],
        c => [Number(c.Id), Time(c.ReceivedAt), c.Family, c.Activity + (c.IsTest ? " (debug)" : string.Empty), c.ResultCode, c.Verdict, c.InstanceId, c.OrderId,
            c.ElapsedMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)]);

    /// <summary>An answer whose shape is the server's to define: printed as JSON even in table mode.</summary>
    public static void Raw(IAnsiConsole console, System.Text.Json.JsonElement answer) =>
        console.Profile.Out.Writer.WriteLine(answer.ValueKind == System.Text.Json.JsonValueKind.Undefined ? "done" : answer.ToString());

    private static void AddOrgs(Func<string, TreeNode> add, IReadOnlyList<AdminOrg> orgs)
    {
        foreach (var org in orgs)
        {
            var node = add(Markup.Escape($"{org.OrgName ?? org.OrgCode} ({org.OrgCode}){(org.Deleted ? " deleted" : string.Empty)}"));
            AddOrgs(node.AddNode, org.Children);
        }
    }

    private static void Page<T>(IAnsiConsole console, AdminPage<T> page, string[] headers, Func<T, string?[]> row)
    {
        if (page.Items.Count == 0)
        {
            console.WriteLine(page.Total == 0 ? "Nothing found." : $"No rows here: {page.Total} in all (lower --skip).");
            return;
        }

        console.Write(Table(headers, page.Items, row));
        console.WriteLine($"{page.Skip + 1}–{page.Skip + page.Items.Count} of {page.Total}"
            + (page.Skip + page.Items.Count < page.Total ? $" (next: --skip {page.Skip + page.Items.Count})" : string.Empty));
    }

    private static void Rows<T>(IAnsiConsole console, string title, string[] headers, IReadOnlyList<T> items, Func<T, string?[]> row)
    {
        console.WriteLine(title);
        if (items.Count == 0)
        {
            console.WriteLine("  none");
        }
        else
        {
            console.Write(Table(headers, items, row));
        }

        console.WriteLine();
    }

    private static Table Table<T>(string[] headers, IEnumerable<T> items, Func<T, string?[]> row)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var header in headers)
        {
            table.AddColumn(header);
        }

        foreach (var item in items)
        {
            table.AddRow(row(item).Select(cell => Markup.Escape(cell ?? string.Empty)).ToArray());
        }

        return table;
    }

    private static void Fields(IAnsiConsole console, params (string Name, string? Value)[] fields)
    {
        var grid = new Grid().AddColumn().AddColumn();
        foreach (var (name, value) in fields.Where(f => !string.IsNullOrEmpty(f.Value)))
        {
            grid.AddRow(Markup.Escape(name), Markup.Escape(value!));
        }

        console.Write(grid);
    }

    private static string? Join(params string?[] parts) => string.Join(' ', parts.Where(p => !string.IsNullOrEmpty(p))) is { Length: > 0 } s ? s : null;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Time(DateTimeOffset? value) => value?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
