// Control and inspection API of the fake ESP-IDF used by the host tests (not part of ESP-IDF).
#ifndef FAKE_ESP_H
#define FAKE_ESP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "esp_err.h"
#include "esp_event.h"
#include "esp_log.h"
#include "esp_wifi.h"
#include "esp_wps.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FAKE_LOG_MAX_LINES 256
#define FAKE_LOG_MAX_LINE 512
#define FAKE_CALLS_MAX 64

typedef struct
{
    // Results the fake functions return (ESP_OK after fake_esp_reset).
    esp_err_t registerResult;
    esp_err_t unregisterResult;
    esp_err_t enableResult;
    esp_err_t startResult;
    esp_err_t disableResult;
    esp_err_t getConfigResult;
    esp_err_t setConfigResult;
    esp_err_t connectResult;

    // Event loop state.
    bool handlerRegistered;
    int32_t registeredEventId;
    esp_event_handler_t registeredHandler;
    esp_event_handler_t lastHandler; // kept after unregister to simulate an event already in flight
    void *registeredArg;

    // WPS driver state.
    bool wpsEnabled;
    wps_type_t enabledType;
    int startCalls;
    int startTimeoutMs; // -1 when started through the v6 prototype

    // Station config as the driver holds it.
    wifi_config_t stationConfig;
    int setConfigCalls;
    int connectCalls;

    // Ordered call names ("register", "enable", "start", "disable", "unregister", "get_config", "set_config",
    // "connect").
    const char *calls[FAKE_CALLS_MAX];
    int callCount;

    // Every formatted log line, "<level> <tag>: <message>".
    char log[FAKE_LOG_MAX_LINES][FAKE_LOG_MAX_LINE];
    int logCount;
} fake_esp_t;

extern fake_esp_t g_fake_esp;

// Resets every result to ESP_OK and clears all recorded state.
void fake_esp_reset(void);

// Dispatches a WIFI_EVENT to the registered handler like the default event loop would; returns false when no
// handler is registered (the event is dropped).
bool fake_esp_post_wifi_event(int32_t event_id, void *event_data);

// Index of the first recorded call with that name at or after `from`, or -1.
int fake_esp_find_call(const char *name, int from);

// Number of recorded calls with that name.
int fake_esp_count_calls(const char *name);

// True when any captured log line contains `needle` (byte-exact substring search).
bool fake_esp_log_contains(const char *needle);

#ifdef __cplusplus
}
#endif

#endif
