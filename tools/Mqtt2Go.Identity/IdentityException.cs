namespace Mqtt2Go.Identity;

/// <summary>The minter refused its input (bad device id, output folder inside a repository, existing files, ...); the message says why.</summary>
public sealed class IdentityException : Exception
{
    /// <summary>Creates the exception with a message meant for the operator.</summary>
    public IdentityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message meant for the operator and the underlying cause.</summary>
    public IdentityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
