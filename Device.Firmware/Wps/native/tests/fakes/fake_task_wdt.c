// Fake task watchdog for the clr_watchdog host tests: records calls, returns the scripted results.
#include <string.h>

#include "esp_task_wdt.h"

fake_task_wdt_t g_fake_task_wdt;

void fake_task_wdt_reset_state(void)
{
    memset(&g_fake_task_wdt, 0, sizeof(g_fake_task_wdt));
}

esp_err_t esp_task_wdt_init(const esp_task_wdt_config_t *config)
{
    g_fake_task_wdt.initCalls++;
    g_fake_task_wdt.lastConfig = *config;
    return g_fake_task_wdt.initResult;
}

esp_err_t esp_task_wdt_reconfigure(const esp_task_wdt_config_t *config)
{
    g_fake_task_wdt.reconfigureCalls++;
    g_fake_task_wdt.lastConfig = *config;
    return g_fake_task_wdt.reconfigureResult;
}

esp_err_t esp_task_wdt_add(TaskHandle_t task_handle)
{
    g_fake_task_wdt.addCalls++;
    g_fake_task_wdt.lastAdded = task_handle;
    return g_fake_task_wdt.addResult;
}

esp_err_t esp_task_wdt_reset(void)
{
    g_fake_task_wdt.resetCalls++;
    return ESP_OK;
}
