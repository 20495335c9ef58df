using System.Text.Json;

namespace KooGate.Conformance.Reports;

/// <summary>The report as JSON: totals, then every check with category, outcome, detail, milliseconds and spec basis.</summary>
public static class JsonReport
{
    public static byte[] Create(ConformanceReport report)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("profile", report.Profile);
            writer.WriteString("productionUrl", report.ProductionUrl.AbsoluteUri);
            writer.WriteString("startedAt", report.StartedAt);
            writer.WriteNumber("durationMs", Math.Round(report.Duration.TotalMilliseconds));
            writer.WriteBoolean("passed", !report.HasFailures);
            writer.WriteStartObject("totals");
            writer.WriteNumber("pass", report.Passed);
            writer.WriteNumber("fail", report.Failed);
            writer.WriteNumber("skip", report.Skipped);
            writer.WriteEndObject();
            writer.WriteStartArray("checks");
            foreach (var result in report.Results)
            {
                writer.WriteStartObject();
                writer.WriteString("name", result.Name);
                writer.WriteString("category", result.CategoryName);
                writer.WriteString("outcome", result.Outcome.ToString().ToLowerInvariant());
                writer.WriteString("detail", result.Detail);
                writer.WriteNumber("durationMs", Math.Round(result.Duration.TotalMilliseconds));
                writer.WriteString("basis", result.Basis);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static void Write(ConformanceReport report, string path) => File.WriteAllBytes(path, Create(report));
}
