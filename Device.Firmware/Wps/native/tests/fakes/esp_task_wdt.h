// FAKE of ESP-IDF v5.5.4 components/esp_system/include/esp_task_wdt.h for host tests: same names, fields and prototypes;
// the fake records calls (fake_task_wdt.c). TaskHandle_t stands in for FreeRTOS's handle type.
#ifndef FAKE_ESP_TASK_WDT_H
#define FAKE_ESP_TASK_WDT_H

#include <stdbool.h>
#include <stdint.h>

#include "esp_err.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef void *TaskHandle_t;

typedef struct
{
    uint32_t timeout_ms;
    uint32_t idle_core_mask;
    bool trigger_panic;
} esp_task_wdt_config_t;

esp_err_t esp_task_wdt_init(const esp_task_wdt_config_t *config);
esp_err_t esp_task_wdt_reconfigure(const esp_task_wdt_config_t *config);
esp_err_t esp_task_wdt_add(TaskHandle_t task_handle);
esp_err_t esp_task_wdt_reset(void);

// Test control (not ESP-IDF).
typedef struct
{
    esp_err_t initResult;
    esp_err_t reconfigureResult;
    esp_err_t addResult;
    int initCalls;
    int reconfigureCalls;
    int addCalls;
    int resetCalls;
    esp_task_wdt_config_t lastConfig;
    TaskHandle_t lastAdded;
} fake_task_wdt_t;

extern fake_task_wdt_t g_fake_task_wdt;
void fake_task_wdt_reset_state(void);

#ifdef __cplusplus
}
#endif

#endif // FAKE_ESP_TASK_WDT_H
