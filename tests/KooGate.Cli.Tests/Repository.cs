namespace KooGate.Cli.Tests;

/// <summary>Locates files of the repository from the test's output directory.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string OracleScript => Path.Combine(Root, "tests", "independent", "koogallery.mjs");

    private static string FindRoot()
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
}
