//
// Mqtt2Go.Wps native interop: a task watchdog on the nanoCLR interpreter thread (custom image only).
// Why: since nf-interpreter #3468 the TLS handshake runs blocking inside the native SecureConnect, so a server that
// accepts TCP but stalls the handshake stops the interpreter thread, and every managed thread with it, for as long as
// the TCP connection lives; no managed code can time it out. nanoCLR feeds a watchdog through the weak hooks
// Watchdog_Init/Watchdog_Reset (src/HAL/Include/nanoHAL_Watchdog.h, no-ops in src/HAL/nanoHAL_Watchdog.c, never
// overridden for ESP32), calling Watchdog_Reset from the scheduler and the events loop (src/CLR/Core/Execution.cpp,
// targets/ESP32/_nanoCLR/targetPAL_Events.cpp). This file provides them: the interpreter task is subscribed to the
// ESP-IDF task watchdog, so a thread stuck in native code for CLR_WATCHDOG_TIMEOUT_MS triggers a panic and a reboot,
// and the firmware resumes from its checkpoints.
//
#ifndef CLR_WATCHDOG_H
#define CLR_WATCHDOG_H

#include <stdbool.h>
#include <stdint.h>

#include "esp_err.h"

#ifdef __cplusplus
extern "C" {
#endif

// Longer than any legitimate native block on the interpreter thread: WifiAdapter.Connect waits with WaitEvents (the
// scheduler keeps running), flash writes and a normal handshake take seconds.
#define CLR_WATCHDOG_TIMEOUT_MS 60000

// Initialises (or reconfigures) the task watchdog with a panic on expiry and subscribes the calling task.
// ESP_OK when running; on failure it logs "Failed to ..." and the device runs without it.
esp_err_t clr_watchdog_start(uint32_t timeout_ms);

// Feeds the watchdog when it runs; does nothing otherwise.
void clr_watchdog_feed(void);

// True once clr_watchdog_start succeeded.
bool clr_watchdog_is_running(void);

// Forgets the state (host tests only; the task stays subscribed on a device).
void clr_watchdog_forget(void);

// nanoHAL hooks (strong definitions of the weak ones in src/HAL/nanoHAL_Watchdog.c). Watchdog_Reset starts the
// watchdog on its first call, from the interpreter thread, since nothing calls Watchdog_Init on ESP32.
void Watchdog_Init(void);
void Watchdog_Reset(void);

#ifdef __cplusplus
}
#endif

#endif // CLR_WATCHDOG_H
