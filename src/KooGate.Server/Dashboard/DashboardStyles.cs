namespace KooGate.Server.Dashboard;

/// <summary>The one stylesheet (embedded <c>dashboard.css</c>), inlined into every page so no extra URL is served.</summary>
internal static class DashboardStyles
{
    public static string Css { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(DashboardStyles).Assembly.GetManifestResourceStream("KooGate.Server.Dashboard.dashboard.css")
            ?? throw new InvalidOperationException("dashboard.css is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
