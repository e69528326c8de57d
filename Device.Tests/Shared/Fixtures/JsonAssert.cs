using System.Collections;
using Mqtt2Go.Device.Core.Ports;
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace Mqtt2Go.Device.Tests.Fixtures
{
    /// <summary>Compares JSON texts as trees through the platform's IJson port, because nanoFramework's Hashtable key
    /// order (and so the order of members in serialised text) is not defined.</summary>
    public static class JsonAssert
    {
        /// <summary>Fails unless both texts parse and describe the same tree (object member order ignored).</summary>
        public static void AreEqual(string expectedJson, string actualJson)
        {
            Assert.AreEqual(string.Empty, Difference(TestPlatform.CreateJson(), expectedJson, actualJson));
        }

        /// <summary>Describes the first difference between two JSON texts, or returns an empty string when they are equal.</summary>
        public static string Difference(IJson json, string expectedJson, string actualJson)
        {
            object expected;
            object actual;
            if (!json.TryParse(expectedJson, out expected))
            {
                return "expected text is not JSON: " + expectedJson;
            }

            if (!json.TryParse(actualJson, out actual))
            {
                return "actual text is not JSON: " + actualJson;
            }

            return Compare("$", expected, actual);
        }

        private static string Compare(string path, object expected, object actual)
        {
            Hashtable expectedTable = expected as Hashtable;
            if (expectedTable != null)
            {
                Hashtable actualTable = actual as Hashtable;
                if (actualTable == null)
                {
                    return path + ": expected an object";
                }

                if (expectedTable.Count != actualTable.Count)
                {
                    return path + ": expected " + expectedTable.Count + " members, found " + actualTable.Count;
                }

                foreach (object key in expectedTable.Keys)
                {
                    if (!actualTable.Contains(key))
                    {
                        return path + ": member '" + key + "' is missing";
                    }

                    string difference = Compare(path + "." + key, expectedTable[key], actualTable[key]);
                    if (difference.Length > 0)
                    {
                        return difference;
                    }
                }

                return string.Empty;
            }

            ArrayList expectedList = expected as ArrayList;
            if (expectedList != null)
            {
                ArrayList actualList = actual as ArrayList;
                if (actualList == null || actualList.Count != expectedList.Count)
                {
                    return path + ": expected an array of " + expectedList.Count + " items";
                }

                for (int i = 0; i < expectedList.Count; i++)
                {
                    string difference = Compare(path + "[" + i + "]", expectedList[i], actualList[i]);
                    if (difference.Length > 0)
                    {
                        return difference;
                    }
                }

                return string.Empty;
            }

            if (expected == null || actual == null)
            {
                return expected == actual ? string.Empty : path + ": expected " + Show(expected) + ", found " + Show(actual);
            }

            // Scalars: Equals of a boxed long, double, bool or string is false for another type, so 1 and 1.0 differ.
            bool same = expected.Equals(actual);
            return same ? string.Empty : path + ": expected " + Show(expected) + ", found " + Show(actual);
        }

        private static string Show(object value)
        {
            return value == null ? "null" : value.ToString();
        }
    }
}
