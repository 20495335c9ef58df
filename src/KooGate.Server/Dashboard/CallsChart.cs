using System.Globalization;
using System.Text;
using KooGate.Server.Admin;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Dashboard;

/// <summary>Production-interface calls per time bucket and result code.</summary>
public sealed record CallsSeries(string Range, IReadOnlyList<DateTimeOffset> Buckets, TimeSpan Width, IReadOnlyDictionary<string, int[]> ByCode)
{
    public int Total => ByCode.Values.Sum(v => v.Sum());
}

/// <summary>
/// The "calls over time" picture: counted in the database one bucket at a time and drawn as an inline SVG of stacked
/// bars on the server, so the strict Content-Security-Policy (no script, no external resource) stays.
/// </summary>
public static class CallsChart
{
    public const int BucketCount = 24;

    private const int Width = 960;
    private const int Height = 220;
    private const int Left = 44;
    private const int Bottom = 24;

    public static TimeSpan RangeOf(string range) => range == "7d" ? TimeSpan.FromDays(7) : TimeSpan.FromHours(24);

    public static async Task<CallsSeries> CountAsync(KooGateDbContext db, string range, bool includeSynthetic, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var width = RangeOf(range) / BucketCount;
        var start = now - RangeOf(range);
        var buckets = Enumerable.Range(0, BucketCount).Select(i => start + (width * i)).ToList();
        var byCode = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var calls = new CallbackFilter(IncludeSynthetic: includeSynthetic);
        for (var i = 0; i < BucketCount; i++)
        {
            var (from, to) = (buckets[i], buckets[i] + width);
            var counts = await calls.Apply(db).Where(c => c.ReceivedAt >= from && c.ReceivedAt < to)
                .GroupBy(c => c.ResultCode).Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            foreach (var count in counts)
            {
                (byCode.TryGetValue(count.Code, out var series) ? series : byCode[count.Code] = new int[BucketCount])[i] = count.Count;
            }
        }

        return new CallsSeries(range == "7d" ? "7d" : "24h", buckets, width, byCode);
    }

    /// <summary>Success green, processing blue, every failure code its own warm colour (stable per code).</summary>
    public static string Colour(string code) => code switch
    {
        "000000" => "#3a9a5b",
        "000004" => "#2d5bd3",
        _ => FailureColours[(int)(uint.Parse(code.All(char.IsAsciiDigit) && code.Length is > 0 and < 10 ? code : "0", CultureInfo.InvariantCulture) % (uint)FailureColours.Length)],
    };

    private static readonly string[] FailureColours = ["#e04848", "#e8b339", "#b0427d", "#d9713a", "#8a4fd0", "#7a5a2b"];

    public static string Svg(CallsSeries series)
    {
        var totals = Enumerable.Range(0, BucketCount).Select(i => series.ByCode.Values.Sum(v => v[i])).ToArray();
        var max = Math.Max(1, totals.Max());
        var plotWidth = Width - Left;
        var plotHeight = Height - Bottom;
        var bar = plotWidth / (double)BucketCount;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"calls-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" role=\"img\" aria-label=\"calls over the last {series.Range} by result code\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{plotHeight}\" x2=\"{Width}\" y2=\"{plotHeight}\" stroke=\"#c5cad6\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"12\" text-anchor=\"end\" font-size=\"11\" fill=\"#6b7385\">{max}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{plotHeight}\" text-anchor=\"end\" font-size=\"11\" fill=\"#6b7385\">0</text>");
        var codes = series.ByCode.Keys.OrderBy(c => c, StringComparer.Ordinal).ToList();
        for (var i = 0; i < BucketCount; i++)
        {
            var y = (double)plotHeight;
            foreach (var code in codes)
            {
                var count = series.ByCode[code][i];
                if (count == 0)
                {
                    continue;
                }

                var h = count * (plotHeight - 4) / (double)max;
                y -= h;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"bar\" data-code=\"{code}\" x=\"{Left + (i * bar) + 1:0.#}\" y=\"{y:0.#}\" width=\"{bar - 2:0.#}\" height=\"{h:0.#}\" fill=\"{Colour(code)}\"><title>{Label(series, i)}: {count} × {code}</title></rect>");
            }

            if (i % 4 == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (i * bar):0.#}\" y=\"{Height - 6}\" font-size=\"11\" fill=\"#6b7385\">{Label(series, i)}</text>");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Label(CallsSeries series, int i) =>
        series.Buckets[i].ToUniversalTime().ToString(series.Range == "7d" ? "MM-dd HH:mm" : "HH:mm", CultureInfo.InvariantCulture);
}
