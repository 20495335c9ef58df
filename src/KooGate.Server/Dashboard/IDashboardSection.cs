namespace KooGate.Server.Dashboard;

/// <summary>
/// The dashboard's extension point: a feature built elsewhere (licenses, usage records and pushes) registers a section
/// with <c>services.AddSingleton&lt;IDashboardSection, MySection&gt;()</c>; it appears in the navigation and maps its
/// pages inside the authorized <c>/dashboard</c> group (antiforgery-checked POSTs, security headers included). Pages
/// render with <c>DashboardEndpoints.Page&lt;TComponent&gt;(model)</c> and wrap themselves in <c>Layout</c>.
/// </summary>
public interface IDashboardSection
{
    /// <summary>The navigation label, e.g. "Licenses".</summary>
    string Title { get; }

    /// <summary>Where the navigation link points, e.g. "/dashboard/licenses".</summary>
    string Path { get; }

    /// <summary>Maps the section's endpoints on the dashboard group (paths relative to <c>/dashboard</c>).</summary>
    void Map(RouteGroupBuilder dashboard);
}
