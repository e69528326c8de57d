namespace Mqtt2Go.ReferenceBroker.Storage;

/// <summary>Which database engine holds the manufacturer registry and the Discovery entries.</summary>
public enum DatabaseProvider
{
    /// <summary>A SQLite file (default: <c>reference.db</c> in the working directory).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server reached by an Npgsql connection string.</summary>
    PostgreSql,
}
