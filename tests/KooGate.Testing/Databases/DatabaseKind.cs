namespace KooGate.Testing.Databases;

/// <summary>The two real databases the suite runs on.</summary>
public enum DatabaseKind
{
    Sqlite,
    Postgres,
}
