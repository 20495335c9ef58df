using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using KooGate.Protocol;
using KooGate.Protocol.Signing;

namespace KooGate.Testing.Processes;

/// <summary>
/// The real server as a seller starts it: <c>dotnet run --no-build</c> in its own process, on a free loopback
/// port, configured only through environment variables. Dispose kills the whole process tree.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    /// <summary>Test classes that start a server share this xunit collection, so that only one runs at a time (2 cores).</summary>
    public const string Collection = "real server processes";

    // Variables a surrounding `dotnet test` or shell may set that would change what `dotnet run` builds or reads.
    private static readonly string[] InheritedPrefixesToDrop = ["MSBuild", "MSBUILD", "KooGate__", "ConnectionStrings__"];

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static Task<ServerProcess> StartAsync(string repositoryRoot, string configuration,
        IReadOnlyDictionary<string, string> environment, TimeSpan healthTimeout)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        return StartAsync(new ProcessStartInfo("dotnet",
            ["run", "--no-build", "--no-launch-profile", "-c", configuration, "--project", Path.Combine("src", "KooGate.Server"),
             "--", "--urls", baseAddress.ToString().TrimEnd('/')])
        {
            WorkingDirectory = repositoryRoot,
        }, baseAddress, environment, healthTimeout);
    }

    /// <summary>
    /// The built server run directly (<c>dotnet KooGate.Server.dll</c> from its output folder, as a deployment runs
    /// it), so <see cref="Kill"/> hits the server itself, not a <c>dotnet run</c> parent.
    /// </summary>
    public static Task<ServerProcess> StartBuiltAsync(IReadOnlyDictionary<string, string> environment, TimeSpan healthTimeout)
    {
        var output = Path.Combine(RepositoryRoot, "src", "KooGate.Server", "bin", BuildConfiguration, "net10.0");
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        return StartAsync(new ProcessStartInfo("dotnet", ["KooGate.Server.dll", "--urls", baseAddress.ToString().TrimEnd('/')])
        {
            WorkingDirectory = output,
        }, baseAddress, environment, healthTimeout);
    }

    /// <summary>The repository checkout this test assembly was built from.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Debug or Release: the configuration this test assembly (and so the referenced server) was built in.</summary>
    public static string BuildConfiguration
    {
        get
        {
            var segments = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var bin = Array.LastIndexOf(segments, "bin");
            return bin >= 0 && bin + 1 < segments.Length ? segments[bin + 1] : "Debug";
        }
    }

    /// <summary>
    /// Sends signed queries for an instance that does not exist (answered 000003, nothing stored but the callback log)
    /// through the production path, so that the JIT has compiled the pipeline before a client that holds every call to
    /// KooGallery's 5 s starts timing: on a loaded 2-core machine a cold process's first call can take longer.
    /// </summary>
    public async Task WarmUpAsync(string productionPath, string? v1Key = null, string? basicKey = null)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        for (var round = 0; round < 3; round++)
        {
            var instanceId = $"warm-up-{round}";
            if (v1Key is not null)
            {
                List<KeyValuePair<string, string?>> query =
                [
                    new("activity", "queryInstance"), new("instanceId", instanceId),
                    new(AuthToken.TimeStampParameter, KooTime.ToUtc17(DateTimeOffset.UtcNow)),
                ];
                query.Add(new(AuthToken.ParameterName, AuthToken.Compute(v1Key, query)));
                await ExpectNotFoundAsync(await http.GetAsync($"{productionPath}?{QueryString.Build(query)}"));
            }

            if (basicKey is not null)
            {
                var body = "{\"activity\":\"queryInstance\",\"instanceId\":\"" + instanceId + "\"}";
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                var signed = V2Signature.SignedQuery(basicKey, Guid.NewGuid().ToString("N"), timestamp, body);
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                await ExpectNotFoundAsync(await http.PostAsync($"{productionPath}?{signed}", content));
            }
        }
    }

    // 000003 proves the call was verified and reached the database, so the path a client times is the one warmed.
    private static async Task ExpectNotFoundAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !body.Contains("\"resultCode\":\"000003\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the warm-up query was answered {(int)response.StatusCode} {body}");
        }
    }

    /// <summary>SIGKILL, as a crash or the OOM killer would: no shutdown hooks, no flushing.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
    }

    private static async Task<ServerProcess> StartAsync(ProcessStartInfo start, Uri baseAddress,
        IReadOnlyDictionary<string, string> environment, TimeSpan healthTimeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var name in start.Environment.Keys.Where(k => InheritedPrefixesToDrop.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet run");
        var server = new ServerProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilHealthyAsync(healthTimeout);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = new CancellationTokenSource(timeout);
        while (!deadline.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                // Without a timeout, WaitForExit also waits until the redirected output has been read to its end, so
                // the last lines the server wrote (the reason it stopped) are in the log.
                _process.WaitForExit();
                throw new InvalidOperationException($"the server exited with code {_process.ExitCode} before /healthz answered:\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync("/healthz", deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(250, CancellationToken.None);
        }

        throw new TimeoutException($"/healthz did not answer 200 within {timeout.TotalSeconds:0} s; server log:\n{Log}");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KooGate.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("KooGate.slnx not found above " + AppContext.BaseDirectory);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
