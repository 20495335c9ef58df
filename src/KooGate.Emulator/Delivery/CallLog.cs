using KooGate.Emulator.Data;

namespace KooGate.Emulator.Delivery;

/// <summary>
/// One log line per production-interface call (category <see cref="Category"/>): virtual time, product, activity,
/// order, result code (or HTTP status), verdict and latency. <c>koogate emulate</c> prints these instead of framework logs.
/// </summary>
public sealed partial class CallLog(ILoggerFactory loggers)
{
    public const string Category = "KooGate.Emulator.Calls";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public void Record(CallAttempt attempt, string productId, string? orderId, bool probe)
    {
        var result = attempt.ResultCode ?? (attempt.HttpStatus is { } status ? "HTTP " + status : "-");
        Logged(_logger, attempt.At, productId, probe ? attempt.Activity + " (probe)" : attempt.Activity, orderId ?? "-", result, attempt.Verdict, attempt.DurationMs);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{At:yyyy-MM-dd HH:mm:ss} {Product} {Activity} order={Order} result={Result} {Verdict} {LatencyMs} ms")]
    private static partial void Logged(ILogger logger, DateTimeOffset at, string product, string activity, string order, string result, string verdict, long latencyMs);
}
