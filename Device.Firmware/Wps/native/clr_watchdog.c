//
// Mqtt2Go.Wps native interop: task watchdog on the nanoCLR interpreter thread. See clr_watchdog.h for why.
//
// ESP-IDF v5.5.4 components/esp_system/include/esp_task_wdt.h:
//   typedef struct { uint32_t timeout_ms; uint32_t idle_core_mask; bool trigger_panic; } esp_task_wdt_config_t;
//   esp_err_t esp_task_wdt_init(const esp_task_wdt_config_t *config);        ESP_ERR_INVALID_STATE if already initialised
//   esp_err_t esp_task_wdt_reconfigure(const esp_task_wdt_config_t *config);
//   esp_err_t esp_task_wdt_add(TaskHandle_t task_handle);                    NULL = the calling task
//   esp_err_t esp_task_wdt_reset(void);                                      feeds the calling task's entry
// nanoFramework's sdkconfig sets CONFIG_ESP_TASK_WDT_INIT=n (targets/ESP32/_IDF/sdkconfig.default), so the watchdog is
// not running at boot and idle tasks are not watched (idle_core_mask 0 keeps it that way); the panic handler reboots.
//

#include "clr_watchdog.h"

#include <stddef.h>

#include "esp_log.h"
#include "esp_task_wdt.h"

static const char *TAG = "clr_watchdog";

static bool s_running;
static bool s_attempted;

esp_err_t clr_watchdog_start(uint32_t timeout_ms)
{
    s_attempted = true;
    esp_task_wdt_config_t config = {
        .timeout_ms = timeout_ms,
        .idle_core_mask = 0,
        .trigger_panic = true,
    };

    esp_err_t err = esp_task_wdt_init(&config);
    if (err == ESP_ERR_INVALID_STATE)
    {
        // Already initialised (an image built with CONFIG_ESP_TASK_WDT_INIT=y): take its configuration over.
        err = esp_task_wdt_reconfigure(&config);
    }

    if (err != ESP_OK)
    {
        ESP_LOGE(TAG, "Failed to start the task watchdog: 0x%x", (unsigned)err);
        return err;
    }

    err = esp_task_wdt_add(NULL);
    if (err != ESP_OK && err != ESP_ERR_INVALID_ARG)
    {
        // ESP_ERR_INVALID_ARG: this task is subscribed already, which is what we want.
        ESP_LOGE(TAG, "Failed to subscribe the interpreter task to the task watchdog: 0x%x", (unsigned)err);
        return err;
    }

    s_running = true;
    ESP_LOGI(TAG, "interpreter thread watched, %u ms", (unsigned)timeout_ms);
    return ESP_OK;
}

void clr_watchdog_feed(void)
{
    if (s_running)
    {
        (void)esp_task_wdt_reset();
    }
}

bool clr_watchdog_is_running(void)
{
    return s_running;
}

void clr_watchdog_forget(void)
{
    s_running = false;
    s_attempted = false;
}

void Watchdog_Init(void)
{
    if (!s_attempted)
    {
        (void)clr_watchdog_start(CLR_WATCHDOG_TIMEOUT_MS);
    }
}

void Watchdog_Reset(void)
{
    if (!s_attempted)
    {
        // First call, on the interpreter thread: subscribe it. A failed start is not retried on every reset.
        (void)clr_watchdog_start(CLR_WATCHDOG_TIMEOUT_MS);
    }

    clr_watchdog_feed();
}
