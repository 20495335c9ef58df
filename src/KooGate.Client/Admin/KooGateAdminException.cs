using System.Net;

namespace KooGate.Client.Admin;

/// <summary>
/// The admin API refused a call with a 4xx or 5xx answer. <see cref="Title"/> and <see cref="Detail"/> come from the
/// server's RFC 9457 problem document; <see cref="Errors"/> names each invalid field of a validation problem.
/// </summary>
public class KooGateAdminException(HttpStatusCode status, string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(Describe(status, title, detail, errors))
{
    public HttpStatusCode StatusCode { get; } = status;

    public string? Title { get; } = title;

    public string? Detail { get; } = detail;

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    private static string Describe(HttpStatusCode status, string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors)
    {
        var text = $"{(int)status} {title ?? status.ToString()}";
        text = detail is null ? text : $"{text}: {detail}";
        return errors is { Count: > 0 } ? $"{text} ({string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))})" : text;
    }
}

/// <summary>401 or 403: the API key is missing or wrong.</summary>
public sealed class KooGateAdminUnauthorizedException(HttpStatusCode status, string? title, string? detail)
    : KooGateAdminException(status, title ?? "the admin API key is missing or wrong", detail);

/// <summary>404: no such instance, delivery or tenant.</summary>
public sealed class KooGateAdminNotFoundException(string? title, string? detail) : KooGateAdminException(HttpStatusCode.NotFound, title, detail);

/// <summary>409: the object is not in a state that allows the action (e.g. completing an instance that is not provisioning).</summary>
public sealed class KooGateAdminConflictException(string? title, string? detail) : KooGateAdminException(HttpStatusCode.Conflict, title, detail);

/// <summary>400 or 422: the request was invalid; <see cref="KooGateAdminException.Errors"/> says which field and why.</summary>
public sealed class KooGateAdminValidationException(HttpStatusCode status, string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors)
    : KooGateAdminException(status, title, detail, errors);
