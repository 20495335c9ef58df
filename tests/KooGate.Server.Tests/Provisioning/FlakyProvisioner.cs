using System.Collections.Concurrent;
using KooGate.Server.Instances;
using KooGate.Server.Provisioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KooGate.Server.Tests.Provisioning;

/// <summary>A seller's provisioner that throws on its first <see cref="Failures"/> calls, then provisions.</summary>
public sealed class FlakyProvisioner : IProvisioner
{
    public int Failures { get; init; } = 1;

    /// <summary>When set, successful calls wait for it (a provisioner slower than the synchronous budget).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public ConcurrentQueue<ProvisionRequest> Calls { get; } = new();

    public async Task<ProvisionOutcome> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue(request);
        if (Calls.Count <= Failures)
        {
            throw new InvalidOperationException("tenant database unreachable");
        }

        if (Gate is { } gate)
        {
            await gate.Task;
        }

        return ProvisionOutcome.Done(new AppInfo($"https://tenant.example.com/{request.InstanceId}", UserName: "owner", Password: "pw-" + request.InstanceId));
    }

    public void Register(IServiceCollection services) => services.AddScoped<IProvisioner>(_ => this);
}

/// <summary>Keeps every formatted log line, to check what an operator would read.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.Message}");
    }
}
