namespace KooGate.Emulator;

/// <summary>
/// A request the emulator refuses; answered as <c>{"error": message}</c> with the status code, plus <c>"reason"</c> (a
/// stable word such as <c>sold-out</c>) when a listing rule refused an order.
/// </summary>
public sealed class ApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string? Reason { get; init; }

    public static ApiException NotFound(string what) => new(404, $"{what} not found");

    public static ApiException Conflict(string message) => new(409, message);

    public static ApiException BadRequest(string message) => new(400, message);
}
