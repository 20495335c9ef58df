using System.Globalization;
using System.Xml.Linq;

namespace KooGate.Conformance.Reports;

/// <summary>
/// The report as JUnit XML (<c>testsuites/testsuite/testcase</c> with <c>failure</c> and <c>skipped</c>), one suite per
/// category, as CI servers read it. A warning (a broken <c>should</c>) passes, with a <c>WARN</c> line in
/// <c>system-out</c> and a <c>warning</c> property; with <paramref name="strict"/> it is a failure.
/// </summary>
public static class JUnitReport
{
    public static XDocument Create(ConformanceReport report, bool strict = false)
    {
        bool Fails(CheckResult r) => r.Outcome == CheckOutcome.Fail || (strict && r.Outcome == CheckOutcome.Warn);

        var suites = report.Results.GroupBy(r => r.Category).Select(group => new XElement("testsuite",
            new XAttribute("name", $"koogate-check.{report.Profile}.{group.First().CategoryName}"),
            new XAttribute("tests", group.Count()),
            new XAttribute("failures", group.Count(Fails)),
            new XAttribute("errors", 0),
            new XAttribute("skipped", group.Count(r => r.Outcome == CheckOutcome.Skip)),
            new XAttribute("time", Seconds(group.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Duration))),
            new XAttribute("timestamp", report.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties",
                new XElement("property", new XAttribute("name", "productionUrl"), new XAttribute("value", report.ProductionUrl.AbsoluteUri))),
            group.Select(r => TestCase(r, Fails(r)))));

        return new XDocument(new XElement("testsuites",
            new XAttribute("name", $"koogate check {report.Profile}"),
            new XAttribute("tests", report.Results.Count),
            new XAttribute("failures", report.Results.Count(Fails)),
            new XAttribute("skipped", report.Skipped),
            new XAttribute("time", Seconds(report.Duration)),
            suites));
    }

    public static void Write(ConformanceReport report, string path, bool strict = false) => Create(report, strict).Save(path);

    private static XElement TestCase(CheckResult result, bool fails)
    {
        var testCase = new XElement("testcase",
            new XAttribute("classname", $"{result.CategoryName}"),
            new XAttribute("name", result.Name),
            new XAttribute("time", Seconds(result.Duration)),
            new XElement("properties", new XElement("property", new XAttribute("name", "level"), new XAttribute("value", result.LevelName))));
        switch (result.Outcome)
        {
            case CheckOutcome.Fail or CheckOutcome.Warn when fails:
                testCase.Add(new XElement("failure", new XAttribute("message", result.Detail), new XAttribute("type", "conformance"),
                    $"{result.Detail}\nbasis: {result.Basis}"));
                break;
            case CheckOutcome.Skip:
                testCase.Add(new XElement("skipped", new XAttribute("message", result.Detail)));
                break;
            case CheckOutcome.Warn:
                testCase.Element("properties")!.Add(new XElement("property", new XAttribute("name", "warning"), new XAttribute("value", result.Detail)));
                testCase.Add(new XElement("system-out", $"WARN ({result.LevelName}): {result.Detail}\nbasis: {result.Basis}"));
                break;
            default:
                if (result.Detail.Length > 0)
                {
                    testCase.Add(new XElement("system-out", result.Detail));
                }

                break;
        }

        return testCase;
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
