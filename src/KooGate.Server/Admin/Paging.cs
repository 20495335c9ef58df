using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Admin;

/// <summary>One page of a list and how many rows the whole filtered list has.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Skip, int Take);

/// <summary>Offset paging shared by the admin API and the dashboard.</summary>
public static class Paging
{
    /// <summary>The header the array-shaped admin lists carry their total in (their body stays a plain array).</summary>
    public const string TotalHeader = "X-Total-Count";

    /// <summary>Counts the filtered query, then reads one page of it (already ordered by the caller).</summary>
    public static async Task<PagedList<T>> PageAsync<T>(IQueryable<T> ordered, int? skip, int take, CancellationToken cancellationToken)
    {
        var from = Math.Max(0, skip ?? 0);
        var total = await ordered.CountAsync(cancellationToken);
        var items = await ordered.Skip(from).Take(take).ToListAsync(cancellationToken);
        return new PagedList<T>(items, total, from, take);
    }

    /// <summary>An array-shaped list answer whose total travels in <see cref="TotalHeader"/>.</summary>
    public static IResult Array<TRow, TView>(HttpContext context, PagedList<TRow> page, Func<TRow, TView> view)
    {
        context.Response.Headers[TotalHeader] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Ok(page.Items.Select(view));
    }
}
