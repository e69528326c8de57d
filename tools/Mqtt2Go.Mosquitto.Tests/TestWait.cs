namespace Mqtt2Go.Mosquitto.Tests;

/// <summary>Small awaiting helpers with timeouts, so a broken test fails instead of hanging.</summary>
internal static class TestWait
{
    public static async Task<T> Within<T>(Task<T> task, TimeSpan timeout, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(timeout)) != task)
        {
            throw new TimeoutException($"{what} did not complete within {timeout.TotalSeconds:0.#} s");
        }

        return await task;
    }

    public static async Task Within(Task task, TimeSpan timeout, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(timeout)) != task)
        {
            throw new TimeoutException($"{what} did not complete within {timeout.TotalSeconds:0.#} s");
        }

        await task;
    }

    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not within {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(20);
        }
    }

    public static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);
}
