namespace IldRegistry.Api.Common;

/// <summary>No database to use: the message says which setting to give or what to install.</summary>
public sealed class DatabaseNotConfiguredException : Exception
{
    public DatabaseNotConfiguredException()
    {
    }

    public DatabaseNotConfiguredException(string message)
        : base(message)
    {
    }

    public DatabaseNotConfiguredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
