namespace Mqtt2Go.Device.Core.Operation
{
    /// <summary>MQTT topic filter matching (MQTT 3.1.1 §4.7: '+' one level, '#' the rest), without allocating.</summary>
    public static class TopicFilter
    {
        /// <summary>True when the topic name matches the filter.</summary>
        public static bool Matches(string filter, string topic)
        {
            if (filter == null || topic == null)
            {
                return false;
            }

            int f = 0;
            int t = 0;
            while (f < filter.Length)
            {
                char c = filter[f];
                if (c == '#')
                {
                    // MQTT-4.7.1-2: '#' also matches the parent level ("a/#" matches "a").
                    return true;
                }

                if (c == '+')
                {
                    while (t < topic.Length && topic[t] != '/')
                    {
                        t++;
                    }

                    f++;
                    continue;
                }

                if (t >= topic.Length)
                {
                    // "a/#" matches "a": the filter may only have "/#" left.
                    return f + 1 < filter.Length && c == '/' && filter[f + 1] == '#' && f + 2 == filter.Length;
                }

                if (topic[t] != c)
                {
                    return false;
                }

                f++;
                t++;
            }

            return t == topic.Length;
        }
    }
}
