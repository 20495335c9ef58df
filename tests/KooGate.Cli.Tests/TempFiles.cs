namespace KooGate.Cli.Tests;

/// <summary>Body files for one test, deleted afterwards.</summary>
internal sealed class TempFiles : IDisposable
{
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("koogate-cli-").FullName;
    private int _count;

    public string Directory => _dir;

    public string Write(byte[] content)
    {
        var path = Path.Combine(_dir, $"body{_count++}.bin");
        File.WriteAllBytes(path, content);
        return path;
    }

    public string Write(string content) => Write(System.Text.Encoding.UTF8.GetBytes(content));

    public void Dispose() => System.IO.Directory.Delete(_dir, recursive: true);
}
