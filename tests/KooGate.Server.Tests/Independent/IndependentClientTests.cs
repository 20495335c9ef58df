using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;

namespace KooGate.Server.Tests.Independent;

/// <summary>
/// Runs the independent, spec-only KooGallery client (tests/independent/lifecycle.mjs, Node.js) through the
/// whole SaaS V2 and Kit V2 lifecycle against the real server started with <c>dotnet run</c>.
/// </summary>
public sealed class IndependentClientTests : IDisposable
{
    private const string FrontEndUrlTemplate = "https://app.example.com/{instanceId}";

    private readonly string _work = Directory.CreateTempSubdirectory("koogate-independent-").FullName;
    private ServerProcess? _server;

    public void Dispose()
    {
        _server?.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task The_server_passes_every_check_of_the_independent_marketplace_client()
    {
        var node = await NodeVersionAsync();
        var basicKey = NewKey();
        var basicPreviousKey = NewKey();
        var kitKey = NewKey();
        var (privateKeyPath, publicKeyPath) = WriteRsaKeyPair();

        _server = await ServerProcess.StartAsync(RepositoryRoot, BuildConfiguration, new Dictionary<string, string>
        {
            ["KooGate__Keys__Basic"] = $"{basicKey},{basicPreviousKey}",
            ["KooGate__Keys__Kit"] = kitKey,
            ["KooGate__Keys__License"] = NewKey(),
            ["KooGate__Keys__General"] = NewKey(),
            ["KooGate__Keys__V1"] = NewKey(),
            ["KooGate__ProductionPath"] = "/produce",
            ["KooGate__DataDirectory"] = Path.Combine(_work, "data"),
            ["KooGate__RsaPrivateKeyPath"] = privateKeyPath,
            ["KooGate__SecretsKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["KooGate__Provisioning__FrontEndUrlTemplate"] = FrontEndUrlTemplate,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        }, TimeSpan.FromSeconds(60));

        var client = await RunAsync("node", [
            Path.Combine(RepositoryRoot, "tests", "independent", "lifecycle.mjs"),
            "--url", new Uri(_server.BaseAddress, "/produce").ToString(),
            "--basic-key", basicKey,
            "--basic-previous-key", basicPreviousKey,
            "--kit-key", kitKey,
            "--rsa-public-key", publicKeyPath,
            "--front-end-url-template", FrontEndUrlTemplate,
        ], TimeSpan.FromSeconds(120));

        Assert.True(client.ExitCode == 0,
            $"lifecycle.mjs ({node}) exited with {client.ExitCode}.\n{Summary(client.Output)}\n--- full client output ---\n"
            + $"{client.Output}\n{client.Error}\n--- end of the server log ---\n{Tail(_server.Log, 8000)}");
        Assert.Contains(" passed, 0 failed,", client.Output, StringComparison.Ordinal);
    }

    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string Summary(string output)
    {
        var at = output.LastIndexOf("=== summary ===", StringComparison.Ordinal);
        return at < 0 ? "(no summary: the client did not finish)" : output[at..];
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : "…" + text[^length..];

    /// <summary>Debug or Release: the configuration this test assembly (and so the referenced server) was built in.</summary>
    private static string BuildConfiguration
    {
        get
        {
            var segments = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var bin = Array.LastIndexOf(segments, "bin");
            return bin >= 0 && bin + 1 < segments.Length ? segments[bin + 1] : "Debug";
        }
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

    private static string NewKey() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    private (string PrivateKeyPath, string PublicKeyPath) WriteRsaKeyPair()
    {
        using var rsa = RSA.Create(3072); // saas-v2.md §2.7: key length >= 3072 bit
        var privateKeyPath = Path.Combine(_work, "rsa-private.pem");
        var publicKeyPath = Path.Combine(_work, "rsa-public.pem");
        File.WriteAllText(privateKeyPath, rsa.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(publicKeyPath, rsa.ExportSubjectPublicKeyInfoPem());
        return (privateKeyPath, publicKeyPath);
    }

    private static async Task<string> NodeVersionAsync()
    {
        try
        {
            var result = await RunAsync("node", ["--version"], TimeSpan.FromSeconds(30));
            Assert.True(result.ExitCode == 0, "`node --version` failed: " + result.Error);
            return "node " + result.Output.Trim();
        }
        catch (Win32Exception e)
        {
            Assert.Fail("Node.js 20 (`node` on PATH) is required to run the independent KooGallery client: " + e.Message);
            throw;
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + file);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout.TotalSeconds:0} s:\n{await output}");
        }

        return (process.ExitCode, await output, await error);
    }
}
