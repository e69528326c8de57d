namespace Mqtt2Go.Device.Core.Messages
{
    /// <summary>Builds and checks every MQTT topic the device uses (docs/profile.md, "Remote-broker flow").</summary>
    /// <remarks>The builders do not validate: callers pass identifiers that passed <see cref="IsValidIdentifier"/>
    /// (the configuration loader and the codec's parsers check them before anything is built).</remarks>
    public static class Topics
    {
        /// <summary>Longest topic the device accepts or builds, in characters (profile decision; MQTT allows 65535 bytes).</summary>
        public const int MaxTopicLength = 256;

        /// <summary>Longest identifier used as a topic level (profile: <c>[A-Za-z0-9_-]{1,64}</c>).</summary>
        public const int MaxIdentifierLength = 64;

        /// <summary>The Discovery / local-gateway request topic, <c>&lt;activation_code&gt;/activation</c> (steps 6-7).</summary>
        public static string Activation(string activationCode)
        {
            return activationCode + "/activation";
        }

        /// <summary>The guest-Wi-Fi topic <c>&lt;activation_code&gt;/wifi</c> (GET_WIFI_CREDENTIALS on the local gateway).</summary>
        public static string Wifi(string activationCode)
        {
            return activationCode + "/wifi";
        }

        /// <summary>The topic request topic, <c>&lt;device_id&gt;/topics</c> (steps 8-12).</summary>
        public static string DeviceTopics(string deviceId)
        {
            return deviceId + "/topics";
        }

        /// <summary>The controller's topic, <c>&lt;home_id&gt;/&lt;gw_id&gt;/add_device</c> (steps 1, 10, 11).</summary>
        public static string AddDevice(string homeId, string gatewayId)
        {
            return homeId + "/" + gatewayId + "/add_device";
        }

        /// <summary>The operational device topic, <c>&lt;home&gt;/&lt;gw&gt;/&lt;group&gt;/&lt;type&gt;/&lt;id&gt;</c> (step 12).</summary>
        public static string Device(string homeId, string gatewayId, string groupId, string deviceType, string deviceId)
        {
            return homeId + "/" + gatewayId + "/" + groupId + "/" + deviceType + "/" + deviceId;
        }

        /// <summary>The operational group topic, <c>&lt;home&gt;/&lt;gw&gt;/&lt;group&gt;/&lt;type&gt;</c> (step 12).</summary>
        public static string Group(string homeId, string gatewayId, string groupId, string deviceType)
        {
            return homeId + "/" + gatewayId + "/" + groupId + "/" + deviceType;
        }

        /// <summary>The topic as a log line may show it: the first level can be an activation code (<c>&lt;code&gt;/activation</c>,
        /// <c>&lt;code&gt;/wifi</c>), a credential, so it keeps only its first 4 characters followed by "…"; the other levels
        /// stay. Null gives "…".</summary>
        public static string ForLog(string topic)
        {
            if (topic == null)
            {
                return "\u2026";
            }

            int slash = topic.IndexOf('/');
            string first = slash < 0 ? topic : topic.Substring(0, slash);
            string rest = slash < 0 ? string.Empty : topic.Substring(slash);
            if (first.Length > RedactedLevelLength)
            {
                first = first.Substring(0, RedactedLevelLength);
            }

            return first + "\u2026" + rest;
        }

        /// <summary>Characters of a topic's first level that <see cref="ForLog"/> keeps.</summary>
        public const int RedactedLevelLength = 4;

        /// <summary>True when the text is a topic level made of 1 to 64 characters from <c>[A-Za-z0-9_-]</c>.</summary>
        public static bool IsValidIdentifier(string level)
        {
            if (level == null || level.Length == 0 || level.Length > MaxIdentifierLength)
            {
                return false;
            }

            for (int i = 0; i < level.Length; i++)
            {
                if (!IsIdentifierChar(level[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when the text is a topic name to publish to: 1..256 characters, no <c>+</c>, <c>#</c> or control character,
        /// no leading '/', no empty level.</summary>
        public static bool IsValidTopicName(string topic)
        {
            if (!HasValidShape(topic))
            {
                return false;
            }

            for (int i = 0; i < topic.Length; i++)
            {
                // MQTT-4.7.1-1: wildcards are not allowed in topic names.
                if (topic[i] == '+' || topic[i] == '#')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when the text is a topic the cloud may deliver in step 12 (and the topics checkpoint may hold): a
        /// topic name whose every level is an identifier (<see cref="IsValidIdentifier"/>), since the profile builds those
        /// topics from home, gateway, group, device type and device id only. So no wildcard, no '$' (broker topics,
        /// MQTT-4.7.2-1), no space, control (C0, DEL, C1) or non-ASCII character.</summary>
        public static bool IsValidDeliveredTopic(string topic)
        {
            if (!IsValidTopicName(topic))
            {
                return false;
            }

            int levelStart = 0;
            for (int i = 0; i <= topic.Length; i++)
            {
                if (i < topic.Length && topic[i] != '/')
                {
                    if (!IsIdentifierChar(topic[i]))
                    {
                        return false;
                    }

                    continue;
                }

                if (i - levelStart > MaxIdentifierLength)
                {
                    return false;
                }

                levelStart = i + 1;
            }

            return true;
        }

        /// <summary>True when the text is a topic filter to subscribe to: the rules of <see cref="IsValidTopicName"/>,
        /// except that <c>+</c> and <c>#</c> may each form a whole level and <c>#</c> only the last one.</summary>
        public static bool IsValidTopicFilter(string filter)
        {
            if (!HasValidShape(filter))
            {
                return false;
            }

            for (int i = 0; i < filter.Length; i++)
            {
                char c = filter[i];
                if (c != '+' && c != '#')
                {
                    continue;
                }

                // MQTT-4.7.1-2 / -3: a wildcard occupies an entire level; '#' is the last character.
                bool startsLevel = i == 0 || filter[i - 1] == '/';
                bool endsLevel = i == filter.Length - 1 || filter[i + 1] == '/';
                if (!startsLevel || !endsLevel)
                {
                    return false;
                }

                if (c == '#' && i != filter.Length - 1)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool HasValidShape(string topic)
        {
            if (topic == null || topic.Length == 0 || topic.Length > MaxTopicLength)
            {
                return false;
            }

            // Profile: topics never start with '/' and have no empty level (so no "a//b" and no trailing '/').
            if (topic[0] == '/' || topic[topic.Length - 1] == '/')
            {
                return false;
            }

            for (int i = 0; i < topic.Length; i++)
            {
                char c = topic[i];

                // MQTT-4.7.3-2: no U+0000; control characters (C0, DEL, C1) are never part of a profile topic either.
                if (c < ' ' || (c >= '\u007F' && c <= '\u009F'))
                {
                    return false;
                }

                if (c == '/' && i > 0 && topic[i - 1] == '/')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsIdentifierChar(char c)
        {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        }
    }
}
