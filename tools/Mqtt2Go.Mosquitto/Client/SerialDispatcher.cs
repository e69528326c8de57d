using System.Collections.Concurrent;

namespace Mqtt2Go.Mosquitto.Client;

/// <summary>Runs actions on the thread pool one at a time, in posting order, so events of one client never overlap or reorder.</summary>
/// <remarks>Keeps user event handlers off the loop thread: a handler that blocks on the client cannot stall the loop.</remarks>
internal sealed class SerialDispatcher
{
    private readonly ConcurrentQueue<Action> _queue = new();
    private readonly Action<Exception> _onError;
    private int _running;

    internal SerialDispatcher(Action<Exception> onError)
    {
        _onError = onError;
    }

    internal void Post(Action action)
    {
        _queue.Enqueue(action);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static d => d.Drain(), this, preferLocal: false);
        }
    }

    private void Drain()
    {
        while (true)
        {
            while (_queue.TryDequeue(out Action? action))
            {
                try
                {
                    action();
                }
                catch (Exception ex)
                {
                    // A user handler threw: report it, keep delivering (never let it escape to the pool).
                    ReportSafely(ex);
                }
            }

            Volatile.Write(ref _running, 0);
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private void ReportSafely(Exception ex)
    {
        try
        {
            _onError(ex);
        }
        catch (Exception reportFailure)
        {
            // The error sink itself failed; the trace listener is the last place left to say so.
            System.Diagnostics.Trace.WriteLine($"mosquitto event handler error: {ex.Message}; error sink failed: {reportFailure.Message}");
        }
    }
}
