namespace KooGate.Server.Tests.Packaging;

/// <summary>
/// The packaging files keep the promises operations rely on (helm is not packaged for this CI's Debian, so the chart
/// is checked as text: the guards and probes must be there, and the health paths must answer on a real server).
/// </summary>
public sealed class PackagingTests
{
    private static string Read(string path) => File.ReadAllText(Path.Combine(RepositoryRoot(), path));

    [Fact]
    public void The_chart_refuses_several_replicas_on_sqlite_and_recreates_a_sqlite_pod()
    {
        var deployment = Read("deploy/helm/koogate/templates/deployment.yaml");
        Assert.Contains("{{- if and (gt (int .Values.replicaCount) 1) (not .Values.database.connectionStringSecret) }}", deployment, StringComparison.Ordinal);
        Assert.Contains("{{- fail \"replicaCount > 1 requires PostgreSQL", deployment, StringComparison.Ordinal);
        var strategy = deployment.IndexOf("type: Recreate", StringComparison.Ordinal);
        var condition = deployment.LastIndexOf("{{- if not .Values.database.connectionStringSecret }}", strategy, StringComparison.Ordinal);
        Assert.True(strategy > 0 && condition > 0 && deployment.IndexOf("{{- end }}", condition, StringComparison.Ordinal) > strategy, "Recreate only without PostgreSQL");
    }

    [Fact]
    public void The_chart_probes_healthz_and_readyz_and_has_an_ingress_for_the_production_path_only()
    {
        var deployment = Read("deploy/helm/koogate/templates/deployment.yaml");
        Assert.Matches(@"livenessProbe:\s+httpGet:\s+path: /healthz", deployment);
        Assert.Matches(@"readinessProbe:\s+httpGet:\s+path: /readyz", deployment);
        var ingress = Read("deploy/helm/koogate/templates/ingress.yaml");
        Assert.Contains("{{- if .Values.ingress.enabled }}", ingress, StringComparison.Ordinal);
        Assert.Contains("KooGate__ProductionPath", ingress, StringComparison.Ordinal);
        Assert.DoesNotContain("/dashboard", ingress, StringComparison.Ordinal);
        Assert.Contains("ingress:\n  enabled: false", Read("deploy/helm/koogate/values.yaml"), StringComparison.Ordinal);
        TemplateAssert.Balanced(Read("deploy/helm/koogate/templates/ingress.yaml"));
        TemplateAssert.Balanced(deployment);
    }

    [Fact]
    public void Images_have_health_checks_and_compose_has_an_optional_emulator()
    {
        Assert.Contains("HEALTHCHECK", Read("Dockerfile"), StringComparison.Ordinal);
        Assert.Contains("/healthz", Read("Dockerfile"), StringComparison.Ordinal);
        Assert.Contains("HEALTHCHECK", Read("Dockerfile.emulator"), StringComparison.Ordinal);
        var compose = Read("compose.yaml");
        Assert.Contains("profiles: [emulator]", compose, StringComparison.Ordinal);
        Assert.Contains("dockerfile: Dockerfile.emulator", compose, StringComparison.Ordinal);
    }

    [Fact]
    public void The_server_image_copies_every_project_the_server_references()
    {
        var dockerfile = Read("Dockerfile");
        var references = System.Xml.Linq.XDocument.Parse(Read("src/KooGate.Server/KooGate.Server.csproj"))
            .Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))).ToList();
        Assert.NotEmpty(references);
        foreach (var project in references)
        {
            Assert.Contains($"COPY src/{project}/{project}.csproj src/{project}/", dockerfile, StringComparison.Ordinal);
            Assert.Contains($"COPY src/{project}/ src/{project}/", dockerfile, StringComparison.Ordinal);
        }
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KooGate.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("KooGate.slnx not found above the test binaries");
    }
}

/// <summary>Template actions open and close in pairs.</summary>
internal static class TemplateAssert
{
    public static void Balanced(string template)
    {
        var opens = System.Text.RegularExpressions.Regex.Matches(template, @"\{\{-?\s*(if|range|with|define)\b").Count;
        var ends = System.Text.RegularExpressions.Regex.Matches(template, @"\{\{-?\s*end\b").Count;
        Assert.Equal(opens, ends);
    }
}
