namespace KooGate.Server.Notifications;

/// <summary>
/// What one notification says. Built only from ids, counts, event types, result codes and HTTP statuses: never a
/// secret, a URL of the seller's app or a buyer's name, so it can go to a mailbox or a chat group.
/// </summary>
public sealed record Incident(string Subject, IReadOnlyList<string> Lines, string? DashboardPath)
{
    /// <summary>The subject, a blank line, then the body: for channels without a subject.</summary>
    public string Text(string? dashboardUrl) => Subject + "\n\n" + Body(dashboardUrl);

    /// <summary>The lines, then the dashboard page to act on when the dashboard's address is configured.</summary>
    public string Body(string? dashboardUrl)
    {
        var lines = Lines.ToList();
        if (dashboardUrl is not null && DashboardPath is not null)
        {
            lines.Add(string.Empty);
            lines.Add(dashboardUrl.TrimEnd('/') + DashboardPath);
        }

        return string.Join('\n', lines);
    }
}
