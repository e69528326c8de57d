namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>JSON text to and from a tree of <c>Hashtable</c> (objects), <c>ArrayList</c> (arrays), string,
    /// long or int, double, bool and null; nanoFramework.Json on the device, System.Text.Json on the desktop.</summary>
    public interface IJson
    {
        /// <summary>Parses text; returns false (and a null value) when it is not valid JSON. Never throws.</summary>
        bool TryParse(string text, out object value);

        /// <summary>Serialises a tree of Hashtable/ArrayList/scalars to compact JSON text.</summary>
        string Serialize(object value);
    }
}
