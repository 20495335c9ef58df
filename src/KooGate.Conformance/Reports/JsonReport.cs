using System.Text.Json;

namespace KooGate.Conformance.Reports;

/// <summary>The report as JSON: totals, then every check with category, level, outcome, detail, milliseconds and spec basis.</summary>
public static class JsonReport
{
    /// <param name="strict">Whether warnings fail the run (<c>--strict</c>), which decides <c>passed</c>.</param>
    public static byte[] Create(ConformanceReport report, bool strict = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("profile", report.Profile);
            writer.WriteString("productionUrl", report.ProductionUrl.AbsoluteUri);
            writer.WriteString("startedAt", report.StartedAt);
            writer.WriteNumber("durationMs", Math.Round(report.Duration.TotalMilliseconds));
            writer.WriteBoolean("passed", !report.FailsWith(strict));
            writer.WriteBoolean("strict", strict);
            writer.WriteStartObject("totals");
            writer.WriteNumber("pass", report.Passed);
            writer.WriteNumber("fail", report.Failed);
            writer.WriteNumber("warn", report.Warned);
            writer.WriteNumber("skip", report.Skipped);
            writer.WriteEndObject();
            writer.WriteStartArray("checks");
            foreach (var result in report.Results)
            {
                writer.WriteStartObject();
                writer.WriteString("name", result.Name);
                writer.WriteString("category", result.CategoryName);
                writer.WriteString("level", result.LevelName);
                writer.WriteString("outcome", result.OutcomeName);
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

    public static void Write(ConformanceReport report, string path, bool strict = false) => File.WriteAllBytes(path, Create(report, strict));
}
