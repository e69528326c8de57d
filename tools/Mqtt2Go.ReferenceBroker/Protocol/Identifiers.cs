namespace Mqtt2Go.ReferenceBroker.Protocol;

/// <summary>Validation of the identifiers that become topic levels (docs/profile.md: <c>[A-Za-z0-9_-]{1,64}</c>).</summary>
public static class Identifiers
{
    /// <summary>True when <paramref name="value"/> is a valid device id, home, gateway, group or device type.</summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64)
        {
            return false;
        }

        foreach (var c in value)
        {
            var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
