using Microsoft.AspNetCore.Identity;

namespace KooGate.Cli.Tests;

public sealed class AdminCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Hash_password_prints_a_salted_identity_v3_hash_that_verifies()
    {
        var first = CliRunner.InProcess("admin", "hash-password", "--password", "correct horse battery");
        var second = CliRunner.InProcess("admin", "hash-password", "--password-file", _files.Write("correct horse battery\n"));
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.NotEqual(first.Value, second.Value);
        Assert.Equal(1, Convert.FromBase64String(first.Value)[0]);
        var hasher = new PasswordHasher<string>();
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(string.Empty, first.Value, "correct horse battery"));
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(string.Empty, second.Value, "correct horse battery"));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(string.Empty, first.Value, "correct horse batterY"));
    }

    [Theory]
    [InlineData("--password", "short")]
    [InlineData()]
    public void Hash_password_refuses_short_or_missing_passwords(params string[] options)
    {
        var result = CliRunner.InProcess(["admin", "hash-password", .. options]);
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.StartsWith("error:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_secret_prints_base64_of_fresh_random_bytes()
    {
        var first = CliRunner.InProcess("admin", "generate-secret");
        var second = CliRunner.InProcess("admin", "generate-secret");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(32, Convert.FromBase64String(first.Out.Trim()).Length);
        Assert.NotEqual(first.Out, second.Out);
    }
}
